import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApi, type TestApi } from '../tests/support/api';

describe('API query time limit (API_QUERY_TIMEOUT_SECONDS)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-query-timeout-'));
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dir, { env: { API_QUERY_TIMEOUT_SECONDS: '1' } });
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 query_timeout when a read runs past the limit, and serves again once it can', async () => {
    // Another session holds the predictions table: every read of it waits, as behind a long query.
    const holder = await api.db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE predictions IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const stuck = await api.request('GET', '/past-predictions?limit=10');
      expect(stuck.status).toBe(503);
      expect((await stuck.json()).error).toEqual({
        code: 'query_timeout',
        message: expect.stringContaining('API_QUERY_TIMEOUT_SECONDS'),
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    const served = await api.request('GET', '/past-predictions?limit=10');
    expect(served.status).toBe(200);
  });
});
