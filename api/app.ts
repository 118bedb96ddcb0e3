import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Config } from '../core/config';
import type { Database } from '../core/db/client';
import type { Logger } from '../core/logger';
import { dagsRouter } from './dags';
import { docsRouter } from './docs';
import { errorHandler, notFound } from './errors';
import { type HealthCheck, healthRouter } from './health';
import { openApiDocument } from './openapi';
import { requireBearerToken } from './auth';
import { monitoringRouter } from './monitoring';
import { pastPredictionsRouter } from './past-predictions';
import { type PredictDeps, predictRouter } from './predict';
import { predictRateLimit } from './rate-limit';
import { requestId } from './request-id';
import { reportsRouter } from './reports';
import { corsPolicy, refuseNulInUrl, requireJsonBody, securityHeaders } from './security';

export interface AppDeps {
  config: Config;
  log: Logger;
  db: Database;
  temporal: Client;
  checks: HealthCheck[];
  /** The model service (predict, past predictions); absent where only the other routes matter. */
  predictions?: PredictDeps;
}

/** Builds the Express app without listening, so tests can call it directly. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Who the client is (req.ip, which the rate limit counts by): behind a trusted proxy such as the
  // web app's server, the address that proxy saw; otherwise the connection's.
  if (deps.config.api.trustProxy.length > 0) app.set('trust proxy', deps.config.api.trustProxy);
  app.use(requestId);
  app.use(securityHeaders(), corsPolicy(deps.config), refuseNulInUrl);
  app.use(healthRouter(deps.checks));
  // Generated once: the routes are fixed for the process's life, and generating takes ~10 ms.
  const openApi = JSON.stringify(openApiDocument(deps.config.api.url));
  app.get('/openapi.json', (_req, res) => res.type('json').send(openApi));
  app.use(docsRouter());
  // Everything below requires the bearer token when CONTRAIL_API_TOKEN is set.
  app.use(requireBearerToken(deps.config.api.token));
  app.use(requireJsonBody);
  app.post('/predict', predictRateLimit(deps.config));
  // Before the pipelines router: its JSON parser (100 kB) would otherwise read every body first.
  if (deps.predictions) app.use(predictRouter(deps.predictions), pastPredictionsRouter(deps.predictions));
  app.use(dagsRouter(deps));
  app.use(reportsRouter(deps));
  app.use(monitoringRouter(deps));
  app.use(notFound);
  app.use(errorHandler((message, fields) => deps.log.error(message, fields)));
  return app;
}
