/**
 * 10,000-row POST /predict batches against the running API (start it with `npm start`): rows
 * stored per second end to end (request sent to every row committed), checked against the
 * predictions table; and, in the same run, Postgres COPY alone storing the same rows as the peer, and
 * COPY alone into a table of three narrow columns (what the row shape costs). On Linux it also reads
 * the CPU time the API, Postgres and the benchmark itself spent per 10,000 rows, and the ceiling
 * this machine's cores set from it. Removes every row it stored at the end.
 *   npx tsx bench/predict-batch.ts [--batches 30] [--concurrency 2]
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { copyValue } from '../api/copy-text';
import type { Database } from '../core/db/client';
import { sampleRows } from './rows';
import { loadNote } from './support/measure';
import { cpuMeter, cpuPerUnit } from './support/process-cpu';
import { benchTarget, countPredictions, printTable, removeBenchRows } from './support';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const BATCH = 10_000;
const batches = argument('batches', 30);
const concurrency = argument('concurrency', 2);

/** Seconds one COPY takes to store what `lines` yields, on a connection of its own. */
async function timedCopy(db: Database, statement: string, lines: AsyncIterable<string>): Promise<number> {
  const client = await db.pool.connect();
  try {
    const started = performance.now();
    await pipeline(lines, client.query(copyFrom(statement)));
    return (performance.now() - started) / 1000;
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const { apiUrl, headers, db } = benchTarget();
  const distinct = Array.from({ length: 5 }, (_, k) => sampleRows(BATCH, k + 1));
  // Every request of this run names the same made-up file, so that its rows can be removed at the end.
  const fileName = `bench-batch-${crypto.randomUUID()}.csv`;
  const bodies = distinct.map((rows) => JSON.stringify({ source: 'scheduled', rows, fileName }));
  const post = async (body: string) => {
    const response = await fetch(`${apiUrl}/predict`, { method: 'POST', headers, body });
    if (response.status !== 200)
      throw new Error(`POST /predict answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    await response.arrayBuffer();
  };
  await post(bodies[0]!);

  const before = await countPredictions(db);
  const meter = cpuMeter(Number(new URL(apiUrl).port || 80));
  const cpuBefore = meter.sample();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches) await post(bodies[next++ % bodies.length]!);
    }),
  );
  const apiSeconds = (performance.now() - started) / 1000;
  const cpu = cpuPerUnit(cpuBefore, meter.sample(), (batches * BATCH) / 10_000);
  const stored = (await countPredictions(db)) - before;

  // The peer: the same number of rows, written by COPY alone (one request row, then the predictions).
  const requestId = crypto.randomUUID();
  await db.pool.query(
    `INSERT INTO prediction_requests (id, source, model_version, row_count, valid_count, invalid_count, file_name, duration_ms)
     VALUES ($1, 'scheduled', 'bench-copy-peer', $2, $2, 0, $3, 0)`,
    [requestId, batches * BATCH, fileName],
  );
  const features = distinct[0]!.map((row) => copyValue(JSON.stringify(row)));
  async function* lines() {
    for (let b = 0; b < batches; b++) {
      let chunk = '';
      for (let i = 0; i < BATCH; i++) {
        chunk += `${requestId}\t${b * BATCH + i}\tscheduled\tbench-copy-peer\t${features[i]}\t${i / 7}\t${fileName}\n`;
      }
      yield chunk;
    }
  }
  const copySeconds = await timedCopy(
    db,
    `COPY predictions (request_id, row_index, source, model_version, features, predicted_delay, file_name) FROM STDIN`,
    lines(),
  );
  // The second peer: COPY alone into a table of three narrow columns and no index, the shape of
  // "COPY alone stores 300,000-350,000 rows/s" in the issue: what a row of features and a primary
  // key cost on top.
  await db.pool.query(
    `CREATE TABLE bench_copy_narrow (request_id uuid NOT NULL, row_index int NOT NULL, predicted_delay float8 NOT NULL)`,
  );
  async function* narrowLines() {
    for (let b = 0; b < batches; b++) {
      let chunk = '';
      for (let i = 0; i < BATCH; i++) chunk += `${requestId}\t${b * BATCH + i}\t${i / 7}\n`;
      yield chunk;
    }
  }
  const narrowSeconds = await timedCopy(db, `COPY bench_copy_narrow FROM STDIN`, narrowLines()).finally(() =>
    db.pool.query(`DROP TABLE bench_copy_narrow`),
  );
  // The peer's rows carry the run's file name too, so they go with the API's.
  await removeBenchRows(db, fileName);
  await db.close();

  const apiRate = stored / apiSeconds;
  const copyRate = (batches * BATCH) / copySeconds;
  const narrowRate = (batches * BATCH) / narrowSeconds;
  printTable(
    `POST /predict in batches of ${BATCH.toLocaleString('en')} rows, ${apiUrl} (${batches} batches, ${concurrency} at a time, ${loadNote()})`,
    [
      {
        measure: 'rows stored per second, end to end',
        value: apiRate,
        unit: 'rows/s',
        goal: { value: 250_000, better: 'higher' },
      },
      { measure: 'Postgres COPY alone, same rows (peer)', value: copyRate, unit: 'rows/s' },
      { measure: 'API rate / COPY alone', value: apiRate / copyRate, unit: '' },
      {
        measure: 'COPY alone, 3 narrow columns, no index',
        value: narrowRate,
        unit: 'rows/s',
        note: `${(narrowRate / copyRate).toFixed(1)}x the predictions table`,
      },
      ...(meter.available
        ? [
            {
              measure: 'CPU per 10,000 rows: API + Postgres + client',
              value: cpu.total,
              unit: 'ms',
              note: `${cpu.api.toFixed(0)} + ${cpu.postgres.toFixed(0)} + ${cpu.self.toFixed(0)} ms`,
            },
            {
              measure: `ceiling: ${os.cpus().length} cores / that CPU`,
              value: cpu.ceilingPerSecond * 10_000,
              unit: 'rows/s',
              note: `goal is ${(250_000 / (cpu.ceilingPerSecond * 10_000)).toFixed(2)}x it`,
            },
          ]
        : []),
      {
        measure: 'rows stored / rows sent',
        value: stored / (batches * BATCH),
        unit: '',
        goal: { value: 1, better: 'higher' },
        note: `${stored.toLocaleString('en')} of ${(batches * BATCH).toLocaleString('en')}`,
      },
    ],
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
