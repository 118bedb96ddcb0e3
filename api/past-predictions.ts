import { type Response, Router } from 'express';
import type pg from 'pg';
import { csvCell } from '../core/csv/csv-cell';
import { type DatasetSpec, fileColumns } from '../core/feature-spec';
import { ApiError } from './errors';
import {
  type Cursor,
  decodeCursor,
  encodeCursor,
  fetchPage,
  type PageFilter,
  type StoredPrediction,
} from './past-predictions-query';
import { MAX_CSV_ROWS, MAX_PAGE, pastPredictionsQuerySchema } from './past-predictions-schemas';

const CSV_PAGE = 5_000;

/** Streams pages as CSV until `limit` rows or the end; stops early when the client goes away. */
async function streamCsv(
  res: Response,
  pool: pg.Pool,
  spec: DatasetSpec,
  filter: PageFilter,
  cursor: Cursor | undefined,
  limit: number,
): Promise<void> {
  const featureColumns = fileColumns(spec, { withLabel: false });
  const header = ['id', 'created_at', 'source', 'model_version', 'request_id', 'row_index', 'file_name'];
  const line = (p: StoredPrediction) =>
    [p.id, p.createdAt, p.source, p.modelVersion, p.requestId, p.rowIndex, p.fileName as unknown]
      .concat(
        featureColumns.map((c) => p.features[c]),
        [p.prediction],
      )
      .map(csvCell)
      .join(',');
  res.status(200).type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', 'attachment; filename="past-predictions.csv"');
  res.write(`${[...header, ...featureColumns, `predicted_${spec.label.name}`].join(',')}\n`);
  let sent = 0;
  let after = cursor;
  while (sent < limit && !res.destroyed) {
    const page = await fetchPage(pool, filter, after, Math.min(CSV_PAGE, limit - sent));
    if (page.length === 0) break;
    const ok = res.write(`${page.map(line).join('\n')}\n`);
    sent += page.length;
    after = { createdAt: page[page.length - 1]!.createdAt.toISOString(), id: page[page.length - 1]!.id };
    if (!ok) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
  }
  res.end();
}

export function pastPredictionsRouter(deps: { pool: pg.Pool; spec: DatasetSpec }): Router {
  const router = Router();
  router.get('/past-predictions', async (req, res) => {
    const parsed = pastPredictionsQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      throw new ApiError(
        400,
        'invalid_query',
        'the query does not match the past-predictions parameters',
        parsed.error.issues,
      );
    }
    const query = parsed.data;
    const filter: PageFilter = {
      source: query.source,
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    };
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      return streamCsv(res, deps.pool, deps.spec, filter, cursor, query.limit ?? MAX_CSV_ROWS);
    }
    const limit = query.limit ?? 100;
    if (limit > MAX_PAGE)
      throw new ApiError(400, 'invalid_query', `limit: at most ${MAX_PAGE} per JSON page (CSV streams more)`);
    // One extra row says whether another page exists without a count.
    const rows = await fetchPage(deps.pool, filter, cursor, limit + 1);
    const page = rows.slice(0, limit);
    res.json({
      predictions: page.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
    });
  });
  return router;
}
