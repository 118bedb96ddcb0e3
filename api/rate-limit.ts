import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Config } from '../core/config';
import { errorBody } from './errors';

/**
 * At most PREDICT_RATE_LIMIT requests to POST /predict per client address per window; the next
 * gets 429 with Retry-After (seconds until the window resets) and the IETF RateLimit headers.
 * Counted in this process's memory: each API replica limits on its own. The client address is
 * `req.ip`: the connection's, or what a proxy listed in API_TRUST_PROXY forwarded.
 */
export function predictRateLimit(config: Config): RequestHandler {
  const { max, windowSeconds } = config.api.predictRateLimit;
  if (max === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: windowSeconds * 1000,
    limit: max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    // The web app's server always sends X-Forwarded-For; where it is not trusted (API_TRUST_PROXY
    // unset) the header is ignored on purpose, and must not make the limiter warn on every start.
    validate: { xForwardedForHeader: false },
    handler: (_req, res) => {
      res
        .status(429)
        .json(
          errorBody(
            'rate_limited',
            `too many predict requests: at most ${max} per ${windowSeconds} s from one client (PREDICT_RATE_LIMIT); retry after ${res.getHeader('Retry-After') ?? windowSeconds} s`,
          ),
        );
    },
  });
}
