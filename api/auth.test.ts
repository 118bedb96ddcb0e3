import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApi, type TestApi } from '../tests/support/api';

const TOKEN = 'a-long-enough-test-token-123';

describe('bearer token', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-auth-'));
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi(dir, { token: TOKEN })));
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['without a token', {}],
    ['with a wrong token', { authorization: `Bearer ${TOKEN}x` }],
    ['with another scheme', { authorization: `Basic ${TOKEN}` }],
  ])('refuses every endpoint but health %s, with 401 in the error shape', async (_name, headers) => {
    for (const [method, route] of [
      ['GET', '/past-predictions'],
      ['POST', '/predict'],
      ['GET', '/no-such-route'],
    ] as const) {
      const response = await api.request(
        method,
        route,
        method === 'POST' ? { source: 'webapp', rows: [] } : undefined,
        headers,
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await response.json()).error.code).toBe('unauthorized');
    }
  });

  it('lets the right token through, and health without one', async () => {
    const authorised = await api.request('GET', '/past-predictions', undefined, {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(authorised.status).toBe(200);
    expect((await api.request('GET', '/health')).status).toBe(200);
  });
});

describe('without a configured token', () => {
  it('leaves the API open', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-open-'));
    const api = await startTestApi(dir);
    try {
      expect((await api.request('GET', '/past-predictions')).status).toBe(200);
    } finally {
      await api.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
