import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { loadConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { dataPaths, ensureDataDirs } from '../core/paths';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { temporalAddress } from '../tests/support/temporal';
import { createApp } from './app';

describe('GET /reports/:id', () => {
  let db: TestDatabase;
  let connection: Connection;
  let dataDir: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    db = await createTestDatabase();
    connection = await Connection.connect({ address: temporalAddress() });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-reports-api-'));
    const config = loadConfig({ CONTRAIL_DATA_DIR: dataDir });
    const paths = dataPaths(config.dataDir);
    ensureDataDirs(paths);
    fs.writeFileSync(path.join(paths.reports, 'flights-0001--run-1.html'), '<h1>report</h1>');
    fs.writeFileSync(path.join(paths.reports, 'flights-0001--run-1.json'), '{"success":false}');
    fs.writeFileSync(path.join(dataDir, 'secret.html'), 'outside the reports folder');
    const temporal = new Client({ connection });
    app = createApp({ config, log: createLogger('test', 'error'), db, temporal, checks: [] });
  });
  afterAll(async () => {
    await connection?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves a report as HTML that may run no script, and its validation result as JSON', async () => {
    const html = await request(app).get('/reports/flights-0001--run-1').expect(200);
    expect(html.type).toBe('text/html');
    expect(html.text).toBe('<h1>report</h1>');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    const json = await request(app).get('/reports/flights-0001--run-1.json').expect(200);
    expect(json.body).toEqual({ success: false });
  });

  it.each([
    '/reports/no-such-report',
    '/reports/..%2Fsecret',
    '/reports/%2E%2E%2Fsecret',
    '/reports/..',
    '/reports/.hidden',
    '/reports/flights-0001--run-1.html',
    '/reports/%2Fetc%2Fpasswd',
    '/reports/..%5Csecret',
  ])('answers 404 for %s, never a file outside the reports folder', async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('outside the reports folder');
  });

  it('is in the OpenAPI document', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    expect(res.body.paths['/reports/{id}'].get.summary).toMatch(/data-quality report/);
  });
});
