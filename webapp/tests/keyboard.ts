import type { Page } from 'playwright-core';

/** The accessible name of the focused element, as a person hears it: its label, aria-label or text. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelled = el.getAttribute('aria-labelledby');
    const input = el as HTMLInputElement;
    const name =
      el.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled)?.textContent : undefined) ??
      input.labels?.[0]?.textContent ??
      el.textContent;
    return (name ?? '').replace(/\s+/g, ' ').trim();
  });
}

/**
 * Presses Tab (Shift+Tab backwards) until the focused element is named `name`: proves it is reachable by keyboard, in
 * page order, and that focus is visibly drawn on it (the app's focus ring, not the browser's none).
 */
export async function tabTo(
  page: Page,
  name: RegExp,
  { backwards = false, maxPresses = 40 } = {},
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const current = await focusedName(page);
    seen.push(current);
    if (name.test(current)) {
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      if (ring === 'none') throw new Error(`${current} has focus but no visible focus ring`);
      return;
    }
  }
  throw new Error(`Tab never reached ${name}; it went through: ${seen.join(' → ')}`);
}
