import { join } from 'node:path';
import simulate from 'miniprogram-simulate';

/**
 * The real ElderSwitch, compiled by `taro build native-components --type weapp`, rendered by
 * miniprogram-simulate: what WeChat's own component system would show, tapped as a finger would.
 */
const ROOT = join(__dirname, '..', '..', 'dist', 'weapp-components');

function text(el: { dom?: { textContent: string | null } }): string {
  return (el.dom?.textContent ?? '').replace(/\s+/g, '');
}

describe('ElderSwitch under miniprogram-simulate', () => {
  let id: string;
  beforeAll(() => {
    id = simulate.load(join(ROOT, 'components', 'ElderSwitch', 'index'), { rootPath: ROOT });
  });

  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 50));
  }

  test('shows its state in words and turns on when tapped', async () => {
    const comp = simulate.render(id, { props: { on: false } });
    comp.attach(document.createElement('parent-wrapper'));
    await settle();
    expect(text(comp)).toContain('长辈版');
    expect(text(comp)).toContain('已关闭');

    const root = comp.querySelector('.elder-switch');
    expect(root).toBeTruthy();
    root?.dispatchEvent('tap');
    await settle();
    expect(text(comp)).toContain('已打开');
    expect(comp.querySelector('.elder-switch--on')).toBeTruthy();

    comp.querySelector('.elder-switch')?.dispatchEvent('tap');
    await settle();
    expect(text(comp)).toContain('已关闭');
    expect(comp.querySelector('.elder-switch--on')).toBeFalsy();
  });

  test('follows the on prop, and ignores taps while disabled', async () => {
    const comp = simulate.render(id, { props: { on: true, disabled: true } });
    comp.attach(document.createElement('parent-wrapper'));
    await settle();
    expect(text(comp)).toContain('已打开');
    comp.querySelector('.elder-switch')?.dispatchEvent('tap');
    await settle();
    expect(text(comp)).toContain('已打开');

    comp.setData({ props: { on: false, disabled: false } });
    await settle();
    expect(text(comp)).toContain('已关闭');
  });
});
