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
