import fs from 'node:fs';
import path from 'node:path';
import { waitFor } from '../../../cli/runtime/ports';
import type { Flow } from '../support/flow';
import { seconds, sleep } from '../support/runs';

/** Left free on the data disk: less than the file's outputs need. */
const LEAVE_BYTES = 48 * 1024;

/**
 * Fills the data folder's file system, then hands ingestion a file whose outputs cannot fit: the
 * task must fail with a clear error and leave no half-written file in good-data; once space is
 * freed, the retry must finish the file.
 */
export async function fillDisk(flow: Flow) {
  const { system, feed } = flow;
  const { pool } = system.db;
  feed.stop();
  await waitFor('raw-data to empty', async () => fs.readdirSync(system.paths.rawData).length === 0, {
    timeoutMs: 60_000,
  });
  // Written while there is room, renamed in once the disk is full (a rename needs no space).
  const { file: staged, release } = feed.stage(40_000, ['out_of_range']);
  system.servers.disk.fill(LEAVE_BYTES);
  const full = Date.now();
  release();

  let failure = '';
  await waitFor(
    'an ingestion task to fail for lack of space',
    async () => {
      const { rows } = await pool.query(
        `SELECT t.task_id, t.error FROM task_instances t JOIN dag_runs r USING (run_id)
         WHERE r.started_at >= $1 AND t.error ILIKE '%ENOSPC%'`,
        [new Date(full - 5_000)],
      );
      if (rows[0]) failure = `${rows[0].task_id}: ${rows[0].error}`;
      return failure !== '';
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  const failedAfter = Date.now() - full;
  const goodData = fs.readdirSync(system.paths.goodData);
  const halfWritten = goodData.filter((n) => n.startsWith('.') || n === staged.name);
  await sleep(2_000);
  system.servers.disk.free();
  const freed = Date.now();
  await waitFor(
    'the file to be ingested once space is back',
    async () => fs.existsSync(path.join(system.paths.goodData, staged.name)),
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  let runId = '';
  await waitFor(
    'the run that took the file to end',
    async () => {
      const { rows } = await pool.query(
        `SELECT r.run_id, r.state::text FROM ingested_files f JOIN dag_runs r USING (run_id) WHERE f.file_name = $1`,
        [staged.name],
      );
      runId = rows[0]?.run_id ?? '';
      return rows[0] !== undefined && rows[0].state !== 'running';
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  const { rows: tries } = await pool.query(
    `SELECT t.task_id, t.try_number, t.state::text, r.state::text AS run_state FROM task_instances t
     JOIN dag_runs r USING (run_id) WHERE t.run_id = $1`,
    [runId],
  );
  return {
    halfWritten,
    tries,
    observed:
      `disk filled to ${LEAVE_BYTES / 1024} KiB free, a ${staged.rows}-row file dropped; ${seconds(failedAfter)} later ` +
      `the task failed its attempt with "${failure.slice(0, 160)}"; good-data then held ${halfWritten.length} half-written or partial files; ` +
      `space freed 2 s later, the file was in good-data ${seconds(Date.now() - freed)} after that; ` +
      `its run ${tries[0]?.run_state ?? '?'}, tries ${tries.map((t) => `${t.task_id} ${t.try_number}`).join(', ')}`,
  };
}
