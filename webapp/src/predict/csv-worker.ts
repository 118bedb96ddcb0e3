import Papa from 'papaparse';
import { activeSpec, fileColumns, rowFromCsvRecord, rowSchema } from '../../../core/feature-spec';
import type { CsvHeader, CsvRejection, WorkerMessage } from './csv-protocol';

/**
 * Parses and checks an uploaded CSV off the page's thread, in chunks, reporting progress: a
 * 100,000-row file never freezes the page. Each record becomes the row the API will receive
 * (rowFromCsvRecord) and is checked with the API's own row schema, so the rows listed as "will
 * be rejected" are exactly those the API refuses.
 */
const schema = rowSchema(activeSpec);
const known = new Set(fileColumns(activeSpec, { withLabel: false }));
const required = activeSpec.features.filter((f) => f.required).map((f) => f.name);
const post = (message: WorkerMessage) =>
  (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(message);

function headerOf(fields: readonly string[]): CsvHeader {
  return {
    columns: [...fields],
    missing: required.filter((name) => !fields.includes(name)),
    ignored: fields.filter((name) => !known.has(name)),
  };
}

function parse(file: File): void {
  const rows: Record<string, string | number>[] = [];
  const rejected: CsvRejection[] = [];
  let header: CsvHeader | undefined;
  let lastReport = 0;
  Papa.parse<Record<string, string>>(file, {
    header: true,
    skipEmptyLines: 'greedy',
    chunkSize: 1024 * 512,
    chunk: (results) => {
      header ??= headerOf(results.meta.fields ?? []);
      const broken = new Map<number, string>();
      for (const error of results.errors) if (error.row !== undefined) broken.set(error.row, error.message);
      results.data.forEach((record, i) => {
        const index = rows.length;
        const row = rowFromCsvRecord(activeSpec, record);
        rows.push(row);
        const issues = [];
        if (broken.has(i)) issues.push({ field: null, message: `unreadable CSV line: ${broken.get(i)}` });
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
        if (issues.length > 0) rejected.push({ index, issues });
      });
      const now = performance.now();
      if (now - lastReport > 50) {
        lastReport = now;
        post({ type: 'progress', bytes: results.meta.cursor, totalBytes: file.size, rows: rows.length });
      }
    },
    complete: () => {
      post({ type: 'progress', bytes: file.size, totalBytes: file.size, rows: rows.length });
      post({ type: 'done', header: header ?? headerOf([]), rows, rejected });
    },
    error: (error) => post({ type: 'failed', message: error.message }),
  });
}

self.onmessage = (event: MessageEvent<{ file: File }>) => {
  try {
    parse(event.data.file);
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
