import crypto from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/**
 * Every response carries `X-Request-Id`, a fresh UUID; POST /predict also stores it as the id of
 * its prediction request, so a client, the log and the database name the same thing.
 */
export const requestId: RequestHandler = (_req, res, next) => {
  const id = crypto.randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};

export const requestIdOf = (res: Response): string => res.locals.requestId as string;
