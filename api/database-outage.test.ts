import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDatabaseUnavailable } from '../core/db/unavailable';
import { activateTinyModel } from '../tests/support/active-tiny-model';
import { startTestApi, type TestApi } from '../tests/support/api';
import { adminUrl } from '../tests/support/database';
import { type CuttableProxy, startCuttableProxy } from '../tests/support/cuttable-proxy';

const row = { flight_id: 1, date: '2001-04-02 18:05', origin: 'ORD', destination: 'LGA', distance: 733 };

/** The API with its Postgres connections going through a proxy the test cuts: an outage as the API sees one. */
describe('the API while its database is unreachable', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-db-outage-'));
  let proxy: CuttableProxy;
  let api: TestApi;

  beforeAll(async () => {
    const target = new URL(adminUrl());
    proxy = await startCuttableProxy(target.hostname, Number(target.port));
    api = await startTestApi(dir, { viaUrl: (url) => proxy.url(url) });
    await activateTinyModel(api, dir, 3);
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await api.close();
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 database_unavailable with Retry-After instead of a 500, and recovers when it returns', async () => {
    expect((await api.request('POST', '/predict', { source: 'webapp', rows: [row] })).status).toBe(200);
    await proxy.cut();

    const predict = await api.request('POST', '/predict', { source: 'webapp', rows: [row] });
    expect(predict.status).toBe(503);
    expect(predict.headers.get('retry-after')).toBe('5');
    expect((await predict.json()).error).toMatchObject({ code: 'database_unavailable' });
    const past = await api.request('GET', '/past-predictions');
    expect(past.status).toBe(503);
    expect((await past.json()).error.code).toBe('database_unavailable');
    expect((await api.request('GET', '/health')).status).toBe(503);

    await proxy.restore();
    expect((await api.request('POST', '/predict', { source: 'webapp', rows: [row] })).status).toBe(200);
  });

  it('tells an unreachable database from a failed query', async () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: { code: '57P01' } }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('syntax error at or near "SELEC"'))).toBe(false);
  });
});
