import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { waitFor } from '../../cli/runtime/ports';
import { horizontalOverflow, launchBrowser, screenshot, watchPage } from '../../tests/support/browser';
import { promoteTinyModel } from '../../tests/support/promote-tiny-model';
import { type RunningSystem, startRunningSystem } from '../../tests/support/running-system';
import { DRIFT_MEASURES, recordDriftRun, recordIngestedFile } from './monitoring-records';

const count = (n: number) => n.toLocaleString('en');
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const minutes = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} min`);

describe('data quality and drift & predictions dashboards (real browser, running system)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let watch: { problems: string[] };
  let db: pg.Pool;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startRunningSystem(), launchBrowser()]);
    db = new pg.Pool({ connectionString: system.databaseUrl, max: 2 });
    // The drift figures below are recorded by the test; a scheduled monitoring run computing real
    // drift over the test's predictions in between would replace them as the latest.
    // (The worker registers the schedules once it is up: until then, pausing answers 404.)
    await waitFor('the monitoring schedule paused', async () => {
      const paused = await fetch(`${system.urls.api}/dags/monitoring/pause`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${system.token}` },
        body: '{}',
      });
      return paused.status === 200;
    });
    await waitFor('no monitoring run in flight', async () => {
      const { rows } = await db.query(
        `SELECT 1 FROM dag_runs WHERE dag_id = 'monitoring' AND state = 'running'`,
      );
      return rows.length === 0;
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watch = watchPage(page, system.token);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await system?.stop();
  }, 120_000);

  const api = async <T>(path: string): Promise<T> =>
    (await (
      await fetch(`${system.urls.api}${path}`, { headers: { Authorization: `Bearer ${system.token}` } })
    ).json()) as T;
  const tile = (id: string) => page.locator(`[data-figure="${id}"]`);
  const tileValue = (id: string) => tile(id).locator('.tile-value').innerText();

  it('shows the data-quality figures of the API and the database, refreshes by itself, and follows the window', async () => {
    await recordIngestedFile(db, {
      fileName: 'flights-a.csv',
      minutesAgo: 20,
      rows: 1000,
      invalid: 20,
      criticality: 'low',
      failed: [['expect_column_values_to_be_in_set', 'origin', 20]],
    });
    await recordIngestedFile(db, {
      fileName: 'flights-b.csv',
      minutesAgo: 30,
      rows: 1000,
      invalid: 100,
      criticality: 'medium',
      failed: [
        ['expect_column_values_to_be_between', 'distance', 100],
        ['expect_column_values_to_be_in_set', 'origin', 5],
      ],
    });

    await page.goto(`${system.urls.webapp}/data-quality`);
    await tile('files').getByText('2', { exact: true }).waitFor();
    const quality = await api<{
      summary: { files: number; rows: number; invalidRows: number; invalidShare: number; status: string };
      issues: unknown[];
    }>('/monitoring/quality?window=1h');
    const stored = (
      await db.query<{ files: string; rows: string; invalid: string }>(
        `SELECT count(*) AS files, sum(row_count) AS rows, sum(invalid_rows) AS invalid FROM ingested_files WHERE ingested_at >= now() - interval '1 hour'`,
      )
    ).rows[0]!;
    expect([quality.summary.files, quality.summary.rows, quality.summary.invalidRows]).toEqual([
      Number(stored.files),
      Number(stored.rows),
      Number(stored.invalid),
    ]);
    expect(await tileValue('rows')).toBe(count(quality.summary.rows));
    expect(await tileValue('invalidRows')).toBe(count(quality.summary.invalidRows));
    expect(await tileValue('invalidShare')).toBe(percent(quality.summary.invalidShare));
    expect(await tileValue('invalidShare')).toBe('6.0%');
    // 6% invalid is orange (5-50%); no file for 20 minutes is red, and so is the whole.
    expect(await tile('invalidShare').getAttribute('data-status')).toBe('orange');
    expect(await tile('lastIngestion').getAttribute('data-status')).toBe('red');
    expect(await tile('status').getAttribute('data-status')).toBe(quality.summary.status);
    expect(await tile('status').locator('.tile-status').innerText()).toBe('Alert');
    expect(await tileValue('status')).toBe('6.0% of rows invalid; no file for 20 min');
    const issues = page.getByRole('region', { name: 'Failed checks' }).locator('tbody tr');
    expect(await issues.count()).toBe(quality.issues.length);
    expect(await issues.first().locator('td').allInnerTexts()).toEqual([
      'expect_column_values_to_be_in_set',
      'origin',
      '2',
      '25',
      'medium',
    ]);
    const report = page
      .getByRole('region', { name: 'Worst files' })
      .getByRole('link', { name: 'Open report' })
      .first();
    expect(await report.getAttribute('href')).toBe(
      '/api/reports/flights-b--ingestion-scheduled-flights-b.csv',
    );
    await screenshot(page, 'dashboard-quality');

    // A file arrives: the page shows it on its own, and the share falls under 5% (green).
    await recordIngestedFile(db, {
      fileName: 'flights-c.csv',
      minutesAgo: 15,
      rows: 500,
      invalid: 0,
      criticality: 'none',
      failed: [],
    });
    await tile('files').getByText('3', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await tileValue('invalidShare')).toBe('4.8%');
    expect(await tile('invalidShare').getAttribute('data-status')).toBe('green');

    await page.getByLabel('Window').selectOption('10m');
    await page.waitForURL(/window=10m/);
    await page.getByText('No file was ingested in this window.').first().waitFor();
    expect(await tileValue('files')).toBe('0');
    expect((await api<{ summary: { files: number } }>('/monitoring/quality?window=10m')).summary.files).toBe(
      0,
    );
    await screenshot(page, 'dashboard-quality-10m');
  });

  it('shows prediction health by source and the latest drift as the API computes them from the database', async () => {
    const modelId = await promoteTinyModel(system);
    const flights = (n: number, distance: number) =>
      Array.from({ length: n }, (_, i) => ({
        date: `2001-05-0${1 + (i % 9)} 0${i % 10}:15`,
        origin: 'BOS',
        destination: i % 2 ? 'ORD' : 'ATL',
        distance: distance + i,
      }));
    for (const [source, rows] of [
      ['webapp', flights(30, 400)],
      ['scheduled', flights(20, 900)],
    ] as const) {
      const res = await fetch(`${system.urls.api}/predict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${system.token}` },
        body: JSON.stringify({ source, rows }),
      });
      expect(res.status).toBe(200);
    }
    await page.goto(`${system.urls.webapp}/drift?window=1h`);
    await page.getByText('No drift was computed in this window.').waitFor();
    // Drift computed meanwhile appears without a reload.
    await recordDriftRun(db, modelId, 25);
    await recordDriftRun(db, modelId, 5);
    await tile('driftShare').waitFor({ timeout: 20_000 });
    const rowOf = (source: string) => page.locator(`tr[data-source="${source}"]`);
    await rowOf('all').locator('td').first().getByText('50', { exact: true }).waitFor();
    const predictions = await api<{
      bySource: {
        source: string;
        predictions: number;
        mean: number | null;
        median: number | null;
        p95: number | null;
        lateShare: number | null;
        status: string;
      }[];
    }>('/monitoring/predictions?window=1h');
    const byDb = new Map(
      (
        await db.query<{ source: string; n: string }>(
          `SELECT source, count(*) AS n FROM predictions WHERE created_at >= now() - interval '1 hour' GROUP BY source`,
        )
      ).rows.map((r) => [r.source, Number(r.n)]),
    );
    for (const s of predictions.bySource) {
      expect(s.predictions).toBe(s.source === 'all' ? 50 : byDb.get(s.source));
      const cells = await rowOf(s.source).locator('td').allInnerTexts();
      expect(cells.slice(0, 6)).toEqual([
        count(s.predictions),
        minutes(s.mean),
        minutes(s.median),
        minutes(s.p95),
        percent(s.lateShare),
        { green: 'OK', orange: 'Warning', red: 'Alert', none: 'No data' }[s.status],
      ]);
    }
    await page.locator('.chart canvas').first().waitFor();

    const drift = await api<{
      latest: { driftShare: number; status: string };
      features: { feature: string; status: string }[];
    }>('/monitoring/drift?window=1h');
    expect(drift.latest.driftShare).toBe(0.25);
    expect(await tileValue('driftShare')).toBe('25.0% (1 of 4)');
    expect(await tile('driftShare').getAttribute('data-status')).toBe(drift.latest.status);
    expect(drift.latest.status).toBe('orange');
    const measures = await page
      .getByRole('region', { name: 'Drift by feature' })
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-feature'), r.querySelector('.status-badge')?.textContent]),
      );
    const words = { green: 'OK', orange: 'Warning', red: 'Alert' } as Record<string, string>;
    expect(measures).toEqual(drift.features.map((f) => [f.feature, words[f.status]]));
    expect(measures.map(([f]) => f).sort()).toEqual(DRIFT_MEASURES.map((m) => m.feature).sort());
    expect(Object.fromEntries(measures)).toMatchObject({ distance: 'Alert', origin: 'Warning', date: 'OK' });
    await screenshot(page, 'dashboard-drift-predictions');
  });

  it('shows figures that take the API longer than a refresh to compute, and asks again only once they came', async () => {
    // Each answer of the predictions endpoint is held back past the dashboards' 5-second refresh,
    // as a database busy with a day of predictions would.
    const slow = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const asked: number[] = [];
    await slow.route('**/api/monitoring/predictions**', async (route) => {
      asked.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      await route.continue().catch(() => undefined); // the page may have given up on it
    });
    try {
      const opened = Date.now();
      await slow.goto(`${system.urls.webapp}/drift?window=1h`);
      await slow
        .locator('tr[data-source="all"] td')
        .first()
        .getByText('50', { exact: true })
        .waitFor({ timeout: 30_000 });
      // One request per load: the next is asked 5 s after an answer, never while one is pending.
      const gaps = asked.slice(1).map((at, i) => at - asked[i]!);
      expect(gaps.every((gap) => gap >= 7_000 + 5_000 - 500)).toBe(true);
      expect(asked.length).toBeLessThanOrEqual(1 + Math.floor((Date.now() - opened) / 12_000));
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('fits a phone’s width', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      await phone.goto(`${system.urls.webapp}/drift?window=10m`);
      await phone.locator('[data-figure="driftShare"]').waitFor();
      expect(await horizontalOverflow(phone)).toBe(0);
      await screenshot(phone, 'dashboard-drift-phone');
      await phone.goto(`${system.urls.webapp}/data-quality?window=24h`);
      await phone.locator('[data-figure="files"]').getByText('3', { exact: true }).waitFor();
      expect(await horizontalOverflow(phone)).toBe(0);
      await screenshot(phone, 'dashboard-quality-phone');
    } finally {
      await phone.close();
    }
  });

  it('never shows the API token to the browser, and the pages raise no errors', () => {
    expect(watch.problems).toEqual([]);
  });
});
