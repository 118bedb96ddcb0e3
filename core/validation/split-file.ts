import fs from 'node:fs/promises';
import path from 'node:path';
import type { FieldSpans } from '../csv/scan-records';
import { streamRecords, type StreamOptions, type StreamSink } from '../csv/stream-records';
import { moveFileAtomic, temporaryName } from '../files/atomic';
import type { RowVerdicts } from './row-verdicts';
import type { ValidationResult } from './types';

/** Columns put before each bad row: its 0-based row index in the input, why it is bad, and which expectations said so. */
export const REASON_COLUMNS = ['contrail_row', 'contrail_reasons', 'contrail_expectations'] as const;

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

const NEWLINE = Buffer.from('\n');
const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

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

class SplitSink implements StreamSink {
  readonly wantsFields = false;
  rows = 0;
  goodRows = 0;
  badRows = 0;
  private bytes: Buffer = Buffer.alloc(0);
  private good: Buffer[] = [];
  private bad: Buffer[] = [];
  private runStart = -1;
  private runEnd = -1;
  private headerSeen = false;
  private readonly prefixes = new Map<string | number, string>();
  private readonly allBad: boolean;
  private closed = false;

  constructor(
    private readonly plan: SplitPlan,
    private readonly goodOut: fs.FileHandle,
    private readonly badOut: fs.FileHandle,
  ) {
    this.allBad = plan.result.meta.file_level_rejections.length > 0;
  }

  beginRegion(bytes: Buffer): void {
    this.bytes = bytes;
  }

  record(_fields: FieldSpans, _count: number, start: number, end: number): void {
    if (!this.headerSeen) {
      this.headerSeen = true;
      const header = this.bytes.subarray(start, end);
      this.good.push(header, NEWLINE);
      this.bad.push(Buffer.from(`${REASON_COLUMNS.join(',')},`), header, NEWLINE);
      return;
    }
    const row = this.rows++;
    if (this.allBad || this.plan.verdicts.isBad(row)) {
      this.flushRun();
      this.badRows++;
      this.bad.push(Buffer.from(`${row},${this.prefix(row)},`), this.bytes.subarray(start, end), NEWLINE);
    } else {
      this.goodRows++;
      // Consecutive good rows are copied as one slice, terminators and all.
      if (this.runStart < 0) this.runStart = start;
      this.runEnd = end;
    }
  }

  async endRegion(): Promise<void> {
    this.flushRun();
    const good = Buffer.concat(this.good);
    const bad = Buffer.concat(this.bad);
    this.good = [];
    this.bad = [];
    if (good.length > 0) await this.goodOut.write(good);
    if (bad.length > 0) await this.badOut.write(bad);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.goodOut.close(), this.badOut.close()]);
  }

  private flushRun(): void {
    if (this.runStart < 0) return;
    this.good.push(this.bytes.subarray(this.runStart, this.runEnd), NEWLINE);
    this.runStart = -1;
  }

  /** The reason columns for a row: the same text for every row with the same failures, built once. */
  private prefix(row: number): string {
    const key = this.plan.verdicts.key(row);
    let prefix = this.prefixes.get(key);
    if (prefix === undefined) {
      const { results, meta } = this.plan.result;
      const broken = [...new Set([...meta.file_level_rejections, ...this.plan.verdicts.expectationsOf(row)])];
      const failed = broken.map((k) => results[k]!);
      const names = failed.map((r) => {
        const column = r.expectation_config.kwargs.column;
        return `${r.expectation_config.expectation_type}${column === undefined ? '' : `(${String(column)})`}`;
      });
      prefix = `${quote(failed.map((r) => r.reason).join('; '))},${quote(names.join(' '))}`;
      this.prefixes.set(key, prefix);
    }
    return prefix;
  }
}
