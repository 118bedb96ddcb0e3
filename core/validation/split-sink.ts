import type fs from 'node:fs/promises';
import type { FieldSpans } from '../csv/scan-records';
import type { StreamSink } from '../csv/stream-records';
import type { RowVerdicts } from './row-verdicts';
import type { ValidationResult } from './types';

/** Columns put before each bad row: its 0-based row index in the input, why it is bad, and which expectations said so. */
export const REASON_COLUMNS = ['contrail_row', 'contrail_reasons', 'contrail_expectations'] as const;

const NEWLINE = Buffer.from('\n');
const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * Receives a validated file's records and writes each to the good or the bad output by its
 * verdict: runs of good rows are copied as one slice of the original bytes, each bad row gets its
 * reason columns first. Counts what it wrote, so the caller can check it against the validation.
 */
export class SplitSink implements StreamSink {
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
    private readonly plan: { result: ValidationResult; verdicts: RowVerdicts },
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
