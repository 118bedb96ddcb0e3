import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../core/config';
import { ApiError } from './errors';

/**
 * Response headers every answer carries (helmet): a Content-Security-Policy that lets the docs page
 * run its own scripts only, no MIME sniffing, no framing, no referrer leaks, HSTS when served over
 * TLS. Reports set a stricter policy of their own.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"] },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/**
 * CORS for the browsers of the web app's origin (or CONTRAIL_CORS_ORIGINS) only: another site's
 * page gets no Access-Control-Allow-Origin, so the browser keeps the answer from it.
 */
export function corsPolicy(config: Config): RequestHandler {
  return cors({
    origin: config.api.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** A body that is not JSON is refused with 415 naming what came, rather than read as no body at all. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!BODY_METHODS.has(req.method) || !hasBody || req.is('json')) return next();
  next(
    new ApiError(
      415,
      'unsupported_media_type',
      `the request body must be JSON with Content-Type: application/json; got ${req.headers['content-type'] ? JSON.stringify(req.headers['content-type']) : 'no Content-Type'}`,
    ),
  );
};

/**
 * Postgres text cannot hold a NUL character: a path or query parameter with `%00` would reach a
 * query and fail there as a 500. Refused at the edge, for every route.
 */
export const refuseNulInUrl: RequestHandler = (req, _res, next) => {
  if (!/%00/i.test(req.url)) return next();
  next(
    new ApiError(400, 'bad_request', 'the URL holds a NUL character (%00), which no parameter may contain'),
  );
};
