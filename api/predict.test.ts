import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeSpec } from '../core/feature-spec';
import { promoteModel, registerModel } from '../core/model';
import { startTestApi, type TestApi } from '../tests/support/api';
import { trainTinyModel } from '../tests/support/tiny-model';

const good = { flight_id: 7, date: '2001-04-01 07:15', origin: 'ATL', destination: 'FLL', distance: 581 };

describe('POST /predict', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-predict-'));
  let api: TestApi;
  let modelId: string;

  beforeAll(async () => {
    const { artifact, file } = await trainTinyModel(dir);
    modelId = artifact.id;
    api = await startTestApi(dir, { bodyLimit: '200kb' });
    await registerModel(api.db.pool, artifact, file);
    await promoteModel(api.db.pool, modelId, 'test');
    await api.model.refresh();
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stored = async (requestId: string) =>
    (
      await api.db.pool.query(
        `SELECT row_index, source, model_version, features, predicted_delay FROM predictions WHERE request_id = $1 ORDER BY row_index`,
        [requestId],
      )
    ).rows;

  it('predicts a valid row, stores it with its features, model version, source and request id', async () => {
    const response = await api.request('POST', '/predict', { source: 'webapp', rows: [good] });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      modelVersion: modelId,
      source: 'webapp',
      predicted: 1,
      rejected: 0,
      replayed: false,
    });
    expect(response.headers.get('x-request-id')).toBe(body.requestId);
    expect(body.results).toEqual([{ index: 0, features: good, prediction: expect.any(Number) }]);
    expect(await stored(body.requestId)).toEqual([
      {
        row_index: 0,
        source: 'webapp',
        model_version: modelId,
        features: good,
        predicted_delay: body.results[0].prediction,
      },
    ]);
  });

  it('reports each field error with the exact row index and stores exactly the valid rows', async () => {
    const rows = [
      good,
      { ...good, origin: undefined },
      { ...good, distance: '581' },
      { ...good, destination: 'XXX' },
      { ...good, distance: 99_999 },
      { ...good, date: '2001-04-31 07:15' },
      { ...good, flight_id: 8 },
      { ...good, destination: 'ATL' },
      { ...good, weather: 'rain' },
      'not a row',
    ];
    const response = await api.request('POST', '/predict', {
      source: 'scheduled',
      rows,
      fileName: 'good-0001.csv',
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ predicted: 2, rejected: 8 });
    const errors = Object.fromEntries(
      body.results
        .filter((r: { error?: unknown }) => r.error)
        .map((r: { index: number; error: { issues: unknown } }) => [r.index, r.error.issues]),
    );
    expect(errors).toEqual({
      1: [{ field: 'origin', message: expect.stringMatching(/string/i) }],
      2: [{ field: 'distance', message: 'expected a number of miles' }],
      3: [{ field: 'destination', message: 'unknown destination airport "XXX"' }],
      4: [{ field: 'distance', message: 'must be at most 5100 miles' }],
      5: [{ field: 'date', message: 'malformed date-time "2001-04-31 07:15": expected YYYY-MM-DD HH:mm' }],
      7: [{ field: 'destination', message: 'origin and destination must be different airports' }],
      8: [{ field: 'weather', message: expect.stringMatching(/unrecognized key/i) }],
      9: [{ field: null, message: 'expected an object' }],
    });
    expect(body.results[9].features).toBe('not a row');
    expect(body.results[4].error.message).toBe('distance: must be at most 5100 miles');
    const rowsStored = await stored(body.requestId);
    expect(rowsStored.map((r) => r.row_index)).toEqual([0, 6]);
    expect(rowsStored.every((r) => r.source === 'scheduled')).toBe(true);
    const request = (
      await api.db.pool.query(`SELECT * FROM prediction_requests WHERE id = $1`, [body.requestId])
    ).rows[0];
    expect(request).toMatchObject({
      row_count: 10,
      valid_count: 2,
      invalid_count: 8,
      file_name: 'good-0001.csv',
    });
  });

  it('answers with every row refused when no row is valid, and stores no prediction', async () => {
    const response = await api.request('POST', '/predict', {
      source: 'webapp',
      rows: [{ ...good, origin: 'ZZZ' }],
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ predicted: 0, rejected: 1 });
    expect(body.results).toEqual([
      {
        index: 0,
        features: { ...good, origin: 'ZZZ' },
        error: {
          message: 'origin: unknown origin airport "ZZZ"',
          issues: [{ field: 'origin', message: 'unknown origin airport "ZZZ"' }],
        },
      },
    ]);
    expect(await stored(body.requestId)).toEqual([]);
  });

  it('refuses a malformed envelope, bad JSON and an oversized body with stable errors and no stack', async () => {
    const cases: [unknown, number, string][] = [
      [{ source: 'email', rows: [good] }, 400, 'invalid_request'],
      [{ source: 'webapp', rows: [] }, 400, 'invalid_request'],
      [{ source: 'webapp', rows: [good], extra: 1 }, 400, 'invalid_request'],
      ['{"source": "webapp", "rows": [', 400, 'invalid_json'],
      [{ source: 'webapp', rows: Array.from({ length: 3_000 }, () => good) }, 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const response = await api.request('POST', '/predict', body);
      const text = await response.text();
      expect([response.status, JSON.parse(text).error.code]).toEqual([status, code]);
      expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });

  it('predicts the same as the model in process, for the example row of the spec', async () => {
    const response = await api.request('POST', '/predict', {
      source: 'webapp',
      rows: [activeSpec.exampleRow],
    });
    const body = await response.json();
    const [expected] = api.model.current!.predictor.predictRows([activeSpec.exampleRow]);
    expect(body.results[0].prediction).toBe(Math.round(expected! * 100) / 100);
  });
});

describe('POST /predict without an active model', () => {
  it('answers 503 no_active_model, and /health reports the model check failing but stays up', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-nomodel-'));
    const api = await startTestApi(dir);
    try {
      const response = await api.request('POST', '/predict', { source: 'webapp', rows: [good] });
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('no_active_model');
      const health = await api.request('GET', '/health');
      expect(health.status).toBe(200);
      expect((await health.json()).checks.model).toMatchObject({
        ok: false,
        error: expect.stringMatching(/no model is active/),
      });
    } finally {
      await api.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
