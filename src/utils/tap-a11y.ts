/**
 * Taps for screen readers and keyboards on the H5 build.
 *
 * Our buttons are Taro Views with onClick (`xz-button`, chips, big rows): on H5 they become
 * <taro-view-core> elements that a screen reader does not announce as buttons and a keyboard cannot
 * reach. Rather than every page remembering role and tabindex, this marks every View, Text or Image given
 * an onClick as a button (role="button", tabindex="0", aria-disabled while `xz-button--disabled`),
 * and lets Enter and Space press it, as they press a real button; and it lets each page's scrolling box
 * take focus, so the keyboard can scroll a page with nothing to tap. WeChat has its own accessibility
 * for views; this runs only in the browser.
 */
const MARK = 'data-xz-tap';

/**
 * Taro's React wrapper of its H5 components binds onClick itself (attachProps → syncEvent) and keeps
 * the listener in the element's own `__events`; it also resets `className` on every update, so a
 * class mutation follows every change of handlers.
 */
function hasClick(el: Element): boolean {
  const events = (el as Element & { __events?: Record<string, unknown> }).__events;
  return typeof events?.click === 'function';
}

const TAGS = ['TARO-VIEW-CORE', 'TARO-TEXT-CORE', 'TARO-IMAGE-CORE'];

function mark(el: Element): void {
  if (!TAGS.includes(el.tagName)) return;
  if (!hasClick(el)) {
    if (el.hasAttribute(MARK)) {
      el.removeAttribute(MARK);
      el.removeAttribute('role');
      el.removeAttribute('tabindex');
      el.removeAttribute('aria-disabled');
    }
    return;
  }
  if (!el.hasAttribute(MARK)) {
    el.setAttribute(MARK, '');
    el.setAttribute('role', 'button');
    el.setAttribute('tabindex', '0');
  }
  if (el.classList.contains('xz-button--disabled')) el.setAttribute('aria-disabled', 'true');
  else el.removeAttribute('aria-disabled');
}

/**
 * Each Taro page is its own scrolling box (.taro_page); a page with nothing to tap (a log, say) could
 * not be scrolled from the keyboard at all, so the box itself takes focus.
 */
function markPage(el: Element): void {
  if (el.classList.contains('taro_page') && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
}

function markTree(root: Node): void {
  if (!(root instanceof Element)) return;
  markPage(root);
  mark(root);
  for (const el of Array.from(root.querySelectorAll('taro-view-core, taro-text-core, taro-image-core'))) mark(el);
}

export function installTapAccessibility(): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        markPage(r.target as Element);
        mark(r.target as Element);
      } else r.addedNodes.forEach(markTree);
    }
  });
  // Handlers are bound after the element is in the page, and every update rewrites the class.
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['class'],
  });
  markTree(document.documentElement);
  document.addEventListener('keydown', (e) => {
    const el = e.target;
    if (!(el instanceof HTMLElement) || !el.hasAttribute(MARK)) return;
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    el.click();
  });
}
