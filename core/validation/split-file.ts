import fs from 'node:fs/promises';
import path from 'node:path';
import { streamRecords, type StreamOptions } from '../csv/stream-records';
import { moveFileAtomic, temporaryName } from '../files/atomic';
import type { RowVerdicts } from './row-verdicts';
import { SplitSink } from './split-sink';
import type { ValidationResult } from './types';

export { REASON_COLUMNS } from './split-sink';

export interface SplitPlan {
  /** The validated file; left in place (the caller removes it once the outputs are in place). */
  file: string;
  result: ValidationResult;
  verdicts: RowVerdicts;
  goodPath: string;
  badPath: string;
}

export type SplitMode = 'all_good' | 'all_bad' | 'mixed' | 'unparseable';

export interface SplitOutcome {
  mode: SplitMode;
  goodFile: string | null;
  badFile: string | null;
  goodRows: number;
  badRows: number;
}

export class SplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplitError';
  }
}

/**
 * Routes every row of a validated file to good-data or bad-data, using the verdicts of its
 * validation. Good rows keep their original bytes; bad rows get their reasons in columns before
 * them (before, so a ragged row cannot push them out of line). Both outputs are written under
 * temporary names and renamed into place, bad first, so no half-written file is ever visible.
 * A file that is not CSV, or has no rows, moves whole; good + bad always equals the input's rows.
 */
export async function splitFile(plan: SplitPlan, options: StreamOptions = {}): Promise<SplitOutcome> {
  const { meta } = plan.result;
  const rows = { goodRows: meta.good_row_count, badRows: meta.bad_row_count };
  const whole = async (mode: SplitMode, target: string): Promise<SplitOutcome> => {
    const temporary = temporaryName(target);
    await fs.copyFile(plan.file, temporary);
    await moveFileAtomic(temporary, target);
    const good = target === plan.goodPath;
    return { mode, goodFile: good ? target : null, badFile: good ? null : target, ...rows };
  };
  if (!meta.parseable) return whole('unparseable', plan.badPath);
  if (meta.row_count === 0)
    return plan.result.success ? whole('all_good', plan.goodPath) : whole('all_bad', plan.badPath);
  if (meta.bad_row_count === 0) return whole('all_good', plan.goodPath);

  const goodTemp = temporaryName(plan.goodPath);
  const badTemp = temporaryName(plan.badPath);
  const sink = new SplitSink(plan, await fs.open(goodTemp, 'w'), await fs.open(badTemp, 'w'));
  try {
    const outcome = await streamRecords(plan.file, sink, options);
    await sink.close();
    if (outcome.problem)
      throw new SplitError(`${path.basename(plan.file)} no longer reads as CSV: ${outcome.problem.message}`);
    if (sink.rows !== meta.row_count || sink.badRows !== meta.bad_row_count) {
      throw new SplitError(
        `${path.basename(plan.file)} changed since validation: ${sink.rows} rows (${sink.badRows} bad), validated ${meta.row_count} (${meta.bad_row_count} bad)`,
      );
    }
    await moveFileAtomic(badTemp, plan.badPath);
    if (sink.goodRows > 0) await moveFileAtomic(goodTemp, plan.goodPath);
    else await fs.rm(goodTemp, { force: true });
    const mode: SplitMode = sink.goodRows === 0 ? 'all_bad' : 'mixed';
    return { mode, goodFile: sink.goodRows > 0 ? plan.goodPath : null, badFile: plan.badPath, ...rows };
  } catch (error) {
    await sink.close().catch(() => undefined);
    await Promise.all([fs.rm(goodTemp, { force: true }), fs.rm(badTemp, { force: true })]);
    throw error;
  }
}
