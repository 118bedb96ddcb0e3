import express, { type Express } from 'express';
import type { Config } from '../core/config';
import type { Logger } from '../core/logger';
import { docsRouter } from './docs';
import { errorHandler, notFound } from './errors';
import { type HealthCheck, healthRouter } from './health';
import { openApiDocument } from './openapi';

export interface AppDeps {
  config: Config;
  log: Logger;
  checks: HealthCheck[];
}

/** Builds the Express app without listening, so tests can call it directly. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(healthRouter(deps.checks));
  app.get('/openapi.json', (_req, res) => res.json(openApiDocument(deps.config.api.url)));
  app.use(docsRouter());
  app.use(notFound);
  app.use(errorHandler((message, fields) => deps.log.error(message, fields)));
  return app;
}
