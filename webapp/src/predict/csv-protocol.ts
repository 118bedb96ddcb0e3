import type { RowIssue } from '../api/types';

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

export type WorkerMessage =
  | { type: 'progress'; bytes: number; totalBytes: number; rows: number }
  | {
      type: 'done';
      header: CsvHeader;
      rows: Record<string, string | number>[];
      rejected: CsvRejection[];
    }
  | { type: 'failed'; message: string };

export const lineOf = (index: number) => index + 2;
