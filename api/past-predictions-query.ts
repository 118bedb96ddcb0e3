import type pg from 'pg';
import { ApiError } from './errors';

export interface StoredPrediction {
  id: string;
  requestId: string;
  rowIndex: number;
  source: 'webapp' | 'scheduled';
  modelVersion: string;
  fileName: string | null;
  createdAt: Date;
  features: Record<string, unknown>;
  prediction: number;
}

export interface PageFilter {
  from?: Date;
  to?: Date;
  source: 'webapp' | 'scheduled' | 'all';
}

/** Where the previous page ended: its last row's time and id (rows order by both, newest first). */
export interface Cursor {
  createdAt: string;
  id: string;
}

export const encodeCursor = (row: StoredPrediction): string =>
  Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');

export function decodeCursor(text: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
    if (Number.isNaN(Date.parse(createdAt)) || !/^\d{1,19}$/.test(id)) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new ApiError(
      400,
      'invalid_cursor',
      'cursor is not one this API returned (pass nextCursor unchanged)',
    );
  }
}

/**
 * One page, newest first, by keyset (created_at, id) so every page is an index range scan however
 * deep the paging goes: of the primary key (created_at, id), or for web-app rows alone of their
 * partial index (prisma/migrations/20261129060100_predictions_webapp_paging). Scheduled rows alone
 * walk the primary key past the web-app rows, which are few.
 */
export async function fetchPage(
  pool: pg.Pool,
  filter: PageFilter,
  after: Cursor | undefined,
  limit: number,
): Promise<StoredPrediction[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter.from) where.push(`created_at >= ${param(filter.from)}`);
  if (filter.to) where.push(`created_at < ${param(filter.to)}`);
  // A literal (one of two checked values), so the planner can match the partial web-app index.
  if (filter.source !== 'all')
    where.push(filter.source === 'webapp' ? `source = 'webapp'` : `source = 'scheduled'`);
  if (after)
    where.push(`(created_at, id) < (${param(after.createdAt)}::timestamptz, ${param(after.id)}::bigint)`);
  const { rows } = await pool.query<StoredPrediction>(
    `SELECT id, request_id AS "requestId", row_index AS "rowIndex", source, model_version AS "modelVersion",
       file_name AS "fileName", created_at AS "createdAt", features, predicted_delay AS prediction
     FROM predictions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at DESC, id DESC LIMIT ${param(limit)}`,
    params,
  );
  return rows;
}
