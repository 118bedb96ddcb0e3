import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataPaths, ensureDataDirs } from '../core/paths';
import { activateTinyModel } from '../tests/support/active-tiny-model';
import { startTestApi, type TestApi } from '../tests/support/api';

const TOKEN = 'security-test-token-0123456789';
const WEBAPP = 'http://webapp.contrail.test:3000';
const row = { flight_id: 7, date: '2001-04-01 07:15', origin: 'ATL', destination: 'FLL', distance: 581 };
const auth = { authorization: `Bearer ${TOKEN}` };

describe('API security', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-security-'));
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dir, {
      token: TOKEN,
      env: { CONTRAIL_WEBAPP_URL: WEBAPP, PREDICT_RATE_LIMIT: '5', PREDICT_RATE_WINDOW_SECONDS: '120' },
    });
    await activateTinyModel(api, dir);
    const paths = dataPaths(dir);
    ensureDataDirs(paths);
    fs.writeFileSync(path.join(paths.reports, 'flights-1--run-1.html'), '<h1>report</h1>');
    fs.writeFileSync(path.join(paths.root, 'secret.html'), 'outside the reports folder');
    fs.writeFileSync(path.join(paths.goodData, 'flights-1.html'), 'good data, not a report');
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends security headers on every answer, errors and health included', async () => {
    for (const [route, headers] of [
      ['/health', {}],
      ['/past-predictions', auth],
      ['/past-predictions', {}],
      ['/no-such-route', auth],
    ] as const) {
      const response = await api.request('GET', route, undefined, headers);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it("allows the web app's origin through CORS, preflight included, and no other origin", async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/predict`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight(WEBAPP);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEBAPP);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const read = await api.request('GET', '/past-predictions', undefined, {
      ...auth,
      origin: 'https://evil.example',
    });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate-limits POST /predict per client with 429, Retry-After and a clear message', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 7; i++) {
      const response = await api.request('POST', '/predict', { source: 'webapp', rows: [row] }, auth);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(120);
    const body = await limited!.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/at most 5 per 120 s/);
    // Other endpoints are not limited.
    expect((await api.request('GET', '/past-predictions', undefined, auth)).status).toBe(200);
    // No proxy is trusted here: a forwarded address is not a way around the limit.
    const spoofed = await api.request(
      'POST',
      '/predict',
      { source: 'webapp', rows: [row] },
      { ...auth, 'x-forwarded-for': '203.0.113.9' },
    );
    expect(spoofed.status).toBe(429);
  });

  it.each([
    '/reports/..%2Fsecret',
    '/reports/..%252Fsecret',
    '/reports/%2e%2e%2fsecret',
    '/reports/....%2F%2Fsecret',
    '/reports/secret%00',
    '/reports/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/reports/%2Fetc%2Fpasswd',
    '/reports/..%5C..%5Csecret',
    '/reports/..%2Fgood-data%2Fflights-1',
    '/reports/flights-1--run-1%2F..%2F..%2Fsecret',
    '/reports/%C0%AE%C0%AE%2Fsecret',
    '/reports/..',
  ])('serves nothing outside the reports folder for %s', async (route) => {
    const response = await api.request('GET', route, undefined, auth);
    expect([400, 404]).toContain(response.status);
    const text = await response.text();
    expect(text).not.toMatch(/outside the reports folder|good data|root:/);
    expect(JSON.parse(text).error.code).toMatch(/not_found|bad_request/);
  });

  it('serves a report from the reports folder, with the token only', async () => {
    expect((await api.request('GET', '/reports/flights-1--run-1')).status).toBe(401);
    const response = await api.request('GET', '/reports/flights-1--run-1', undefined, auth);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<h1>report</h1>');
  });
});

describe('API behind a trusted proxy (API_TRUST_PROXY)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-trust-proxy-'));
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dir, {
      env: { API_TRUST_PROXY: 'loopback', PREDICT_RATE_LIMIT: '2', PREDICT_RATE_WINDOW_SECONDS: '120' },
    });
    await activateTinyModel(api, dir);
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const predictAs = async (forwardedFor: string) => {
    const response = await api.request(
      'POST',
      '/predict',
      { source: 'webapp', rows: [row] },
      { 'x-forwarded-for': forwardedFor },
    );
    await response.arrayBuffer();
    return response.status;
  };

  it('counts each client the proxy names on its own budget, by the address the proxy saw', async () => {
    expect([await predictAs('198.51.100.1'), await predictAs('198.51.100.1')]).toEqual([200, 200]);
    expect(await predictAs('198.51.100.1')).toBe(429);
    // Another person behind the same proxy still has a whole budget.
    expect(await predictAs('198.51.100.2')).toBe(200);
    // What the client itself wrote to the left of the proxy's entry changes nothing.
    expect(await predictAs('192.0.2.77, 198.51.100.1')).toBe(429);
  });
});
