/**
 * Single-row POST /predict against the running API (start it with `npm start`):
 * autocannon at concurrency 32 for 30 s (throughput, p50/p99, errors, and whether every answered
 * prediction was stored), then one client at a time for latency (timed per request in µs). The
 * peers, measured first in the same run: the same server answering a 404 at concurrency 32, and
 * Express itself with no middleware answering a 404 (the floor this machine sets for any Express app).
 * On Linux it also reads the CPU time the API, Postgres and autocannon spent per request, and the
 * ceiling this machine's cores set from it. Removes every row it stored at the end.
 *   npx tsx bench/predict-single.ts [--seconds 30]
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { sampleRows } from './rows';
import { loadNote } from './support/measure';
import { cpuMeter, cpuPerUnit } from './support/process-cpu';
import { benchTarget, countPredictions, percentile, printTable, removeBenchRows } from './support';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 30;

/** Sequential requests over one keep-alive connection, each timed with hrtime. */
async function sequentialLatencies(
  url: URL,
  headers: Record<string, string>,
  bodies: string[],
  durationMs: number,
  expected = { method: 'POST', status: 200 },
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  for (let i = 0; performance.now() < end; i++) {
    const body = bodies[i % bodies.length]!;
    const started = process.hrtime.bigint();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url, { method: expected.method, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(expected.method === 'POST' ? body : undefined);
    });
    if (status !== expected.status) throw new Error(`${expected.method} ${url.pathname} answered ${status}`);
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  agent.destroy();
  return latencies.sort((a, b) => a - b);
}

/** Express with no middleware (bench/support/bare-express.ts), in a process of its own. */
async function startBareExpress(): Promise<{ url: URL; stop: () => void }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', require.resolve('./support/bare-express')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return {
    url: new URL(`http://127.0.0.1:${line.toString().trim()}/no-such-route`),
    stop: () => child.kill(),
  };
}

async function main(): Promise<void> {
  const { apiUrl, headers, db } = benchTarget();
  // Every request of this run names the same made-up file, so that its rows can be removed at the end.
  const fileName = `bench-single-${crypto.randomUUID()}`;
  const bodies = sampleRows(1000).map((row) => JSON.stringify({ source: 'webapp', rows: [row], fileName }));
  const url = new URL('/predict', apiUrl);
  const warm = await fetch(url, { method: 'POST', headers, body: bodies[0] });
  if (warm.status !== 200)
    throw new Error(`POST /predict answered ${warm.status}: ${await warm.text()} (is a model active?)`);

  // The peer, in the same run: the same server answering an unknown route (404) through the same
  // middleware, no body, no model, no database: what this machine allows this app right now.
  const floor = await autocannon({
    url: new URL('/no-such-route', apiUrl).href,
    headers,
    connections: 32,
    duration: Math.min(10, seconds),
  });

  // The floor, in the same run: Express itself, no middleware, answering a 404 (at 32, then at 1).
  const bare = await startBareExpress();
  const bareAt32 = await autocannon({ url: bare.url.href, connections: 32, duration: Math.min(10, seconds) });
  const bareSequential = await sequentialLatencies(bare.url, {}, [''], Math.min(5_000, seconds * 1000), {
    method: 'GET',
    status: 404,
  });
  bare.stop();

  const before = await countPredictions(db);
  const meter = cpuMeter(Number(url.port || 80));
  const cpuBefore = meter.sample();
  let next = 0;
  const result = await autocannon({
    url: url.href,
    method: 'POST',
    headers,
    connections: 32,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
  });
  const ok = result['2xx'];
  const cpu = cpuPerUnit(cpuBefore, meter.sample(), Math.max(1, ok));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const stored = (await countPredictions(db)) - before;
  const errors = result.errors + result.timeouts + result.non2xx;

  const sequential = await sequentialLatencies(url, headers, bodies, Math.min(10_000, seconds * 1000));
  await removeBenchRows(db, fileName);
  await db.close();

  printTable(
    `Single-row POST /predict, ${apiUrl} (autocannon, ${seconds} s at concurrency 32; then 1 client for ${Math.min(10, seconds)} s; ${loadNote()})`,
    [
      {
        measure: 'requests/s at concurrency 32',
        value: result.requests.average,
        unit: 'req/s',
        goal: { value: 4000, better: 'higher' },
      },
      {
        measure: 'peer: GET unknown route (404), same server',
        value: floor.requests.average,
        unit: 'req/s',
        note: `predict runs at ${((100 * result.requests.average) / floor.requests.average).toFixed(0)}% of it`,
      },
      {
        measure: 'floor: bare Express 404, no middleware',
        value: bareAt32.requests.average,
        unit: 'req/s',
        note: `goal is ${(4000 / bareAt32.requests.average).toFixed(2)}x it`,
      },
      ...(meter.available
        ? [
            {
              measure: 'CPU per request: API + Postgres + autocannon',
              value: cpu.total * 1000,
              unit: 'µs',
              note: `${(cpu.api * 1000).toFixed(0)} + ${(cpu.postgres * 1000).toFixed(0)} + ${(cpu.self * 1000).toFixed(0)} µs`,
            },
            {
              measure: `ceiling: ${os.cpus().length} cores / that CPU`,
              value: cpu.ceilingPerSecond,
              unit: 'req/s',
              note: `goal is ${(4000 / cpu.ceilingPerSecond).toFixed(2)}x it`,
            },
          ]
        : []),
      { measure: 'p50 latency at concurrency 32', value: result.latency.p50, unit: 'ms' },
      {
        measure: 'p99 latency at concurrency 32',
        value: result.latency.p99,
        unit: 'ms',
        goal: { value: 20, better: 'lower' },
      },
      { measure: 'errors (non-2xx, timeouts)', value: errors, unit: '' },
      {
        measure: 'predictions stored / answered',
        value: stored / Math.max(1, ok),
        unit: '',
        goal: { value: 1, better: 'higher' },
        note: `${stored.toLocaleString('en')} of ${ok.toLocaleString('en')}`,
      },
      { measure: 'p50 latency, one client', value: percentile(sequential, 0.5), unit: 'ms' },
      {
        measure: 'p99 latency, one client',
        value: percentile(sequential, 0.99),
        unit: 'ms',
        goal: { value: 3, better: 'lower' },
      },
      {
        measure: 'floor: p99 of bare Express 404, one client',
        value: percentile(bareSequential, 0.99),
        unit: 'ms',
        note: `p50 ${percentile(bareSequential, 0.5).toFixed(2)} ms`,
      },
    ],
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
