/**
 * The web app's 100,000-row upload, in Debian's Chromium: how long the file takes to be parsed and
 * checked (in a Web Worker), and how long the page's own thread is ever blocked meanwhile (long
 * tasks, measured by the browser). Goal: no block over 200 ms (the "good" responsiveness limit of
 * Chrome's Interaction to Next Paint). Peer, measured in the same page: papaparse parsing the same
 * file on the page's thread, as an app without a worker would, blocks it for the whole parse.
 *
 *   npx tsx bench/webapp-upload.ts [rows]
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureWebappBuilt } from '../cli/runtime/webapp-build';
import { activeSpec, fileColumns, formatDateTime } from '../core/feature-spec';
import { launchBrowser } from '../tests/support/browser';
import { createWebappServer } from '../webapp/server/app';

const ROWS = Number(process.argv[2] ?? 100_000);
const GOAL_LONGEST_TASK_MS = 200;

/** Valid rows in the spec's columns, one in a hundred spoiled (unknown airport or impossible date). */
function writeCsv(file: string): void {
  const category = activeSpec.features.find((f) => f.kind === 'category');
  const codes = category?.kind === 'category' ? category.values : [];
  const lines = [fileColumns(activeSpec, { withLabel: false }).join(',')];
  for (let i = 0; i < ROWS; i++) {
    const date = i % 200 === 7 ? '2001-02-30 10:00' : formatDateTime(Date.UTC(2001, 3, 1) + i * 60_000);
    const origin = i % 200 === 3 ? 'XXX' : codes[i % codes.length];
    lines.push([i + 1, date, origin, codes[(i + 1) % codes.length], 100 + (i % 2000)].join(','));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  await ensureWebappBuilt((line) => console.log(line));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-upload-'));
  const file = path.join(dir, 'flights.csv');
  writeCsv(file);
  const app = createWebappServer({ apiUrl: 'http://127.0.0.1:9', token: undefined, log: () => undefined });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  try {
    // bypassCSP lets the peer measurement load papaparse into the page; the app itself runs as served.
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(url);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => w.longTasks.push(e.duration)),
      ).observe({
        type: 'longtask',
        buffered: false,
      });
    });
    await page.getByRole('tab', { name: 'Upload a CSV' }).click();
    const started = await page.evaluate(() => performance.now());
    await page.locator('#csv-file').setInputFiles(file);
    await page.locator('.counts').waitFor({ timeout: 120_000 });
    const ended = await page.evaluate(() => performance.now());
    const counts = await page.locator('.counts').innerText();
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const longest = Math.max(0, ...longTasks);

    await page.addScriptTag({ path: require.resolve('papaparse/papaparse.min.js') });
    const text = fs.readFileSync(file, 'utf8');
    const peerMs = await page.evaluate((csv) => {
      const papa = (window as unknown as { Papa: { parse(t: string, o: object): unknown } }).Papa;
      const t0 = performance.now();
      papa.parse(csv, { header: true, skipEmptyLines: 'greedy' });
      return performance.now() - t0;
    }, text);

    const seconds = (ended - started) / 1000;
    console.log(
      `\nweb app upload of ${ROWS.toLocaleString('en')} rows (${(text.length / 1e6).toFixed(1)} MB) in Chromium`,
    );
    console.log(`  shown as: ${counts}`);
    console.log(
      `  parsed and checked in        ${seconds.toFixed(2)} s (${Math.round(ROWS / seconds).toLocaleString('en')} rows/s)`,
    );
    console.log(
      `  longest block of the page    ${longest.toFixed(0)} ms over ${longTasks.length} long tasks (goal < ${GOAL_LONGEST_TASK_MS} ms: ${(longest / GOAL_LONGEST_TASK_MS).toFixed(2)}x of the limit)`,
    );
    console.log(
      `  peer, parse on page's thread ${peerMs.toFixed(0)} ms blocked in one go (${(peerMs / GOAL_LONGEST_TASK_MS).toFixed(2)}x of the limit), and that is before any check`,
    );
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
