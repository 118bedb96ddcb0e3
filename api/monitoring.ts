import { Router } from 'express';
import type pg from 'pg';
import { driftOf, driftResponseSchema } from './monitoring-drift';
import { predictionsOf, predictionsResponseSchema } from './monitoring-predictions';
import { qualityOf, qualityResponseSchema } from './monitoring-quality';
import { monitoringQuerySchema, resolveWindow } from './monitoring-window';
import { errorSchema, registry } from './openapi';

/**
 * The dashboards' numbers for the web app: each endpoint reads the monitoring views and functions
 * of the migrations, the same SQL Grafana's panels run. `window=10m|1h|24h` (ending now) or
 * `from` and `to`.
 */
const ENDPOINTS = [
  {
    path: '/monitoring/quality',
    summary: 'Ingested data quality over a window: files, rows, invalid share, issues, worst files',
    schema: qualityResponseSchema,
    read: qualityOf,
  },
  {
    path: '/monitoring/predictions',
    summary: 'Predictions over a window by source: count, mean, median, p95, late share, broken-model signs',
    schema: predictionsResponseSchema,
    read: predictionsOf,
  },
  {
    path: '/monitoring/drift',
    summary: "Drift of serving data and predictions against the active model's training profile",
    schema: driftResponseSchema,
    read: driftOf,
  },
] as const;

for (const endpoint of ENDPOINTS) {
  registry.registerPath({
    method: 'get',
    path: endpoint.path,
    summary: endpoint.summary,
    tags: ['monitoring'],
    security: [{ bearerAuth: [] }],
    request: { query: monitoringQuerySchema },
    responses: {
      200: {
        description: 'The window and its figures',
        content: { 'application/json': { schema: endpoint.schema } },
      },
      400: { description: 'A bad window', content: { 'application/json': { schema: errorSchema } } },
      401: {
        description: 'Missing or wrong bearer token',
        content: { 'application/json': { schema: errorSchema } },
      },
    },
  });
}

export function monitoringRouter(deps: { db: { pool: pg.Pool } }): Router {
  const router = Router();
  for (const endpoint of ENDPOINTS) {
    router.get(endpoint.path, async (req, res) => {
      const window = resolveWindow(req.query);
      res.set('Cache-Control', 'no-store').json(await endpoint.read(deps.db.pool, window));
    });
  }
  return router;
}
