import crypto from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { type PredictionBatch, PredictionWriter } from './prediction-writer';

function batch(rows: number, overrides: Partial<PredictionBatch> = {}): PredictionBatch {
  return {
    requestId: crypto.randomUUID(),
    idempotencyKey: null,
    requestHash: null,
    source: 'scheduled',
    modelVersion: 'gbdt-test',
    rowCount: rows,
    invalidCount: 0,
    fileName: 'odd\tname\\with\nspecials.csv',
    durationMs: 1.5,
    rowIndexes: Array.from({ length: rows }, (_, i) => i),
    featuresJson: Array.from({ length: rows }, (_, i) =>
      JSON.stringify({ n: i, note: 'tab\there "quoted" \\ back' }),
    ),
    predictions: Float64Array.from({ length: rows }, (_, i) => i / 4),
    ...overrides,
  };
}

describe('prediction writer', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await createTestDatabase()));
  afterEach(() => db.drop());

  const count = async (table: string) =>
    (await db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

  it('lets concurrent single-row requests share database round trips, storing every row', async () => {
    const writer = new PredictionWriter(db.pool, { maxConcurrentFlushes: 2 });
    const results = await Promise.all(Array.from({ length: 300 }, () => writer.write(batch(1))));
    expect(results.every((r) => r.stored)).toBe(true);
    expect(await count('predictions')).toBe(300);
    expect(writer.stats.requests).toBe(300);
    expect(writer.stats.flushes).toBeLessThan(30);
  });

  it('streams a large batch with COPY, values with tabs, newlines and backslashes intact', async () => {
    const writer = new PredictionWriter(db.pool, { copyFromRows: 1_000 });
    const big = batch(25_000);
    expect(await writer.write(big)).toEqual({ stored: true });
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n, sum(predicted_delay) AS total, min(file_name) AS file, max(features->>'note') AS note
       FROM predictions WHERE request_id = $1`,
      [big.requestId],
    );
    expect(rows[0]).toEqual({
      n: 25_000,
      total: (24_999 * 25_000) / 2 / 4,
      file: big.fileName,
      note: 'tab\there "quoted" \\ back',
    });
  });

  it('writes nothing for a request whose idempotency key is taken, in either path', async () => {
    for (const copyFromRows of [1, 1_000_000]) {
      const writer = new PredictionWriter(db.pool, { copyFromRows });
      const key = `key-${copyFromRows}`;
      const [a, b] = await Promise.all([
        writer.write(batch(3, { idempotencyKey: key })),
        writer.write(batch(3, { idempotencyKey: key })),
      ]);
      expect([a.stored, b.stored].sort()).toEqual([false, true]);
    }
    expect(await count('prediction_requests')).toBe(2);
    expect(await count('predictions')).toBe(6);
  });

  it('rejects every request of a failed flush and stores none of it', async () => {
    const writer = new PredictionWriter(db.pool);
    const broken = batch(2, { featuresJson: ['{"ok":1}', 'not json'] });
    await expect(writer.write(broken)).rejects.toThrow(/json/i);
    expect(await count('prediction_requests')).toBe(0);
    expect(await count('predictions')).toBe(0);
  });

  it('leaves no prediction without its request and no request short of its rows, in either path', async () => {
    // predictions has no foreign key (it costs every COPY'd row): the writer's transaction holds the relation.
    for (const copyFromRows of [1, 1_000_000]) {
      const writer = new PredictionWriter(db.pool, { copyFromRows });
      const writes = [
        ...Array.from({ length: 20 }, (_, i) => batch(1 + (i % 5))),
        batch(4, { idempotencyKey: `taken-${copyFromRows}` }),
        batch(4, { idempotencyKey: `taken-${copyFromRows}` }),
      ].map((b) => writer.write(b));
      await Promise.all(writes);
      const brokenLate = batch(3_000, { featuresJson: [...batch(2_999).featuresJson, 'not json'] });
      await expect(writer.write(brokenLate)).rejects.toThrow(/json/i);
    }
    const { rows } = await db.pool.query(
      `SELECT (SELECT count(*)::int FROM predictions p LEFT JOIN prediction_requests r ON r.id = p.request_id
               WHERE r.id IS NULL) AS orphans,
              (SELECT count(*)::int FROM prediction_requests r
               WHERE valid_count <> (SELECT count(*) FROM predictions p WHERE p.request_id = r.id)) AS short,
              (SELECT count(*)::int FROM predictions) AS stored`,
    );
    expect(rows[0]).toEqual({ orphans: 0, short: 0, stored: 2 * (4 * (1 + 2 + 3 + 4 + 5) + 4) });
  });
});
