import type { RowIssue } from '../api/types';
import type { Batch } from './batch-body';

/** Messages between the upload page and the CSV worker (predict/csv-worker.ts). */

export interface CsvHeader {
  columns: string[];
  /** Required columns the file lacks: every row will be refused for them. */
  missing: string[];
  /** Columns that are not inputs (a label, notes…): left out of what is sent. */
  ignored: string[];
}

export interface CsvRejection {
  /** 0-based data row; its line in the file is index + 2 (the header is line 1). */
  index: number;
  issues: RowIssue[];
}

/** At most this many rejections cross to the page before sending (the results list every one). */
export const LISTED_REJECTIONS = 1_000;
export const PREVIEW_ROWS = 10;

export interface CsvSummary {
  header: CsvHeader;
  rowCount: number;
  rejectedCount: number;
  /** The first rejections, by line. */
  rejected: CsvRejection[];
  /** The first rows, as they will be sent. */
  preview: Record<string, string | number>[];
}

export type WorkerMessage =
  | { type: 'progress'; bytes: number; totalBytes: number; rows: number }
  | { type: 'batch'; batch: Batch }
  | ({ type: 'done' } & CsvSummary)
  | { type: 'failed'; message: string };

export const lineOf = (index: number) => index + 2;
