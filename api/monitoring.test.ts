import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { loadConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { seedMonitoringData } from '../tests/support/monitoring-data';
import { temporalAddress } from '../tests/support/temporal';
import { createApp } from './app';
import { driftResponseSchema } from './monitoring-drift';
import { predictionsResponseSchema } from './monitoring-predictions';
import { qualityResponseSchema } from './monitoring-quality';
import { openApiDocument } from './openapi';

describe('GET /monitoring/*', () => {
  let db: TestDatabase;
  let connection: Connection;
  let app: ReturnType<typeof createApp>;
  const at = new Date();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedMonitoringData(db.pool, at);
    connection = Connection.lazy({ address: temporalAddress() });
    const config = loadConfig({ DATABASE_URL: db.url });
    app = createApp({
      config,
      log: createLogger('test', 'error'),
      db,
      temporal: new Client({ connection }),
      checks: [],
    });
  });
  afterAll(async () => {
    await connection?.close();
    await db?.drop();
  });

  it('quality over the last 10 minutes: counts, share, status, a series of 10 one-minute steps, issues, worst files', async () => {
    const { body } = await request(app).get('/monitoring/quality?window=10m').expect(200);
    expect(qualityResponseSchema.parse(body)).toEqual(body);
    expect(body.window.stepSeconds).toBe(60);
    expect(body.summary).toMatchObject({
      files: 2,
      rows: 150,
      validRows: 140,
      invalidRows: 10,
      status: 'orange',
    });
    expect(body.summary.criticality).toEqual({ none: 1, low: 0, medium: 1, high: 0 });
    expect(body.summary.invalidShare).toBeCloseTo(10 / 150, 12);
    expect(body.summary).toMatchObject({ ingestionRunsSkipped: 1, ingestionRunsFailed: 1 });
    expect(body.series).toHaveLength(10);
    expect(body.series.reduce((sum: number, b: { rows: number }) => sum + b.rows, 0)).toBe(150);
    expect(body.issues.map((i: { expectationType: string }) => i.expectationType).sort()).toEqual([
      'expect_column_values_to_be_in_set',
      'expect_column_values_to_not_be_null',
    ]);
    expect(body.worstFiles.map((f: { fileName: string }) => f.fileName)).toEqual([
      'flights-0.csv',
      'flights-1.csv',
    ]);
  });

  it('quality over the last hour includes the file of only invalid rows, worst first', async () => {
    const { body } = await request(app).get('/monitoring/quality?window=1h').expect(200);
    expect(body.summary).toMatchObject({
      files: 3,
      rows: 350,
      invalidShare: 0.6,
      filesAllInvalid: 1,
      status: 'red',
    });
    expect(body.worstFiles[0]).toMatchObject({
      fileName: 'flights-2.csv',
      invalidShare: 1,
      criticality: 'high',
    });
    expect(body.series).toHaveLength(12);
  });

  it('a custom window far from any data is empty, with its own step', async () => {
    const { body } = await request(app)
      .get('/monitoring/quality?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z')
      .expect(200);
    expect(body.window).toEqual({
      from: '2001-01-01T00:00:00.000Z',
      to: '2001-01-02T00:00:00.000Z',
      stepSeconds: 3600,
    });
    expect(body.summary).toMatchObject({ files: 0, rows: 0, invalidShare: null, lastIngestionAt: null });
    expect(body.series).toHaveLength(24);
    expect(body.worstFiles).toEqual([]);
  });

  it('predictions by source, with the broken-model signs', async () => {
    const { body } = await request(app).get('/monitoring/predictions?window=10m').expect(200);
    expect(predictionsResponseSchema.parse(body)).toEqual(body);
    const [all, webapp, scheduled] = body.bySource;
    expect(scheduled).toMatchObject({
      source: 'scheduled',
      predictions: 5,
      mean: 20,
      median: 20,
      p95: 38,
      lateShare: 0.6,
      status: 'green',
    });
    expect(webapp).toMatchObject({ source: 'webapp', predictions: 1, nanPredictions: 1, status: 'red' });
    expect(all).toMatchObject({ source: 'all', predictions: 6, mean: 17.5, jumpScore: 1.25, jump: true });
    expect(body.histogram).toHaveLength(32);
    expect(body.series).toHaveLength(20);
  });

  it('drift: the latest computation, its measures and the series', async () => {
    const { body } = await request(app).get('/monitoring/drift?window=1h').expect(200);
    expect(driftResponseSchema.parse(body)).toEqual(body);
    expect(body.latest).toMatchObject({
      runId: 'monitoring-seed',
      features: 3,
      driftedFeatures: 2,
      datasetDrifted: true,
      prediction: { method: 'wasserstein', score: 0.02, threshold: 0.1, drifted: false },
      status: 'red',
    });
    expect(body.features.map((m: { feature: string; status: string }) => [m.feature, m.status])).toEqual([
      ['date_hour', 'red'],
      ['distance', 'orange'],
      ['origin', 'red'],
      ['prediction', 'green'],
    ]);
    expect(body.runs.map((r: { runId: string }) => r.runId)).toEqual([
      'monitoring-seed',
      'monitoring-seed-small',
    ]);
    expect(body.featureSeries).toHaveLength(7);
    expect(body.featureSeries[0]).toMatchObject({
      runId: 'monitoring-seed-small',
      feature: 'distance',
      method: 'ks',
    });
    const twice = await request(app).get('/monitoring/drift?window=10m&window=1h');
    expect(twice.status).toBe(400);
  });

  it.each([
    ['window=2h', 'invalid_query'],
    ['window=1h&from=2026-01-01', 'invalid_query'],
    ['from=2026-01-01', 'invalid_query'],
    ['from=2026-01-02&to=2026-01-01', 'invalid_query'],
    ['from=yesterday&to=today', 'invalid_query'],
    ['limit=5', 'invalid_query'],
  ])('refuses %s with a 400 and a reason', async (query, code) => {
    const { body } = await request(app).get(`/monitoring/quality?${query}`).expect(400);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toEqual(expect.any(String));
  });

  it('documents the three endpoints in the OpenAPI document', () => {
    const paths = Object.keys(openApiDocument('http://x').paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining(['/monitoring/quality', '/monitoring/predictions', '/monitoring/drift']),
    );
  });
});
