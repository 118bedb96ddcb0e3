import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './errors';

const digest = (text: string) => crypto.createHash('sha256').update(text).digest();

/**
 * Requires `Authorization: Bearer <token>` when a token is configured. The comparison runs in
 * constant time over SHA-256 digests (equal lengths whatever was sent), so response timing does
 * not reveal how much of a guess was right.
 */
export function requireBearerToken(token: string | undefined): RequestHandler {
  if (!token) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (match && crypto.timingSafeEqual(digest(match[1]!.trim()), expected)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="contrail"');
    next(
      new ApiError(
        401,
        'unauthorized',
        match
          ? 'the bearer token is not valid'
          : 'this endpoint requires Authorization: Bearer <CONTRAIL_API_TOKEN>',
      ),
    );
  };
}
