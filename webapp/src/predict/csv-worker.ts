import Papa from 'papaparse';
import { activeSpec, fileColumns, rowFromCsvRecord, rowValidator } from '../../../core/feature-spec';
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
 * (rowFromCsvRecord), is checked by the API's own row validator (so "will be rejected" means what
 * the API will say), and is written straight into an encoded request body, handed to the page
 * without copying: the page never holds 100,000 row objects.
 */
const validate = rowValidator(activeSpec);
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

/** A missing value is worded for people; every other reason is the API's own. */
function readable(row: Record<string, unknown>, issues: readonly RowIssue[]): RowIssue[] {
  return issues.map((issue) =>
    issue.field && row[issue.field] === undefined
      ? { field: issue.field, message: `${issue.field} is missing` }
      : issue,
  );
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
      const rows = results.data.map((record) => rowFromCsvRecord(activeSpec, record));
      const refused = new Map(validate(rows).errors.map((e) => [e.index, e.issues]));
      rows.forEach((row, i) => {
        const index = rowCount++;
        if (preview.length < PREVIEW_ROWS) preview.push(row);
        const reasons = refused.get(i);
        if (reasons && rejectedCount++ < LISTED_REJECTIONS) {
          // Only what the API refuses is listed; a garbled line explains why its fields are wrong.
          const unreadable = broken.get(i);
          const note = unreadable ? [{ field: null, message: `unreadable CSV line: ${unreadable}` }] : [];
          rejected.push({ index, issues: [...note, ...readable(row, reasons)] });
        }
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
