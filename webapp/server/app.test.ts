import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createWebappServer } from './app';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A real HTTP server in the API's place, answering what each test tells it to. */
function startUpstream(handler: (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen[]) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    handler(req, res, seen);
  });
  return new Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

function listen(app: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(app);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      }),
    ),
  );
}

const TOKEN = 'server-side-token-0123456789';
const silent = () => undefined;

describe('web app server: the /api proxy', () => {
  let dist: string;
  beforeAll(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'webapp-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-abc.js'), 'console.log(1)');
  });
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('adds the bearer token, drops the browser’s own credentials, and passes the answer through unchanged', async () => {
    const api = await startUpstream((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
      res.end('{"runId":"x"}');
    });
    const web = await listen(
      createWebappServer({ apiUrl: api.url, token: TOKEN, log: silent, distDir: dist }),
    );
    try {
      const res = await fetch(`${web.url}/api/dags/prediction/trigger?x=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer guessed', cookie: 'session=1' },
        body: '{}',
      });
      expect({ status: res.status, body: await res.text(), id: res.headers.get('x-request-id') }).toEqual({
        status: 201,
        body: '{"runId":"x"}',
        id: 'r-1',
      });
      expect(api.seen[0]).toMatchObject({ method: 'POST', url: '/dags/prediction/trigger?x=1' });
      expect(api.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(api.seen[0]!.headers.cookie).toBeUndefined();
      // Who asked: the address this server saw, for the API's per-client rate limit.
      expect(api.seen[0]!.headers['x-forwarded-for']).toBe('127.0.0.1');
      await (
        await fetch(`${web.url}/api/health`, { headers: { 'x-forwarded-for': '192.0.2.7' } })
      ).arrayBuffer();
      expect(api.seen[1]!.headers['x-forwarded-for']).toBe('192.0.2.7, 127.0.0.1');
    } finally {
      await web.close();
      await api.close();
    }
  });

  it('sends a GET once more when the API closes the kept-alive connection it went out on', async () => {
    // The race of keep-alive: the API drops an idle connection just as the next request goes out
    // on it. Here the API closes every connection when its second request arrives.
    const requestsOn = new WeakMap<object, number>();
    const api = await startUpstream((req, res) => {
      const n = (requestsOn.get(req.socket) ?? 0) + 1;
      requestsOn.set(req.socket, n);
      if (n === 2) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    });
    const logged: string[] = [];
    const web = await listen(
      createWebappServer({ apiUrl: api.url, token: TOKEN, log: (m) => logged.push(m), distDir: dist }),
    );
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${web.url}/api/health`);
        expect({ status: res.status, body: await res.text() }).toEqual({
          status: 200,
          body: '{"status":"ok"}',
        });
      }
      // Three answers, two of them after a connection was dropped under the request.
      expect(api.seen).toHaveLength(5);
      expect(logged).toEqual([]);
    } finally {
      await web.close();
      await api.close();
    }
  });

  it('refuses calls the pages never make, without reaching the API', async () => {
    const api = await startUpstream((_req, res) => res.end('{}'));
    const web = await listen(
      createWebappServer({ apiUrl: api.url, token: TOKEN, log: silent, distDir: dist }),
    );
    try {
      for (const [method, url] of [
        ['POST', '/api/models/x/promote'],
        ['DELETE', '/api/dags/prediction'],
        ['GET', '/api/openapi.json'],
        ['POST', '/api/past-predictions'],
      ] as const) {
        const res = await fetch(`${web.url}${url}`, { method });
        expect({ url, status: res.status, body: await res.json() }).toEqual({
          url,
          status: 404,
          body: { error: { code: 'not_proxied', message: expect.stringContaining('does not pass') } },
        });
      }
      expect(api.seen).toEqual([]);
    } finally {
      await web.close();
      await api.close();
    }
  });

  it('streams an upload: the API receives its start while the browser is still sending', async () => {
    let firstChunkArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (firstChunkArrived = resolve));
    const api = await startUpstream((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        firstChunkArrived();
      });
      req.on('end', () => res.end(JSON.stringify({ bytes })));
    });
    const web = await listen(
      createWebappServer({ apiUrl: api.url, token: TOKEN, log: silent, distDir: dist }),
    );
    try {
      const chunk = Buffer.alloc(1 << 20, 'a');
      const request = http.request(`${web.url}/api/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      const answer = new Promise<string>((resolve) =>
        request.on('response', (res) => {
          let text = '';
          res.on('data', (d) => (text += d)).on('end', () => resolve(text));
        }),
      );
      request.write(chunk);
      await arrived; // would never resolve if the proxy waited for the whole body
      for (let i = 0; i < 20; i++) request.write(chunk);
      request.end();
      expect(JSON.parse(await answer)).toEqual({ bytes: 21 * chunk.length });
    } finally {
      await web.close();
      await api.close();
    }
  });

  it('streams a CSV export: the browser gets the first rows before the API has finished', async () => {
    let finish: () => void = () => undefined;
    const api = await startUpstream((_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/csv',
        'content-disposition': 'attachment; filename="p.csv"',
      });
      res.write('id,prediction\n1,2\n');
      finish = () => res.end('3,4\n');
    });
    const web = await listen(
      createWebappServer({ apiUrl: api.url, token: TOKEN, log: silent, distDir: dist }),
    );
    try {
      const res = await fetch(`${web.url}/exports/past-predictions.csv?source=webapp&from=2001-01-01`);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="p.csv"');
      const reader = res.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toBe('id,prediction\n1,2\n');
      finish();
      let rest = '';
      for (let part = await reader.read(); !part.done; part = await reader.read())
        rest += new TextDecoder().decode(part.value);
      expect(rest).toBe('3,4\n');
      expect(api.seen[0]).toMatchObject({ url: '/past-predictions?source=webapp&from=2001-01-01' });
      expect(api.seen[0]!.headers).toMatchObject({ accept: 'text/csv', authorization: `Bearer ${TOKEN}` });
    } finally {
      await web.close();
      await api.close();
    }
  });

  it('answers in the API’s error shape when the API is down', async () => {
    const api = await startUpstream((_req, res) => res.end());
    await api.close();
    const web = await listen(
      createWebappServer({ apiUrl: api.url, token: TOKEN, log: silent, distDir: dist }),
    );
    try {
      const res = await fetch(`${web.url}/api/dags`);
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 502,
        body: {
          error: { code: 'api_unreachable', message: 'the model service cannot be reached (ECONNREFUSED)' },
        },
      });
    } finally {
      await web.close();
    }
  });
});

describe('web app server: the pages', () => {
  it('serves the app for its own routes with a strict content security policy, and cached assets', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'webapp-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-abc.js'), 'console.log(1)');
    const web = await listen(
      createWebappServer({ apiUrl: 'http://127.0.0.1:9', token: undefined, log: silent, distDir: dist }),
    );
    try {
      for (const route of ['/', '/pipelines/runs/prediction-manual-1', '/past-predictions?source=webapp']) {
        const res = await fetch(`${web.url}${route}`);
        expect({ route, status: res.status, body: await res.text() }).toEqual({
          route,
          status: 200,
          body: '<!doctype html><title>app</title>',
        });
        expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(res.headers.get('cache-control')).toBe('no-cache');
      }
      const asset = await fetch(`${web.url}/assets/app-abc.js`);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${web.url}/assets/missing.js`)).status).toBe(404);
    } finally {
      await web.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('says how to build the app when it is not built', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'webapp-dist-'));
    const web = await listen(
      createWebappServer({ apiUrl: 'http://127.0.0.1:9', token: undefined, log: silent, distDir: empty }),
    );
    try {
      const res = await fetch(`${web.url}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build:webapp');
    } finally {
      await web.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
