import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activateTinyModel } from '../tests/support/active-tiny-model';
import { startTestApi, type TestApi } from '../tests/support/api';

const row = (distance: number) => ({ date: '2001-04-02 18:05', origin: 'ORD', destination: 'LGA', distance });
const batch = {
  source: 'scheduled',
  rows: [row(733), row(734), { ...row(735), origin: 'nope' }],
  fileName: 'f.csv',
};

describe('POST /predict with an Idempotency-Key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-idem-'));
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(dir);
    await activateTinyModel(api, dir, 3);
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const counts = async (key: string) =>
    (
      await api.db.pool.query(
        `SELECT (SELECT count(*)::int FROM prediction_requests WHERE idempotency_key = $1) AS requests,
                (SELECT count(*)::int FROM predictions p JOIN prediction_requests r ON r.id = p.request_id
                  WHERE r.idempotency_key = $1) AS predictions`,
        [key],
      )
    ).rows[0];

  it('answers a retried batch with the stored result and stores nothing twice, even after a new model', async () => {
    const first = await (
      await api.request('POST', '/predict', batch, { 'Idempotency-Key': 'run-1/file-1' })
    ).json();
    await activateTinyModel(api, dir, 4);
    const again = await api.request('POST', '/predict', batch, { 'Idempotency-Key': 'run-1/file-1' });
    const second = await again.json();
    expect(again.status).toBe(200);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await counts('run-1/file-1')).toEqual({ requests: 1, predictions: 2 });
  });

  it('stores one copy when the same batch arrives many times at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.request('POST', '/predict', batch, { 'Idempotency-Key': 'burst' }).then((r) => r.json()),
      ),
    );
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await counts('burst')).toEqual({ requests: 1, predictions: 2 });
  });

  it('refuses a key reused with another body', async () => {
    await api.request('POST', '/predict', batch, { 'Idempotency-Key': 'reused' });
    const response = await api.request(
      'POST',
      '/predict',
      { ...batch, rows: [row(900)] },
      { 'Idempotency-Key': 'reused' },
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error.code).toBe('idempotency_key_reused');
    expect(await counts('reused')).toEqual({ requests: 1, predictions: 2 });
  });

  it('refuses a malformed key', async () => {
    const response = await api.request('POST', '/predict', batch, { 'Idempotency-Key': 'x'.repeat(300) });
    expect((await response.json()).error.code).toBe('invalid_idempotency_key');
  });
});
