import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { horizontalOverflow, launchBrowser, screenshot, watchPage } from '../../tests/support/browser';
import { promoteTinyModel } from '../../tests/support/promote-tiny-model';
import { type RunningSystem, startRunningSystem } from '../../tests/support/running-system';
import { createWebappServer } from '../server/app';
import { flightsCsv } from './flights-csv';
import { focusedName, tabTo } from './keyboard';

describe('keyboard, phone width, empty, loading and error states (real browser, running system)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let watch: { problems: string[] };

  beforeAll(async () => {
    [system, browser] = await Promise.all([startRunningSystem(), launchBrowser()]);
    await promoteTinyModel(system);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watch = watchPage(page, system.token);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 120_000);

  it('predicts a flight and finds it in past predictions with the keyboard alone', async () => {
    await page.goto(system.urls.webapp);
    await page.getByText(/Answered by model/).waitFor();
    await tabTo(page, /^Skip to content$/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await tabTo(page, /^Origin airport/);
    await page.keyboard.type('logan');
    await page.getByRole('option', { name: /BOS/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo(page, /^Distance/);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('1234');
    await tabTo(page, /^Predict$/);
    await page.keyboard.press('Enter');
    await page.locator('.prediction-card').waitFor();
    const cells = await page.locator('.results tbody tr').first().locator('td').allInnerTexts();
    expect(cells.slice(3, 6)).toEqual(['BOS', expect.any(String), '1234']);

    // Each page takes focus to its heading, so a screen reader says where the person arrived.
    await tabTo(page, /^Past predictions$/, { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Past predictions' }).waitFor();
    expect(await focusedName(page)).toBe('Past predictions');
    await tabTo(page, /^Source$/);
    await page.keyboard.press('ArrowDown'); // "All sources" → "Web app"
    await tabTo(page, /^Show$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/source=webapp/);
    const first = page.locator('tr[data-prediction-id]').first();
    await first.waitFor();
    expect(await first.locator('td').nth(4).innerText()).toBe('BOS');
    await screenshot(page, 'keyboard-past-predictions');
  });

  it('fits a phone’s width on every page: wide tables scroll in their own box', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-phone-'));
    try {
      await phone.goto(system.urls.webapp);
      await phone.getByText(/Answered by model/).waitFor();
      expect(await horizontalOverflow(phone)).toBe(0);
      await screenshot(phone, 'phone-predict-form');

      fs.writeFileSync(path.join(dir, 'flights.csv'), flightsCsv(40));
      await phone.getByRole('tab', { name: 'Upload a CSV' }).click();
      await phone.locator('#csv-file').setInputFiles(path.join(dir, 'flights.csv'));
      await phone.getByRole('button', { name: 'Predict 40 rows' }).click();
      await phone.locator('.results tbody tr').first().waitFor();
      expect(await horizontalOverflow(phone)).toBe(0);
      await screenshot(phone, 'phone-predict-results');

      await phone.goto(`${system.urls.webapp}/past-predictions`);
      await phone.locator('tr[data-prediction-id]').first().waitFor();
      expect(await horizontalOverflow(phone)).toBe(0);
      await screenshot(phone, 'phone-past-predictions');
    } finally {
      await phone.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when a range holds no predictions, and shows loading while the API answers', async () => {
    // Hold the API's answers (they still come from the real API) so the loading state can be seen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/past-predictions?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${system.urls.webapp}/past-predictions?from=1999-01-01T00%3A00&to=1999-01-02T00%3A00`);
    const loading = page.getByRole('status').filter({ hasText: 'Loading predictions…' });
    await loading.waitFor();
    await screenshot(page, 'past-predictions-loading');
    release();
    await page.getByText('No predictions in this range.').waitFor();
    expect(await loading.count()).toBe(0);
    expect(await page.locator('.chart canvas').count()).toBe(0);
    await page.unroute('**/api/past-predictions?*');
    await screenshot(page, 'past-predictions-empty');
  });

  it('explains a lost connection in words, and recovers with "Try again"', async () => {
    await page.goto(`${system.urls.webapp}/pipelines`);
    await page.locator('.run-grid, .state-empty').first().waitFor();
    await page.context().setOffline(true);
    await page.getByRole('link', { name: 'Past predictions' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The web app’s server cannot be reached. Is Contrail running?');
    expect(await alert.innerText()).toContain('Start Contrail with `npm start`, then try again.');
    await screenshot(page, 'past-predictions-offline');
    await page.context().setOffline(false);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.locator('tr[data-prediction-id]').first().waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // The offline fetches were provoked here; nothing else may have gone wrong.
    watch.problems = watch.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'));
  });

  it('tells the person when the web app is up but the model service is not', async () => {
    // A second web app server whose API address has nothing listening: a real refused connection.
    const web = createWebappServer({ apiUrl: 'http://127.0.0.1:9', token: 'unused', log: () => undefined });
    const server = web.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const other = await browser.newPage();
    try {
      await other.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/pipelines`);
      const alert = other.getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toContain('The model service cannot be reached (ECONNREFUSED)');
      expect(await alert.innerText()).toContain('The web app is up but the model service is not');
      expect(await alert.innerText()).toContain('HTTP 502 · api_unreachable');
      await screenshot(other, 'pipelines-api-unreachable');
    } finally {
      await other.close();
      server.close();
    }
  });

  it('never shows the API token to the browser, and the pages raise no errors', () => {
    expect(watch.problems).toEqual([]);
  });
});
