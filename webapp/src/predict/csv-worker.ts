import Papa from 'papaparse';
import { activeSpec, fileColumns, rowFromCsvRecord, rowSchema } from '../../../core/feature-spec';
import type { RowIssue } from '../api/types';
import { BATCH_SIZE, batchBody } from './batch-body';
import {
  type CsvHeader,
  type CsvRejection,
  LISTED_REJECTIONS,
  PREVIEW_ROWS,
  type WorkerMessage,
} from './csv-protocol';

/**
 * Parses and checks an uploaded CSV off the page's thread, in chunks, reporting progress: a
 * 100,000-row file never freezes the page. Each record becomes the row the API will receive
 * (rowFromCsvRecord), is checked with the API's own row schema (so "will be rejected" means what
 * the API will say), and is written straight into an encoded request body, handed to the page
 * without copying: the page never holds 100,000 row objects.
 */
const schema = rowSchema(activeSpec);
const known = new Set(fileColumns(activeSpec, { withLabel: false }));
const required = activeSpec.features.filter((f) => f.required).map((f) => f.name);
const scope = self as unknown as { postMessage(message: WorkerMessage, transfer?: Transferable[]): void };

function headerOf(fields: readonly string[]): CsvHeader {
  return {
    columns: [...fields],
    missing: required.filter((name) => !fields.includes(name)),
    ignored: fields.filter((name) => !known.has(name)),
  };
}

function issuesOf(row: Record<string, string | number>, unreadable: string | undefined): RowIssue[] {
  const issues: RowIssue[] = unreadable
    ? [{ field: null, message: `unreadable CSV line: ${unreadable}` }]
    : [];
  const checked = schema.safeParse(row);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path.length > 0 ? String(issue.path[0]) : null;
      issues.push({
        field,
        message: field && row[field] === undefined ? `${field} is missing` : issue.message,
      });
    }
  }
  return issues;
}

function parse(file: File): void {
  const rejected: CsvRejection[] = [];
  const preview: Record<string, string | number>[] = [];
  let header: CsvHeader | undefined;
  let rowCount = 0;
  let rejectedCount = 0;
  let pending: string[] = [];
  let lastReport = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const batch = batchBody(pending);
    scope.postMessage({ type: 'batch', batch }, [batch.body.buffer]);
    pending = [];
  };
  Papa.parse<Record<string, string>>(file, {
    header: true,
    skipEmptyLines: 'greedy',
    chunkSize: 1024 * 512,
    chunk: (results) => {
      header ??= headerOf(results.meta.fields ?? []);
      const broken = new Map<number, string>();
      for (const error of results.errors) if (error.row !== undefined) broken.set(error.row, error.message);
      results.data.forEach((record, i) => {
        const index = rowCount++;
        const row = rowFromCsvRecord(activeSpec, record);
        if (preview.length < PREVIEW_ROWS) preview.push(row);
        const issues = issuesOf(row, broken.get(i));
        if (issues.length > 0 && rejectedCount++ < LISTED_REJECTIONS) rejected.push({ index, issues });
        pending.push(JSON.stringify(row));
        if (pending.length === BATCH_SIZE) flush();
      });
      const now = performance.now();
      if (now - lastReport > 50) {
        lastReport = now;
        scope.postMessage({
          type: 'progress',
          bytes: results.meta.cursor,
          totalBytes: file.size,
          rows: rowCount,
        });
      }
    },
    complete: () => {
      flush();
      scope.postMessage({ type: 'progress', bytes: file.size, totalBytes: file.size, rows: rowCount });
      scope.postMessage({
        type: 'done',
        header: header ?? headerOf([]),
        rowCount,
        rejectedCount,
        rejected,
        preview,
      });
    },
    error: (error) => scope.postMessage({ type: 'failed', message: error.message }),
  });
}

self.onmessage = (event: MessageEvent<{ file: File }>) => {
  try {
    parse(event.data.file);
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
