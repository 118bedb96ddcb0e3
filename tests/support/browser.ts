import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where browser tests leave their screenshots (`contrail test` prints jest's results beside them). */
export const SCREENSHOTS = path.resolve(__dirname, '../../test-output/screenshots');

/** Debian's Chromium (CHROMIUM_PATH, set by `contrail test`): Playwright's own download cannot work here. */
export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: run the tests with \`npm test\`, which installs it`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Collects what should never happen on a page: uncaught errors, console errors (a blocked
 * resource, a CSP violation) and any sight of the API token in what the browser receives.
 */
export function watchPage(page: Page, token: string): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx is an answer the page shows (a refused row, a missing run); anything else is a fault.
    const expected = /Failed to load resource: the server responded with a status of 4\d\d/.test(
      message.text(),
    );
    if (message.type() === 'error' && !expected) problems.push(`console error: ${message.text()}`);
  });
  page.on('request', (request) => {
    const headers = JSON.stringify(request.headers());
    if (headers.includes(token) || request.url().includes(token))
      problems.push(`token sent by the browser: ${request.url()}`);
  });
  page.on('response', async (response) => {
    // A response still arriving as the page closes can no longer be read, headers or body.
    const headers = JSON.stringify(await response.allHeaders().catch(() => ({})));
    const body = await response.text().catch(() => '');
    if (headers.includes(token) || body.includes(token)) problems.push(`token seen in ${response.url()}`);
  });
  return { problems };
}

/** How far the page is wider than its viewport (0 when it fits: wide tables scroll in their own box). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
