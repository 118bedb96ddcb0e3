import fs from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import Papa from 'papaparse';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { activeSpec, rowFromCsvRecord } from '../core/feature-spec';
import { dataPaths } from '../core/paths';
import type { NewFile, NewFiles } from './check-for-new-data';
import { hashFile } from './check-for-new-data';
import { activityDeps } from './deps';
import { BatchRejected, createModelApiClient, predictBatch } from './model-api-client';

export const BATCH_ROWS = 5_000;

export interface PredictionTotals {
  files: number;
  rows: number;
  predicted: number;
  rejected: number;
  changedFiles: string[];
}

/** Where an interrupted attempt got to: the next attempt skips finished files and batches. */
interface Progress {
  fileIndex: number;
  batchIndex: number;
}

async function recordRejections(
  runId: string,
  file: NewFile,
  rows: { rowNumber: number; reason: string; row: unknown }[],
) {
  if (rows.length === 0) return;
  await activityDeps().db.pool.query(
    `INSERT INTO prediction_rejections (run_id, file_name, content_hash, row_number, reason, row)
     SELECT $1, $2, $3, * FROM unnest($4::int[], $5::text[], $6::jsonb[])
     ON CONFLICT (file_name, content_hash, row_number) DO NOTHING`,
    [
      runId,
      file.name,
      file.contentHash,
      rows.map((r) => r.rowNumber),
      rows.map((r) => r.reason),
      rows.map((r) => JSON.stringify(r.row)),
    ],
  );
}

/**
 * The idempotency key of one batch of one file's content: the same whichever run sends it, so a file
 * re-claimed after a failed run is never stored twice.
 */
export const batchKeyPrefix = (file: NewFile) => `good-data/${file.name}/${file.contentHash}/`;

/** Streams one file's rows to the API in batches; returns its counts. */
async function predictFile(
  context: TaskContext,
  file: NewFile,
  startBatch: number,
  beat: (batch: number) => void,
) {
  const { config } = activityDeps();
  const client = createModelApiClient(config);
  const stream = (await fs.open(path.join(dataPaths(config.dataDir).goodData, file.name))).createReadStream();
  const records = stream.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: true }));
  const counts = { rows: 0, predicted: 0, rejected: 0 };
  let batch: Record<string, unknown>[] = [];
  let batchIndex = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    const firstRow = batchIndex * BATCH_ROWS;
    if (batchIndex++ < startBatch || rows.length === 0) return;
    const key = `${batchKeyPrefix(file)}${batchIndex - 1}`;
    let rejections: { rowNumber: number; reason: string; row: unknown }[];
    try {
      const outcome = await predictBatch(client, rows, key, () => beat(batchIndex - 1));
      rejections = outcome.results.flatMap((r, i) =>
        'error' in r ? [{ rowNumber: firstRow + i, reason: r.error, row: rows[i] }] : [],
      );
    } catch (error) {
      if (!(error instanceof BatchRejected)) throw error;
      rejections = rows.map((row, i) => ({ rowNumber: firstRow + i, reason: error.message, row }));
    }
    await recordRejections(context.runId, file, rejections);
    counts.predicted += rows.length - rejections.length;
    counts.rejected += rejections.length;
    beat(batchIndex);
  };
  for await (const record of records as AsyncIterable<Record<string, string>>) {
    counts.rows++;
    batch.push(rowFromCsvRecord(activeSpec, record));
    if (batch.length === BATCH_ROWS) await flush();
  }
  await flush();
  return counts;
}

/**
 * Sends the rows of the files check-for-new-data claimed to POST /predict (source `scheduled`), in
 * batches, streaming each file. A file whose content changed since it was claimed is released for
 * the next run; a file is marked done in the ledger only once all its rows are stored or rejected.
 */
export async function makePredictions(context: TaskContext): Promise<TaskResult<PredictionTotals>> {
  const { config, db } = activityDeps();
  const { files } = context.upstream['check-for-new-data'] as NewFiles;
  const resume = (Context.current().info.heartbeatDetails as Progress | undefined) ?? {
    fileIndex: 0,
    batchIndex: 0,
  };
  const totals: PredictionTotals = { files: 0, rows: 0, predicted: 0, rejected: 0, changedFiles: [] };

  for (let fileIndex = resume.fileIndex; fileIndex < files.length; fileIndex++) {
    const file = files[fileIndex]!;
    const current = await hashFile(path.join(dataPaths(config.dataDir).goodData, file.name)).catch(
      () => undefined,
    );
    if (current !== file.contentHash) {
      await db.pool.query(
        `DELETE FROM prediction_ledger WHERE file_name = $1 AND content_hash = $2 AND status = 'claimed'`,
        [file.name, file.contentHash],
      );
      totals.changedFiles.push(file.name);
      continue;
    }
    const startBatch = fileIndex === resume.fileIndex ? resume.batchIndex : 0;
    const counts = await predictFile(context, file, startBatch, (batchIndex) =>
      Context.current().heartbeat({ fileIndex, batchIndex } satisfies Progress),
    );
    await db.pool.query(
      `UPDATE prediction_ledger SET status = 'done', completed_at = now(), row_count = $3,
         predicted_rows = (SELECT COALESCE(sum(valid_count), 0) FROM prediction_requests
                           WHERE starts_with(idempotency_key, $4)),
         rejected_rows = (SELECT count(*) FROM prediction_rejections WHERE file_name = $1 AND content_hash = $2)
       WHERE file_name = $1 AND content_hash = $2`,
      [file.name, file.contentHash, counts.rows, batchKeyPrefix(file)],
    );
    Context.current().heartbeat({ fileIndex: fileIndex + 1, batchIndex: 0 } satisfies Progress);
    totals.files++;
    totals.rows += counts.rows;
    totals.predicted += counts.predicted;
    totals.rejected += counts.rejected;
  }
  return { output: totals };
}
