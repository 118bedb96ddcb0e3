import path from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../core/config';
import { dataPaths } from '../core/paths';
import { ApiError } from './errors';
import { errorSchema, registry } from './openapi';

/** A report id as the ingestion DAG makes them (`<file stem>--<run key>`): nothing that could leave the folder. */
const REPORT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,240}$/;

registry.registerPath({
  method: 'get',
  path: '/reports/{id}',
  summary: 'The data-quality report of one ingested file (HTML); `{id}.json` is its validation result',
  description:
    "Every expectation of the file's validation, passed or failed, with counts and sample bad values. Alerts link here.",
  tags: ['data quality'],
  security: [{ bearerAuth: [] }],
  request: { params: z.object({ id: z.string().regex(REPORT_ID) }) },
  responses: {
    200: {
      description: 'The report',
      content: { 'text/html': { schema: z.string() }, 'application/json': { schema: z.unknown() } },
    },
    404: { description: 'No such report', content: { 'application/json': { schema: errorSchema } } },
  },
});

/**
 * Serves reports from the reports folder only: the id is checked against a strict pattern (no
 * slashes, no `..`), the file is resolved inside the folder, and the page may run no script.
 */
export function reportsRouter(deps: { config: Config }): Router {
  const folder = dataPaths(deps.config.dataDir).reports;
  const router = Router();
  router.get('/reports/:id', (req, res, next) => {
    const { id } = req.params;
    const json = id.endsWith('.json');
    const base = json ? id.slice(0, -'.json'.length) : id;
    const notFound = new ApiError(404, 'report_not_found', `no report ${JSON.stringify(id)}`);
    if (!REPORT_ID.test(base) || base.includes('..')) return next(notFound);
    const file = path.join(folder, `${base}.${json ? 'json' : 'html'}`);
    if (path.dirname(file) !== folder) return next(notFound);
    res.sendFile(
      file,
      {
        dotfiles: 'deny',
        headers: {
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      },
      (error?: Error & { status?: number }) => {
        if (error && !res.headersSent) next(error.status === 404 ? notFound : error);
      },
    );
  });
  return router;
}
