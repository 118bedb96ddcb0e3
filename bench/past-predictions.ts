/**
 * GET /past-predictions against the running API (start it with `npm start`) over at least
 * 1,000,000 stored predictions: p50/p99 of pages of 100, newest first, with and without filters
 * and deep in the cursor chain. Tops the table up to 1M rows with COPY if needed (rows marked
 * file_name 'bench-filler', removed afterwards unless --keep).
 *   npx tsx bench/past-predictions.ts [--requests 600] [--keep]
 */
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { copyValue } from '../api/copy-text';
import type { Database } from '../core/db/client';
import { sampleRows } from './rows';
import { loadNote } from './support/measure';
import { benchTarget, countPredictions, percentile, printTable, removeBenchRows } from './support';

const TARGET = 1_000_000;
const FILLER = 'bench-filler';
const at = process.argv.indexOf('--requests');
const requests = at > 0 ? Number(process.argv[at + 1]) : 600;

/** Adds predictions spread over the last 30 days, both sources, in requests of 10,000 rows. */
async function fill(db: Database, missing: number): Promise<void> {
  const features = sampleRows(10_000).map((row) => copyValue(JSON.stringify(row)));
  const now = Date.now();
  for (let done = 0; done < missing; done += 10_000) {
    const id = crypto.randomUUID();
    const rows = Math.min(10_000, missing - done);
    const source = (done / 10_000) % 2 ? 'webapp' : 'scheduled';
    await db.pool.query(
      `INSERT INTO prediction_requests (id, source, model_version, row_count, valid_count, invalid_count, file_name, duration_ms)
       VALUES ($1, $2, $3, $4, $4, 0, $3, 0)`,
      [id, source, FILLER, rows],
    );
    async function* lines() {
      let chunk = '';
      for (let i = 0; i < rows; i++) {
        const created = new Date(now - Math.floor(((done + i) / missing) * 30 * 86_400_000)).toISOString();
        chunk += `${id}\t${i}\t${source}\t${FILLER}\t${features[i]}\t${i % 60}\t${FILLER}\t${created}\n`;
      }
      yield chunk;
    }
    const client = await db.pool.connect();
    try {
      const sql = `COPY predictions (request_id, row_index, source, model_version, features, predicted_delay, file_name, created_at) FROM STDIN`;
      await pipeline(lines(), client.query(copyFrom(sql)));
    } finally {
      client.release();
    }
  }
  await db.pool.query('ANALYZE predictions');
}

async function main(): Promise<void> {
  const { apiUrl, headers, db } = benchTarget();
  const existing = await countPredictions(db);
  if (existing < TARGET) {
    console.log(
      `adding ${(TARGET - existing).toLocaleString('en')} predictions (file_name ${FILLER}) to reach 1M…`,
    );
    await fill(db, TARGET - existing);
  }
  const total = await countPredictions(db);

  const get = async (query: string) => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${apiUrl}/past-predictions?${query}`, { headers });
    const body = (await response.json()) as { predictions: unknown[]; nextCursor: string | null };
    if (response.status !== 200)
      throw new Error(`GET /past-predictions?${query} answered ${response.status}`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, body };
  };
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  // A walk down the cursor chain, to ask for pages deep in the history too.
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const { body } = await get(`limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
    if (!body.nextCursor) break;
    cursors.push((cursor = body.nextCursor));
  }
  const queries = [
    () => 'limit=100',
    () => 'limit=100&source=webapp',
    () => 'limit=100&source=scheduled',
    () => `limit=100&from=${day(20)}&to=${day(10)}`,
    () => `limit=100&source=webapp&from=${day(25)}&to=${day(5)}`,
    () => `limit=100&cursor=${cursors[Math.floor(Math.random() * cursors.length)] ?? ''}`,
  ];
  const latencies: number[] = [];
  const byKind = queries.map(() => [] as number[]);
  for (let i = 0; i < requests; i++) {
    const { ms } = await get(queries[i % queries.length]!());
    latencies.push(ms);
    byKind[i % queries.length]!.push(ms);
  }
  latencies.sort((a, b) => a - b);
  const kinds = ['newest', 'webapp', 'scheduled', 'date range', 'webapp + date range', 'deep cursor'];

  if (!process.argv.includes('--keep')) await removeBenchRows(db, FILLER);
  await db.close();
  printTable(
    `GET /past-predictions, pages of 100 over ${total.toLocaleString('en')} stored predictions, ${apiUrl} (${requests} requests, one at a time, ${loadNote()})`,
    [
      { measure: 'p50 latency', value: percentile(latencies, 0.5), unit: 'ms' },
      {
        measure: 'p99 latency',
        value: percentile(latencies, 0.99),
        unit: 'ms',
        goal: { value: 50, better: 'lower' },
      },
      ...byKind.map((values, k) => ({
        measure: `  p99, ${kinds[k]} pages`,
        value: percentile(
          [...values].sort((a, b) => a - b),
          0.99,
        ),
        unit: 'ms',
      })),
      {
        measure: 'stored predictions',
        value: total,
        unit: 'rows',
        goal: { value: TARGET, better: 'higher' },
      },
    ],
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
