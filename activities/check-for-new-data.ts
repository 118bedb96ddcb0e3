import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { dataPaths } from '../core/paths';
import { activityDeps } from './deps';

/** At most this many files per run, so one run stays short; the next run takes the rest. */
export const MAX_FILES_PER_RUN = 50;

export interface NewFile {
  name: string;
  contentHash: string;
  arrivedAt: string;
}

export interface NewFiles {
  files: NewFile[];
}

export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/**
 * Finds the good-data files no prediction run has taken, and claims them in the ledger (keyed on
 * file name and content hash; files are never moved or renamed). A scheduled or manual run takes
 * every file that arrived before its interval ended; a backfill run only those that arrived within
 * its interval. A claim held by a run that is no longer running is taken over. Nothing new: the
 * whole run ends as skipped.
 */
export async function checkForNewData(context: TaskContext): Promise<TaskResult<NewFiles>> {
  const { config, db } = activityDeps();
  const dir = dataPaths(config.dataDir).goodData;
  const from = context.runType === 'backfill' ? Date.parse(context.logicalTime) : -Infinity;
  const to = Date.parse(context.intervalEnd);

  const done = await db.pool.query<{ file_name: string; arrived_at: Date | null }>(
    `SELECT file_name, arrived_at FROM prediction_ledger WHERE status = 'done'`,
  );
  const doneAt = new Map(done.rows.map((r) => [`${r.file_name}@${r.arrived_at?.getTime()}`, true]));

  const candidates: NewFile[] = [];
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => n.endsWith('.csv'))
        .sort()
    : [];
  for (const name of names) {
    const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    const arrived = Math.floor(stat.mtimeMs);
    if (arrived < from || arrived >= to) continue;
    // A file already predicted, unchanged since (same name, same arrival), needs no hashing.
    if (doneAt.has(`${name}@${arrived}`)) continue;
    const contentHash = await hashFile(path.join(dir, name)).catch(() => undefined);
    if (contentHash) candidates.push({ name, contentHash, arrivedAt: new Date(arrived).toISOString() });
  }
  if (candidates.length === 0) return { skip: 'no new files in good-data' };

  const claimed = await db.pool.query<{ file_name: string; content_hash: string }>(
    `INSERT INTO prediction_ledger (file_name, content_hash, status, run_id, arrived_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::ledger_status[], $4::text[], $5::timestamptz[])
     ON CONFLICT (file_name, content_hash) DO UPDATE
       SET run_id = EXCLUDED.run_id, claimed_at = now(), arrived_at = EXCLUDED.arrived_at
       WHERE prediction_ledger.status = 'claimed' AND (prediction_ledger.run_id = EXCLUDED.run_id
         OR NOT EXISTS (SELECT 1 FROM dag_runs r WHERE r.run_id = prediction_ledger.run_id AND r.state = 'running'))
     RETURNING file_name, content_hash`,
    [
      candidates.map((c) => c.name),
      candidates.map((c) => c.contentHash),
      candidates.map(() => 'claimed'),
      candidates.map(() => context.runId),
      candidates.map((c) => c.arrivedAt),
    ],
  );
  const ours = new Set(claimed.rows.map((r) => `${r.file_name}@${r.content_hash}`));
  const files = candidates.filter((c) => ours.has(`${c.name}@${c.contentHash}`)).slice(0, MAX_FILES_PER_RUN);
  if (files.length === 0) return { skip: 'every new file is being predicted by another run' };
  // Claims beyond the per-run limit go back, for the next run.
  const extra = candidates.filter((c) => ours.has(`${c.name}@${c.contentHash}`)).slice(MAX_FILES_PER_RUN);
  if (extra.length > 0) {
    await db.pool.query(
      `DELETE FROM prediction_ledger WHERE status = 'claimed' AND run_id = $1 AND file_name = ANY($2::text[])`,
      [context.runId, extra.map((c) => c.name)],
    );
  }
  return { output: { files } };
}
