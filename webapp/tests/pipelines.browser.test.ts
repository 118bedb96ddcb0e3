import type { Browser, Page } from 'playwright-core';
import { waitFor } from '../../cli/runtime/ports';
import { horizontalOverflow, launchBrowser, screenshot, watchPage } from '../../tests/support/browser';
import { type RunningSystem, startRunningSystem } from '../../tests/support/running-system';

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
    await runCell.and(page.locator('[data-state="skipped"]')).waitFor({ timeout: 15_000 });
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
