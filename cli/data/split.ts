import fs from 'node:fs';
import path from 'node:path';
import { type DatasetSpec, parseDateTime } from '../../core/feature-spec';
import { type CsvTable, readCsv, writeCsv } from './csv-file';

export interface SplitResult {
  files: string[];
  rows: number;
}

export class SplitError extends Error {}

/**
 * Splits a data set into exactly `fileCount` files (the number of files, not rows per file): rows
 * are ordered by the spec's time column, dealt into contiguous near-equal chunks, and the label
 * column is removed, so each file is what an inference source would deliver. File names sort in
 * time order. Every input row lands in exactly one file.
 */
export function splitDataset(
  spec: DatasetSpec,
  input: string,
  outputDir: string,
  fileCount: number,
  options: { keepLabel?: boolean; prefix?: string } = {},
): SplitResult {
  if (!Number.isInteger(fileCount) || fileCount < 1) {
    throw new SplitError(`the number of files must be a whole number of at least 1, got ${fileCount}`);
  }
  const table = readCsv(input);
  if (table.rows.length < fileCount) {
    throw new SplitError(
      `cannot split ${table.rows.length} rows into ${fileCount} files: every file needs at least one row`,
    );
  }
  const sorted = sortByTime(spec, table);
  const kept = dropColumn(sorted, options.keepLabel ? undefined : spec.label.name);

  fs.mkdirSync(outputDir, { recursive: true });
  const prefix = options.prefix ?? path.basename(input, path.extname(input));
  const width = String(fileCount).length;
  const files: string[] = [];
  for (let i = 0; i < fileCount; i++) {
    const start = Math.floor((i * kept.rows.length) / fileCount);
    const end = Math.floor(((i + 1) * kept.rows.length) / fileCount);
    const name = `${prefix}-${String(i + 1).padStart(Math.max(width, 4), '0')}-of-${fileCount}.csv`;
    const file = path.join(outputDir, name);
    writeCsv(file, { header: kept.header, rows: kept.rows.slice(start, end) });
    files.push(file);
  }
  return { files, rows: table.rows.length };
}

function sortByTime(spec: DatasetSpec, table: CsvTable): CsvTable {
  const timeIndex = table.header.indexOf(spec.timeColumn);
  if (timeIndex < 0) throw new SplitError(`the input has no ${spec.timeColumn} column to order rows by`);
  // Rows with an unreadable time go last; ties keep input order.
  const keyed = table.rows.map((row, index) => {
    const time = parseDateTime(row[timeIndex] ?? '');
    return { row, index, time: Number.isNaN(time) ? Number.MAX_VALUE : time };
  });
  keyed.sort((a, b) => a.time - b.time || a.index - b.index);
  return { header: table.header, rows: keyed.map((k) => k.row) };
}

function dropColumn(table: CsvTable, column: string | undefined): CsvTable {
  const index = column === undefined ? -1 : table.header.indexOf(column);
  if (index < 0) return table;
  const without = (cells: string[]) => cells.filter((_, i) => i !== index);
  return { header: without(table.header), rows: table.rows.map(without) };
}
