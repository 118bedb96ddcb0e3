import http from 'node:http';
import https from 'node:https';
import type { RequestHandler } from 'express';

/**
 * What the browser may ask the API for through this server, which adds the bearer token: exactly
 * the calls the pages make, so the token lends nothing else (model promotion, admin routes…).
 */
const ALLOWED: { method: string; path: RegExp }[] = [
  { method: 'GET', path: /^\/health$/ },
  { method: 'POST', path: /^\/predict$/ },
  { method: 'GET', path: /^\/past-predictions$/ },
  { method: 'GET', path: /^\/dags$/ },
  { method: 'GET', path: /^\/dags\/[\w.-]+\/runs$/ },
  { method: 'POST', path: /^\/dags\/[\w.-]+\/(trigger|pause|unpause)$/ },
  { method: 'GET', path: /^\/runs\/[^/]+$/ },
  { method: 'GET', path: /^\/reports\/[^/]+$/ },
  { method: 'GET', path: /^\/monitoring\/[\w/-]+$/ },
];

/** Request headers passed on; everything else (cookies, the browser's own Authorization) stays here. */
const FORWARDED_REQUEST = [
  'accept',
  'content-type',
  'content-length',
  'idempotency-key',
  'x-request-id',
  'user-agent',
];
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-authenticate',
  'trailer',
  'te',
]);

export interface ProxyOptions {
  apiUrl: string;
  token: string | undefined;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

const errorJson = (code: string, message: string) => JSON.stringify({ error: { code, message } });

/** The X-Forwarded-For chain that came in, with the address this server saw appended. */
function forwardedFor(req: http.IncomingMessage): string {
  const came = req.headers['x-forwarded-for'];
  const address = req.socket.remoteAddress ?? 'unknown';
  return came ? `${Array.isArray(came) ? came.join(', ') : came}, ${address}` : address;
}

export const isAllowed = (method: string, path: string) =>
  ALLOWED.some((a) => a.method === method && a.path.test(path));

/**
 * Streams one request to the API and its answer back, both ways without buffering (100,000-row
 * uploads, million-row CSV exports). `target` maps the incoming request to the API path and query.
 */
export function proxyTo(
  options: ProxyOptions,
  target: (req: http.IncomingMessage & { path: string }) => { path: string; accept?: string } | undefined,
): RequestHandler {
  const base = new URL(options.apiUrl);
  const client = base.protocol === 'https:' ? https : http;
  // An idle connection is closed by this side first: with a timeout set, Node's agent honours the
  // API's `Keep-Alive: timeout=N` and drops a free connection a second before the API would.
  const agent = new client.Agent({ keepAlive: true, maxSockets: 64, timeout: 60_000 });
  return (req, res) => {
    const to = target(req);
    if (!to) {
      res
        .status(404)
        .type('json')
        .send(errorJson('not_proxied', `the web app does not pass ${req.method} ${req.path} to the API`));
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const name of FORWARDED_REQUEST)
      if (req.headers[name] !== undefined) headers[name] = req.headers[name];
    if (to.accept) headers.accept = to.accept;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    // Who asked, for the API's per-client rate limit (it reads this only from a proxy it trusts).
    headers['x-forwarded-for'] = forwardedFor(req);
    const url = new URL(to.path, base);
    const retriable = req.method === 'GET' || req.method === 'HEAD';
    let upstream: http.ClientRequest | undefined;
    // The person closed the tab or cancelled: stop the API's work too.
    res.on('close', () => {
      if (!res.writableFinished) upstream?.destroy();
    });
    const send = (attempt: number) => {
      const request = client.request(
        url,
        { method: req.method, headers, agent, timeout: 300_000 },
        (answer) => {
          const outgoing: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value !== undefined && !HOP_BY_HOP.has(name)) outgoing[name] = value;
          }
          res.writeHead(answer.statusCode ?? 502, outgoing);
          answer.pipe(res);
          answer.on('error', () => res.destroy());
        },
      );
      request.on('timeout', () => request.destroy(new Error('the API did not answer within 5 minutes')));
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (res.headersSent) return void res.destroy();
        // A kept-alive connection the API closed just as this request went out on it: the request
        // never reached the API, so a request without a body goes once more, on a new connection.
        if (retriable && attempt === 0 && request.reusedSocket && error.code === 'ECONNRESET') {
          return void send(attempt + 1);
        }
        options.log('the API cannot be reached', { url: url.origin, error: error.code ?? error.message });
        res
          .status(502)
          .type('json')
          .send(
            errorJson(
              'api_unreachable',
              `the model service cannot be reached (${error.code ?? error.message})`,
            ),
          );
      });
      upstream = request;
      if (retriable) request.end();
      else req.pipe(request);
    };
    send(0);
  };
}

/** /api/<path> goes to <API>/<path>, if the pages need it. */
export function apiProxy(options: ProxyOptions): RequestHandler {
  return proxyTo(options, (req) => {
    if (!isAllowed(req.method ?? '', req.path)) return undefined;
    const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    return { path: `${req.path}${query}` };
  });
}

/** A plain link (no headers) that downloads past predictions as CSV, streamed from the API. */
export function pastPredictionsExport(options: ProxyOptions): RequestHandler {
  return proxyTo(options, (req) => {
    const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    return { path: `/past-predictions${query}`, accept: 'text/csv' };
  });
}
