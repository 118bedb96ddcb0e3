import path from 'node:path';
import express, { type Express } from 'express';
import { apiProxy, pastPredictionsExport, type ProxyOptions } from './api-proxy';
import { securityHeaders, singlePageApp } from './spa';

export const DIST_DIR = path.resolve(__dirname, '..', 'dist');

/** The web app's server: the built pages, and the API behind /api with the token added here, never in the browser. */
export function createWebappServer(options: ProxyOptions & { distDir?: string }): Express {
  const app = express();
  app.disable('x-powered-by');
  // The API's answers keep the API's own headers (its reports carry their own policy).
  app.use('/api', apiProxy(options));
  app.get('/exports/past-predictions.csv', pastPredictionsExport(options));
  app.use(securityHeaders, singlePageApp(options.distDir ?? DIST_DIR));
  return app;
}
