import { join } from 'node:path';
import simulate from 'miniprogram-simulate';
import { stageStrip, stateInfo, type MatterState, type Stage } from '../../core/matter/states';

/**
 * The real StageStrip, compiled by `taro build native-components --type weapp`, rendered by
 * miniprogram-simulate with the strips core's own stageStrip() makes for a matter's state: the five
 * steps in words, where the matter is (in words as well as by style), where it stopped, and what a
 * tap on a step says.
 */
const ROOT = join(__dirname, '..', '..', 'dist', 'weapp-components');

interface Node {
  dom?: { textContent: string | null };
  dispatchEvent(name: string): void;
}

function text(el: { dom?: { textContent: string | null } } | undefined): string {
  return (el?.dom?.textContent ?? '').replace(/\s+/g, '');
}

function propsFor(state: MatterState, stoppedAt: Stage | null = null) {
  return { steps: stageStrip(state, stoppedAt), stateLabel: stateInfo(state).label };
}

describe('StageStrip under miniprogram-simulate', () => {
  let id: string;
  beforeAll(() => {
    id = simulate.load(join(ROOT, 'components', 'StageStrip', 'index'), { rootPath: ROOT });
  });

  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 50));
  }

  function mount(props: Record<string, unknown>) {
    const comp = simulate.render(id, { props });
    comp.attach(document.createElement('parent-wrapper'));
    return comp;
  }

  const steps = (comp: ReturnType<typeof mount>): Node[] => comp.querySelectorAll('.stage-strip__step') as Node[];

  test('draws the five stages, and says the current one in words as well as by style', async () => {
    const comp = mount(propsFor('deliberating'));
    await settle();
    const all = steps(comp);
    expect(all).toHaveLength(5);
    expect(all.map(text)).toEqual(['✓民提已完成', '●民议进行中', '○民决还没到', '○民办还没到', '○民评还没到']);

    // The style marks it too: exactly one step carries the current class, and it is 民议.
    const current = comp.querySelectorAll('.stage-strip__step--current') as Node[];
    expect(current).toHaveLength(1);
    expect(text(current[0])).toContain('民议');
    expect(comp.querySelectorAll('.stage-strip__step--done')).toHaveLength(1);
    expect(text(comp.querySelector('.stage-strip__summary') as Node)).toBe('现在在“民事民议”这一步：大家商量中');
  });

  test('a declined matter shows the strip stopped at 民提, in words, with the later steps not taken', async () => {
    const comp = mount(propsFor('declined', 'raise'));
    await settle();
    expect(steps(comp).map(text)).toEqual([
      '✗民提已停止',
      '－民议不进行',
      '－民决不进行',
      '－民办不进行',
      '－民评不进行',
    ]);
    expect(comp.querySelectorAll('.stage-strip__step--stopped')).toHaveLength(1);
    expect(comp.querySelectorAll('.stage-strip__step--current')).toHaveLength(0);
    expect(text(comp.querySelector('.stage-strip__summary') as Node)).toBe('停在了“民事民提”这一步：没有受理');
  });

  test('a matter withdrawn while being talked over stops at 民议; a closed one has all five done', async () => {
    const comp = mount(propsFor('withdrawn', 'deliberate'));
    await settle();
    expect(steps(comp).map(text)).toEqual([
      '✓民提已完成',
      '✗民议已停止',
      '－民决不进行',
      '－民办不进行',
      '－民评不进行',
    ]);
    expect(text(comp.querySelector('.stage-strip__summary') as Node)).toContain('提出人已撤回');

    comp.setData({ props: propsFor('closed') });
    await settle();
    expect(steps(comp).every((s) => text(s).endsWith('已完成'))).toBe(true);
    expect(text(comp.querySelector('.stage-strip__summary') as Node)).toBe('五步都走完了：已办结');
  });

  test('a tap on a stage says what happens in it; a second tap folds it; new props move the strip', async () => {
    const comp = mount(propsFor('voting'));
    await settle();
    expect(comp.querySelector('.stage-strip__about')).toBeFalsy();

    steps(comp)[2].dispatchEvent('tap');
    await settle();
    const about = text(comp.querySelector('.stage-strip__about') as Node);
    expect(about).toContain('民事民决（进行中）');
    expect(about).toContain('投票表决');
    expect(comp.querySelector('.stage-strip__step--open')).toBeTruthy();

    steps(comp)[2].dispatchEvent('tap');
    await settle();
    expect(comp.querySelector('.stage-strip__about')).toBeFalsy();

    // The vote passed and the work started: the same component, new props, 民办 is now current.
    comp.setData({ props: propsFor('implementing') });
    await settle();
    const current = comp.querySelectorAll('.stage-strip__step--current') as Node[];
    expect(current.map(text)).toEqual(['●民办进行中']);
    expect(text(comp.querySelector('.stage-strip__summary') as Node)).toBe('现在在“民事民办”这一步：正在办');
  });

  test('in a list card (compact) a tap opens nothing, since the card itself opens the matter', async () => {
    const comp = mount({ ...propsFor('raised'), compact: true });
    await settle();
    expect(comp.querySelector('.stage-strip--compact')).toBeTruthy();
    steps(comp)[0].dispatchEvent('tap');
    await settle();
    expect(comp.querySelector('.stage-strip__about')).toBeFalsy();
    expect(text(steps(comp)[0])).toBe('●民提进行中');
  });
});
