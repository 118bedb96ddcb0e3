import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { exists } from '../core/files/atomic';
import type { DataPaths } from '../core/paths';
import { type ReadDataOutput, visibleFiles } from './ingestion-files';

/** Written into a claim folder before the file is renamed in, so the folder names its run. */
export const RUN_ID_FILE = '.run-id';
export const CLAIM_RECORD = 'claim.json';

/**
 * How long a failed run keeps its file: long enough for an operator to rerun it on the same file
 * (a Temporal reset finds its claim again), short enough that rows do not wait on someone.
 */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * The file a claim folder holds, if it can go back whole: the one its record names (unless the
 * split already wrote an output of it), or the only one a kill right after the rename left.
 */
async function returnableName(paths: DataPaths, dir: string): Promise<string | undefined> {
  const record = await fs.readFile(path.join(dir, CLAIM_RECORD), 'utf8').catch(() => undefined);
  if (record) {
    const claim = JSON.parse(record) as ReadDataOutput;
    const split =
      (await exists(path.join(paths.goodData, claim.outputName))) ||
      (await exists(path.join(paths.badData, claim.outputName)));
    return !split && (await exists(path.join(dir, claim.fileName))) ? claim.fileName : undefined;
  }
  const names = await visibleFiles(dir);
  return names.length === 1 ? names[0] : undefined;
}

/** Puts a file back into raw-data without replacing one that arrived there under the same name. */
async function putBack(from: string, rawData: string, name: string, runKey: string): Promise<string> {
  const { name: stem, ext } = path.parse(name);
  for (const candidate of [name, `${stem}--returned-from-${runKey}${ext}`]) {
    try {
      await fs.link(from, path.join(rawData, candidate));
      await fs.unlink(from);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`raw-data already holds ${name} and its returned name`);
}

/**
 * Claims left behind by ingestion runs that failed (say, on a disk full for longer than their
 * retries) go back to raw-data once the run has been over for ABANDONED_AFTER_MS, so a later run
 * ingests the file; nothing else ever would. The failed run's statistics go with it, so the file
 * is counted once, when it is ingested. Claims of running or successful runs, of a split that had
 * begun writing outputs, and folders from before runs named themselves are left alone for a person.
 * Returns the names put back.
 */
export async function returnAbandonedClaims(paths: DataPaths, pool: pg.Pool): Promise<string[]> {
  const folders = await fs.readdir(paths.claimed, { withFileTypes: true }).catch(() => []);
  const byRun = new Map<string, string>();
  for (const folder of folders.filter((f) => f.isDirectory())) {
    const dir = path.join(paths.claimed, folder.name);
    const runId = await fs.readFile(path.join(dir, RUN_ID_FILE), 'utf8').catch(() => undefined);
    if (runId) byRun.set(runId, dir);
  }
  if (byRun.size === 0) return [];
  const { rows } = await pool.query<{ run_id: string }>(
    `SELECT run_id FROM dag_runs WHERE run_id = ANY($1) AND state = 'failed'
       AND ended_at < now() - make_interval(secs => $2)`,
    [[...byRun.keys()], ABANDONED_AFTER_MS / 1000],
  );
  const returned: string[] = [];
  for (const { run_id: runId } of rows) {
    const dir = byRun.get(runId)!;
    const name = await returnableName(paths, dir);
    if (!name) continue;
    returned.push(await putBack(path.join(dir, name), paths.rawData, name, path.basename(dir)));
    await pool.query('DELETE FROM ingested_files WHERE run_id = $1', [runId]);
    await fs.rm(dir, { recursive: true, force: true });
  }
  return returned;
}
