import type { ReadDataOutput, ValidateDataOutput } from '../../activities/ingestion-files';
import { readData } from '../../activities/read-data';
import { saveStatistics } from '../../activities/save-statistics';
import { sendAlerts } from '../../activities/send-alerts';
import { splitAndSaveData } from '../../activities/split-and-save-data';
import { validateData } from '../../activities/validate-data';
import { countRecords } from '../../core/csv/count-records';
import type { SplitOutcome } from '../../core/validation';
import type { IngestionHarness } from './ingestion';

export interface IngestionRun {
  read: ReadDataOutput;
  validated: ValidateDataOutput;
  split: SplitOutcome;
}

/** Runs one ingestion DAG run's tasks in order, the last three side by side as the runtime does. */
export async function runIngestionTasks(harness: IngestionHarness, runId: string): Promise<IngestionRun> {
  const { context } = harness;
  const read = await readData(context(runId, 'read-data'));
  if (read.skip) throw new Error(`the run was skipped: ${read.skip}`);
  const validated = await validateData(context(runId, 'validate-data', { 'read-data': read.output }));
  const upstream = { 'read-data': read.output, 'validate-data': validated.output };
  const [, , split] = await Promise.all([
    saveStatistics(context(runId, 'save-statistics', upstream)),
    sendAlerts(context(runId, 'send-alerts', upstream)),
    splitAndSaveData(context(runId, 'split-and-save-data', upstream)),
  ]);
  return { read: read.output!, validated: validated.output!, split: split.output! };
}

/** Data rows of a CSV output (its records but the header), streamed: fine for 200 MB files. */
export async function dataRowCount(file: string | null): Promise<number> {
  if (!file) return 0;
  const { records, problem } = await countRecords(file);
  if (problem) throw new Error(`${file} does not read as CSV: ${problem.message}`);
  return Math.max(0, records - 1);
}
