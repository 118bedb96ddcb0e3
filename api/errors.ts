import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnavailable } from '../core/db/unavailable';

/** Every error the API returns has this shape: a stable code, a message for people, details for programs. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

/** Postgres' SQLSTATE for a statement cancelled, here by statement_timeout. */
const QUERY_CANCELED = '57014';

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `no route for ${req.method} ${req.path}`));
};

/** Body-parser failures keep their 4xx status; anything unexpected is a 500 without internals. */
export function errorHandler(
  log: (message: string, fields: Record<string, unknown>) => void,
): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof ApiError) {
      res.status(error.status).json(errorBody(error.code, error.message, error.details));
      return;
    }
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status < 500) {
      const code =
        error.type === 'entity.parse.failed'
          ? 'invalid_json'
          : error.type === 'entity.too.large'
            ? 'payload_too_large'
            : status === 415
              ? 'unsupported_media_type'
              : 'bad_request';
      const message =
        code === 'invalid_json'
          ? `the request body is not valid JSON: ${error.message}`
          : code === 'payload_too_large'
            ? `the request body is larger than the limit of ${error.limit} bytes`
            : String(error.message ?? 'bad request');
      res.status(status).json(errorBody(code, message));
      return;
    }
    if (error?.code === QUERY_CANCELED) {
      res
        .status(503)
        .json(
          errorBody(
            'query_timeout',
            'the database query ran past its time limit (API_QUERY_TIMEOUT_SECONDS); ask for less: a shorter window, a smaller page',
          ),
        );
      return;
    }
    if (isDatabaseUnavailable(error)) {
      // An outage, not a bug: say so, and when to come back, instead of a bare 500.
      res
        .status(503)
        .setHeader('Retry-After', '5')
        .json(errorBody('database_unavailable', 'the database is unavailable right now; retry shortly'));
      return;
    }
    log('request failed', { method: req.method, path: req.path, error });
    res
      .status(500)
      .json(errorBody('internal_error', 'the server failed to handle this request; see its log'));
  };
}
