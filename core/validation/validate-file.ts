import crypto from 'node:crypto';
import fs from 'node:fs';
import { decodeField, type FieldSpans } from '../csv/scan-records';
import { streamRecords, type StreamOptions, type StreamSink } from '../csv/stream-records';
import { BatchBuilder } from './batch-builder';
import type { CompiledSuite } from './compile-suite';
import type { RowVerdicts } from './row-verdicts';
import { SuiteRunner } from './suite-runner';
import type { ValidationResult } from './types';

/** Collects each region's records into a column-wise batch and hands it to the runner. */
class BatchingSink implements StreamSink {
  readonly wantsFields = true;
  header: string[] | undefined;
  private builder: BatchBuilder | undefined;
  private bytes: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly runner: SuiteRunner) {}

  beginRegion(bytes: Buffer): void {
    this.bytes = bytes;
    this.builder?.reset(this.offset, bytes);
  }

  record(fields: FieldSpans, count: number, _start: number, _end: number, malformed: boolean): void {
    if (this.header) return this.builder!.add(fields, count, malformed);
    const header: string[] = [];
    for (let k = 0; k < count; k++) {
      const [start, end] = [fields.starts[k]!, fields.ends[k]!];
      header.push(
        fields.raw[k] ? decodeField(this.bytes, start, end) : this.bytes.toString('utf8', start, end),
      );
    }
    this.header = header;
    this.runner.begin(header);
    this.builder = new BatchBuilder(header.length, this.offset, this.bytes);
  }

  endRegion(): void {
    const batch = this.header && this.builder?.build();
    if (!batch || batch.rowCount === 0) return;
    this.runner.observe(batch);
    this.offset += batch.rowCount;
  }
}

export interface ValidateFileOptions extends StreamOptions {
  /** The name the file arrived under (results and reports show it). */
  fileName: string;
  runId: string;
}

/**
 * Validates a CSV file from disk in bounded memory. Never throws for bad content: a file that is not
 * CSV (binary, not UTF-8, an unclosed quote) gives a result with every row bad.
 */
export async function validateFile(
  file: string,
  suite: CompiledSuite,
  options: ValidateFileOptions,
): Promise<{ result: ValidationResult; verdicts: RowVerdicts }> {
  const startedAt = Date.now();
  const runner = new SuiteRunner(suite);
  const sink = new BatchingSink(runner);
  const outcome = await streamRecords(file, sink, options);
  if (sink.header === undefined) runner.begin([]);
  const base = { fileName: options.fileName, runId: options.runId, startedAt };
  if (outcome.problem) {
    const described = await describeBytes(file);
    return runner.finish({
      ...base,
      parseError: outcome.problem.message,
      rowCount: Math.max(0, described.lines - 1),
      contentSha256: described.sha256,
      bytes: described.bytes,
    });
  }
  return runner.finish({ ...base, rowCount: 0, contentSha256: outcome.sha256, bytes: outcome.bytes });
}

/** Size, sha256 and line count of any file, text or not, in one streaming pass. */
export async function describeBytes(file: string): Promise<{ bytes: number; sha256: string; lines: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  let lines = 0;
  let last = -1;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
    last = chunk[chunk.length - 1] ?? last;
  }
  if (bytes > 0 && last !== 10) lines++;
  return { bytes, sha256: hash.digest('hex'), lines };
}
