import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { dataPaths } from '../../core/paths';
import { waitFor } from '../../cli/runtime/ports';
import { horizontalOverflow, launchBrowser, screenshot, watchPage } from '../../tests/support/browser';
import { type RunningSystem, startRunningSystem } from '../../tests/support/running-system';
import { flightsCsv } from './flights-csv';
import { recordFailedIngestionRun, SPLIT_ERROR } from './recorded-ingestion-run';

describe('pipelines page (real browser, running system)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let watch: { problems: string[] };

  beforeAll(async () => {
    [system, browser] = await Promise.all([startRunningSystem(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watch = watchPage(page, system.token);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 120_000);

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${system.urls.api}${path}`, {
      headers: { Authorization: `Bearer ${system.token}` },
    });
    return (await res.json()) as T;
  };

  it('triggers a run that finds no new data and shows it as skipped, distinct from success, in the grid and on its page', async () => {
    await page.goto(`${system.urls.webapp}/pipelines`);
    const card = page.locator('[data-dag-id="prediction"]');
    await card.getByRole('button', { name: 'Trigger run' }).press('Enter');
    const started = card.getByRole('status').filter({ hasText: 'Started' });
    const runId = (await started.getByRole('link').textContent())!;
    expect(runId).toMatch(/^prediction-manual-/);

    await waitFor(
      'the run to end',
      async () => (await api<{ state: string }>(`/runs/${runId}`)).state !== 'running',
      {
        timeoutMs: 60_000,
      },
    );
    const runCell = card.locator(`th[data-run-id="${runId}"] a`);
    await runCell.and(page.locator('[data-state="skipped"]')).waitFor({ timeout: 60_000 });
    const taskCells = card.locator(`td a[data-run-id="${runId}"]`);
    expect(
      await taskCells.evaluateAll((cells) =>
        cells.map((c) => [c.getAttribute('data-task-id'), c.getAttribute('data-state')]),
      ),
    ).toEqual([
      ['check-for-new-data', 'skipped'],
      ['make-predictions', 'skipped'],
    ]);
    expect(await runCell.getAttribute('aria-label')).toContain(': skipped');

    // Skipped must not read as success: compare the painted cell with the legend's success swatch.
    const paint = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const style = getComputedStyle(el);
          return `${style.backgroundColor} ${style.backgroundImage}`;
        });
    const skippedPaint = await paint(`td a[data-run-id="${runId}"]`);
    expect(skippedPaint).not.toBe(await paint('.legend .state-success'));
    expect(skippedPaint).toContain('repeating-linear-gradient');
    await screenshot(page, 'pipelines-grid-skipped');

    await runCell.click();
    await page.getByRole('heading', { name: `Run ${runId}` }).waitFor();
    const tasks = page.locator('.task-table tbody tr');
    await tasks.first().waitFor();
    expect(
      await tasks.evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-task-id'), r.querySelector('.state-badge')?.textContent]),
      ),
    ).toEqual([
      ['check-for-new-data', 'skipped'],
      ['make-predictions', 'skipped'],
    ]);
    await page.getByText('no new files in good-data').waitFor();
    const temporal = page.getByRole('link', { name: /Open in Temporal Web UI/ });
    expect(await temporal.getAttribute('href')).toContain(
      `${system.urls.temporalUi}/namespaces/default/workflows/${encodeURIComponent(runId)}/`,
    );
    await screenshot(page, 'pipelines-run-skipped');
  });

  it('pauses and unpauses the schedule from its buttons', async () => {
    await page.goto(`${system.urls.webapp}/pipelines`);
    const card = page.locator('[data-dag-id="prediction"]');
    await card.getByRole('button', { name: 'Pause' }).click();
    await card.getByText('paused', { exact: true }).waitFor();
    expect(
      (await api<{ id: string; paused: boolean }[]>('/dags')).find((d) => d.id === 'prediction')?.paused,
    ).toBe(true);
    await screenshot(page, 'pipelines-paused');

    await card.getByRole('button', { name: 'Unpause' }).click();
    await card.getByText('active', { exact: true }).waitFor();
    expect(
      (await api<{ id: string; paused: boolean }[]>('/dags')).find((d) => d.id === 'prediction')?.paused,
    ).toBe(false);
  });

  it('links a real ingestion run to the data-quality report of the file it took', async () => {
    const raw = dataPaths(system.dataDir).rawData;
    fs.mkdirSync(raw, { recursive: true });
    // Written under a dotfile name, then renamed, as an uploader must: a run never takes half a file.
    fs.writeFileSync(path.join(raw, '.flights-0406.csv'), flightsCsv(1000));
    fs.renameSync(path.join(raw, '.flights-0406.csv'), path.join(raw, 'flights-0406.csv'));
    await page.goto(`${system.urls.webapp}/pipelines`);
    await page.locator('[data-dag-id="ingestion"]').getByRole('button', { name: 'Trigger run' }).click();

    // The triggered run or the every-minute schedule takes the file, whichever comes first.
    const db = new pg.Pool({ connectionString: system.databaseUrl, max: 1 });
    let runId = '';
    try {
      await waitFor(
        'the file to be ingested',
        async () => {
          const { rows } = await db.query<{ run_id: string; state: string }>(
            `SELECT f.run_id, r.state FROM ingested_files f JOIN dag_runs r USING (run_id) WHERE f.file_name = 'flights-0406.csv'`,
          );
          runId = rows[0]?.run_id ?? '';
          return rows[0] !== undefined && rows[0].state !== 'running';
        },
        { timeoutMs: 120_000 },
      );
    } finally {
      await db.end();
    }
    const card = page.locator('[data-dag-id="ingestion"]');
    await card.locator(`th[data-run-id="${runId}"] a`).click();
    await page.getByRole('heading', { name: `Run ${runId}` }).waitFor();
    expect(await page.locator('.task-table tbody tr .state-badge').allInnerTexts()).toEqual([
      'success',
      'success',
      'success',
      'success',
      'success',
    ]);
    const report = page.getByRole('link', { name: /Data-quality report/ });
    const [tab] = await Promise.all([page.context().waitForEvent('page'), report.click()]);
    await tab.waitForLoadState();
    const text = await tab.locator('body').innerText();
    expect(text).toContain('flights-0406.csv');
    expect(text).toContain('1,000');
    await screenshot(tab, 'pipelines-ingestion-report');
    await tab.close();
    await screenshot(page, 'pipelines-ingestion-run');
  });

  it('shows a failed run: its error, the failed task on the timeline, its data-quality report and its Temporal link', async () => {
    const runId = await recordFailedIngestionRun(system);
    await page.goto(`${system.urls.webapp}/pipelines/runs/${encodeURIComponent(runId)}`);
    const failure = page.getByRole('alert').filter({ hasText: 'The run failed:' });
    await failure.waitFor();
    expect(await failure.innerText()).toContain(`task split-and-save-data failed: ${SPLIT_ERROR}`);
    const failedRow = page.locator('.task-table tr[data-task-id="split-and-save-data"]');
    expect(await failedRow.locator('.state-badge').innerText()).toBe('failed');
    expect(await failedRow.locator('.error-text').innerText()).toBe(SPLIT_ERROR);

    // Bars sit on one time axis: validation (2-9 s) starts where reading (0-2 s) ends, the split runs 21 s.
    const timeline = page.getByRole('list', { name: 'Task timeline' });
    const rows = await timeline.getByRole('listitem').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      'read-data 2.0 s · success',
      'validate-data 7.0 s · success',
      'save-statistics 1.0 s · success',
      'send-alerts 3.0 s · success',
      'split-and-save-data 21.0 s · failed',
    ]);
    const box = async (task: string) =>
      (await timeline.locator(`.timeline-bar[title^="${task}:"]`).boundingBox())!;
    const [read, validate, split] = [
      await box('read-data'),
      await box('validate-data'),
      await box('split-and-save-data'),
    ];
    expect(validate.x).toBeCloseTo(read.x + read.width, -1);
    expect(split.width / validate.width).toBeCloseTo(3, 0);
    await screenshot(page, 'pipelines-run-failed');

    // The report link goes through the web app's proxy to the API's real report of the file.
    const report = page.getByRole('link', { name: /Data-quality report/ });
    const href = (await report.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/reports\/flights-0405--ingestion-manual-/);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), report.click()]);
    await tab.waitForLoadState();
    expect(await tab.locator('body').innerText()).toContain('flights-0405.csv');
    await screenshot(tab, 'pipelines-run-report');
    await tab.close();
    expect(await page.getByRole('link', { name: /Open in Temporal Web UI/ }).getAttribute('href')).toBe(
      `${system.urls.temporalUi}/namespaces/default/workflows/${encodeURIComponent(runId)}`,
    );
  });

  it('says so in words when a run does not exist', async () => {
    await page.goto(`${system.urls.webapp}/pipelines/runs/no-such-run`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('No run with id no-such-run');
    expect(await alert.innerText()).toContain('HTTP 404 · run_not_found');
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
    await screenshot(page, 'pipelines-run-missing');
  });

  it('fits a phone’s width: the grid scrolls in its own box, the page does not', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(`${system.urls.webapp}/pipelines`);
      await phone.locator('.run-grid').first().waitFor();
      expect(await horizontalOverflow(phone)).toBe(0);
      await screenshot(phone, 'pipelines-phone');
      await phone.locator('.run-grid th a').first().click();
      await phone.locator('.task-table').waitFor();
      expect(await horizontalOverflow(phone)).toBe(0);
      await screenshot(phone, 'pipelines-run-phone');
    } finally {
      await phone.close();
    }
  });

  it('never shows the API token to the browser, and the pages raise no errors', () => {
    expect(watch.problems).toEqual([]);
  });
});
