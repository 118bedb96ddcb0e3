import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE, type TaskContext } from '../core/dag/task';
import { type DataPaths } from '../core/paths';
import type { Criticality } from '../core/validation';

/**
 * Where an ingestion run keeps its files, and what its tasks hand each other (small JSON: paths
 * and counts, never rows). Every name derives from the run id, so a retried task finds the work
 * of its earlier attempts.
 */

/**
 * The files a run may take from a folder: visible regular files (an uploader writes to a dotfile,
 * then renames; a claim folder's own `.run-id` is hidden the same way).
 */
export async function visibleFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
}

/** A file-system-safe key of a run id, unique even after the unsafe characters are replaced. */
export function runKey(runId: string): string {
  const safe = runId.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80);
  return `${safe}-${crypto.createHash('sha256').update(runId).digest('hex').slice(0, 8)}`;
}

/** The folder of a run's claim: the claimed file, its claim record and its row verdicts. */
export const claimDirOf = (paths: DataPaths, runId: string) => path.join(paths.claimed, runKey(runId));

/** The report of a run's file: `reports/<id>.html` and `reports/<id>.json`, served at `/reports/<id>`. */
export function reportIdOf(fileName: string, runId: string): string {
  const stem =
    path
      .parse(fileName)
      .name.replace(/[^A-Za-z0-9._-]+/g, '-')
      .slice(0, 80) || 'file';
  return `${stem}--${runKey(runId)}`;
}

export interface ReadDataOutput {
  /** The name the file arrived under in raw-data. */
  fileName: string;
  claimedFile: string;
  claimDir: string;
  /** The name its outputs take in good-data and bad-data. */
  outputName: string;
  bytes: number;
}

export interface ValidateDataOutput extends ReadDataOutput {
  reportId: string;
  /** The validation result (Great Expectations' JSON shape), kept with the report. */
  resultPath: string;
  /** Which expectations each row broke (binary, 4 bytes a row), for the split. */
  verdictsPath: string;
  rowCount: number;
  goodRows: number;
  badRows: number;
  criticality: Criticality;
  parseable: boolean;
}

/** An upstream task's output, or a BadConfig failure naming what the DAG definition got wrong. */
export function upstreamOutput<T>(context: TaskContext, taskId: string, field: keyof T & string): T {
  const output = context.upstream[taskId] as T | undefined;
  if (output === undefined || output === null || typeof output !== 'object' || !(field in output)) {
    throw ApplicationFailure.nonRetryable(
      `${context.taskId} needs the output of ${taskId} (with ${field}); got ${JSON.stringify(output) ?? 'nothing'}: check the DAG's upstreams`,
      NON_RETRYABLE.badConfig,
    );
  }
  return output;
}
