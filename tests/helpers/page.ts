import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Taro's H5 keeps earlier pages in the DOM, hidden: only what is on screen counts. */
export const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`);

/** A moment for a tap's request and re-render to land. */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(500);
}

/** axe's contrast rule on what is on screen: text at least 4.5:1 (3:1 when large). */
export async function contrastProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

/** One serious or critical axe finding, as a line a failing test can print. */
export interface AxeProblem {
  readonly rule: string;
  readonly impact: string;
  readonly target: string;
  readonly summary: string;
}

/**
 * axe's full rule set on what is on screen, keeping only serious and critical findings.
 * Taro's H5 keeps earlier pages in the DOM (display: none); axe skips hidden nodes for most rules,
 * and the pages not on screen are excluded outright so that none of them can add noise.
 */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  const offscreen = await page.evaluate(() => {
    let n = 0;
    for (const el of Array.from(document.querySelectorAll('.taro_page'))) {
      if (getComputedStyle(el).display === 'none') {
        el.setAttribute('data-axe-offscreen', '');
        n += 1;
      } else el.removeAttribute('data-axe-offscreen');
    }
    return n;
  });
  // Legacy mode runs axe in the page itself: the default opens a blank page per run to merge the
  // results of cross-origin frames (we have none), which made each run several times slower.
  let builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  if (offscreen > 0) builder = builder.exclude('[data-axe-offscreen]');
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: v.impact ?? '',
        target: n.target.join(' '),
        summary: (n.failureSummary ?? v.help).replace(/\s+/g, ' ').trim(),
      })),
    );
}

/** Fails, listing every serious or critical axe violation on screen (rule, target, summary). */
export async function axeAudit(page: Page, label: string): Promise<void> {
  const problems = await axeProblems(page);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  [${p.impact}] ${p.rule} at ${p.target}: ${p.summary}`);
  throw new Error(`axe on ${label}: ${problems.length} serious or critical violation(s)\n${lines.join('\n')}`);
}

/**
 * Elder mode (长辈版) as PageFrame renders it: `elder` on the page's .xz-page and `xz-elder` on <html>.
 * All of elder mode's look hangs on these two classes, so this shows the page exactly as an elder-mode
 * user sees it, without a reload that would lose the page stack. Returns whether it was on before.
 */
export async function showElderMode(page: Page, on: boolean): Promise<boolean> {
  return page.evaluate((want) => {
    const root = document.documentElement;
    const was = root.classList.contains('xz-elder');
    root.classList.toggle('xz-elder', want);
    for (const el of Array.from(document.querySelectorAll('.xz-page'))) el.classList.toggle('elder', want);
    return was;
  }, on);
}

/** axeAudit in normal and in elder mode, leaving the page in the mode it was in. */
export async function axeAuditBothModes(page: Page, label: string): Promise<void> {
  const was = await showElderMode(page, false);
  try {
    await axeAudit(page, `${label} (普通)`);
    await showElderMode(page, true);
    await axeAudit(page, `${label} (长辈版)`);
  } finally {
    await showElderMode(page, was);
  }
}

/** The computed font size, in px, of every visible element matching the selectors. */
export async function fontSizes(page: Page, selectors: readonly string[]): Promise<number[]> {
  const sizes: number[] = [];
  for (const s of selectors) {
    sizes.push(
      ...(await visible(page, s).evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)))),
    );
  }
  return sizes;
}
