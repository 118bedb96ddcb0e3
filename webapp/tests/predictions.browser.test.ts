import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchPage } from '../../tests/support/browser';
import { promoteTinyModel } from '../../tests/support/promote-tiny-model';
import { type RunningSystem, startRunningSystem } from '../../tests/support/running-system';
import { FORMULA_ID, SPOILED, flightsCsv } from './flights-csv';

/** Predictions as the database holds them, newest first (the API's order). */
interface StoredRow {
  id: string;
  source: string;
  features: Record<string, unknown>;
  predicted_delay: number;
}

describe('predict and past predictions (real browser, running system)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: { problems: string[] };
  let db: pg.Pool;
  let dir: string;
  const predictCalls: string[] = [];

  beforeAll(async () => {
    [system, browser] = await Promise.all([startRunningSystem(), launchBrowser()]);
    db = new pg.Pool({ connectionString: system.databaseUrl, max: 2 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-browser-'));
    // A zone away from UTC, so the date filter's conversion from local time is really exercised.
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'America/New_York',
      acceptDownloads: true,
    });
    page = await context.newPage();
    watch = watchPage(page, system.token);
    page.on('request', (r) => r.url().endsWith('/api/predict') && predictCalls.push(r.method()));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await system?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  const stored = async (where = 'TRUE', params: unknown[] = []) =>
    (
      await db.query<StoredRow>(
        `SELECT p.id::text AS id, source, features, predicted_delay FROM predictions p WHERE ${where} ORDER BY p.created_at DESC, p.id DESC`,
        params,
      )
    ).rows;

  it('says why nothing can be predicted before a model is active, in words and with what to do', async () => {
    await page.goto(system.urls.webapp);
    await page.getByText('The model service reports a problem').waitFor();
    await page.getByRole('button', { name: 'Predict' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The prediction failed.' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('No model is active yet');
    expect(await alert.innerText()).toContain('Train and promote a model: `npx contrail train --promote`.');
    expect(await alert.innerText()).toContain('HTTP 503 · no_active_model');
    await screenshot(page, 'predict-no-model');
    expect(await stored()).toEqual([]);
    // The 503s the browser logged are the answers this test provoked; nothing else may have gone wrong.
    expect(watch.problems.filter((p) => !p.includes('status of 503'))).toEqual([]);
    watch.problems.length = 0;
    await promoteTinyModel(system);
  });

  it('checks the form before sending, predicts one flight, and shows it in the results and in past predictions under webapp', async () => {
    await page.goto(system.urls.webapp);
    await page.getByText(/Answered by model/).waitFor();

    // The airport pickers search names: "hartsfield" finds Atlanta, picked from the keyboard.
    const origin = page.getByRole('combobox', { name: 'Origin airport' });
    await origin.fill('hartsfield');
    await page.getByRole('option', { name: /ATL/ }).waitFor();
    await origin.press('ArrowDown');
    await origin.press('Enter');
    expect(await origin.inputValue()).toBe('ATL');
    await page.getByText('William B Hartsfield-Atlanta Intl (Atlanta, GA)').waitFor();

    // Inline validation, with the API's own words, and nothing sent while it fails.
    const destination = page.getByRole('combobox', { name: 'Destination airport' });
    await destination.fill('ATL');
    await destination.press('Tab');
    const distance = page.getByLabel('Distance');
    await distance.fill('99999');
    await distance.press('Tab');
    const sentBefore = predictCalls.length;
    await page.getByRole('button', { name: 'Predict' }).click();
    await page.getByText('origin and destination must be different airports').waitFor();
    await page.getByText('must be at most 5100 miles').waitFor();
    await page.getByText('2 fields need attention before predicting').waitFor();
    expect(await distance.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'predict-form-invalid');
    expect(predictCalls.length).toBe(sentBefore);

    await destination.fill('LGA');
    await destination.press('Enter');
    await distance.fill('762');
    await page.getByLabel('Departure time').fill('2001-04-02T17:30');
    await page.getByLabel(/Flight id/).fill('DL1234');
    await page.getByRole('button', { name: 'Predict' }).click();
    const card = page.locator('.prediction-card');
    await card.waitFor();
    expect(predictCalls.length).toBe(sentBefore + 1);

    const [row] = await stored(`source = 'webapp'`);
    expect(row!.features).toEqual({
      flight_id: 'DL1234',
      date: '2001-04-02 17:30',
      origin: 'ATL',
      destination: 'LGA',
      distance: 762,
    });
    const shown = delayText(row!.predicted_delay);
    expect(await card.innerText()).toContain(shown);
    const cells = await page.locator('.results tbody tr').first().locator('td').allInnerTexts();
    expect(cells).toEqual(['1', 'DL1234', '2001-04-02 17:30', 'ATL', 'LGA', '762', shown, '']);
    await screenshot(page, 'predict-form-result');

    await page.getByRole('link', { name: 'Past predictions' }).click();
    await page.getByLabel('Source').selectOption('webapp');
    await page.getByRole('button', { name: 'Show' }).click();
    const first = page.locator(`tr[data-prediction-id="${row!.id}"]`);
    await first.waitFor();
    expect(await first.locator('td').allInnerTexts()).toEqual([
      expect.any(String),
      'webapp',
      'DL1234',
      '2001-04-02 17:30',
      'ATL',
      'LGA',
      '762',
      shown,
      expect.stringMatching(/^gbdt-/),
    ]);
    await screenshot(page, 'past-predictions-webapp');
  });

  it('predicts the good rows of a 1,000-row CSV and lists the bad ones with their reasons', async () => {
    const before = (await stored(`source = 'webapp'`)).length;
    const file = path.join(dir, 'flights.csv');
    fs.writeFileSync(file, flightsCsv(1000));
    await page.goto(system.urls.webapp);
    // Tabs follow the ARIA pattern: the arrow keys move between them.
    await page.getByRole('tab', { name: 'One flight' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Upload a CSV' }).getAttribute('aria-selected')).toBe('true');
    await page.locator('#csv-file').setInputFiles(file);

    await page.getByText('1,000 rows · 995 valid · 5 will be rejected').waitFor();
    const listed = await page
      .getByRole('list', { name: 'Rows that will be rejected' })
      .locator('li')
      .allInnerTexts();
    expect(listed).toHaveLength(SPOILED.length);
    SPOILED.forEach((s, i) => {
      expect(listed[i]).toContain(`Line ${s.index + 2}`);
      expect(listed[i]).toContain(s.reason);
    });
    await screenshot(page, 'predict-csv-preview');

    await page.getByRole('button', { name: 'Predict 1,000 rows' }).click();
    await page.locator('.results-summary').getByText('995 predicted').waitFor();
    expect(await page.locator('.results-summary').innerText()).toContain('5 rejected');
    expect((await stored(`source = 'webapp'`)).length - before).toBe(995);

    await page.getByLabel('Show').selectOption('rejected');
    const rejectedRows = page.locator('.results tbody tr');
    expect(await rejectedRows.count()).toBe(5);
    const reasons = await rejectedRows.evaluateAll((rows) =>
      rows.map((r) => [r.children[0]!.textContent, r.lastElementChild!.textContent]),
    );
    SPOILED.forEach((s, i) => {
      expect(reasons[i]![0]).toBe(String(s.index + 2));
      expect(reasons[i]![1]).toContain(s.reason);
    });
    await screenshot(page, 'predict-csv-results');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const records = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(records).toHaveLength(1000);
    expect(records.filter((r) => r.error !== '').map((r) => Number(r.line))).toEqual(
      SPOILED.map((s) => s.index + 2),
    );
    expect(records.filter((r) => r.predicted_delay !== '')).toHaveLength(995);
    expect(records.find((r) => r.line === '5')?.flight_id).toBe(`'${FORMULA_ID}`);
  });

  it('filters past predictions by source and by date to exactly the rows the database holds, across pages', async () => {
    // Scheduled predictions at known instants: 10:00:30 to 15:00:30 New York time on 2030-01-01.
    const res = await fetch(`${system.urls.api}/predict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${system.token}` },
      body: JSON.stringify({
        source: 'scheduled',
        rows: [0, 1, 2, 3, 4, 5].map((i) => ({
          date: `2001-05-0${i + 1} 08:00`,
          origin: 'BOS',
          destination: 'ORD',
          distance: 867,
        })),
      }),
    });
    const { requestId } = (await res.json()) as { requestId: string };
    await db.query(
      `UPDATE predictions SET created_at = timestamptz '2030-01-01 15:00:30+00' + row_index * interval '1 hour' WHERE request_id = $1`,
      [requestId],
    );

    await page.goto(`${system.urls.webapp}/past-predictions`);
    await page.getByLabel('From').fill('2030-01-01T11:00');
    await page.getByLabel('To').fill('2030-01-01T14:00');
    await page.getByLabel('Source').selectOption('scheduled');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('tr[data-prediction-id]').first().waitFor();
    expect(page.url()).toContain('from=2030-01-01T11%3A00&to=2030-01-01T14%3A00&source=scheduled');
    expect(await page.getByLabel('From').inputValue()).toBe('2030-01-01T11:00');
    const expected = await stored(`source = 'scheduled' AND created_at >= $1 AND created_at < $2`, [
      '2030-01-01T16:00:00Z',
      '2030-01-01T19:00:00Z',
    ]);
    expect(expected.map((r) => r.features.date)).toEqual([
      '2001-05-04 08:00',
      '2001-05-03 08:00',
      '2001-05-02 08:00',
    ]);
    expect(await shownIds(page)).toEqual(expected.map((r) => r.id));
    await page.locator('.chart canvas').first().waitFor();
    await screenshot(page, 'past-predictions-scheduled-range');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const exported = Papa.parse<Record<string, string>>(fs.readFileSync((await download.path())!, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(exported.map((r) => r.id)).toEqual(expected.map((r) => r.id));

    // Every web app prediction, walked page by page with "Older".
    await page.getByLabel('From').fill('');
    await page.getByLabel('To').fill('');
    await page.getByLabel('Source').selectOption('webapp');
    await page.getByRole('button', { name: 'Show' }).click();
    const webapp = (await stored(`source = 'webapp'`)).map((r) => r.id);
    const seen: string[] = [];
    for (;;) {
      await page.locator('tr[data-prediction-id]').first().waitFor();
      const ids = await shownIds(page);
      seen.push(...ids);
      const older = page.getByRole('button', { name: 'Older' });
      if (await older.isDisabled()) break;
      await older.click();
      await page.locator(`tr[data-prediction-id="${ids[0]}"]`).waitFor({ state: 'detached' });
    }
    expect(seen).toEqual(webapp);
  });

  it('never shows the API token to the browser, and the pages raise no errors', () => {
    expect(watch.problems).toEqual([]);
  });
});

async function shownIds(page: Page): Promise<string[]> {
  return page
    .locator('tr[data-prediction-id]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-prediction-id')!));
}

/** The app's wording of a delay (webapp/src/format.ts). */
function delayText(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) return 'on time (0 min)';
  return `${Math.abs(rounded).toLocaleString('en')} min ${rounded > 0 ? 'late' : 'early'}`;
}
