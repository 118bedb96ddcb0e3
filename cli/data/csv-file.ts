import fs from 'node:fs';
import Papa from 'papaparse';

/** A CSV file held as its header and rows of raw strings: nothing is retyped, so every byte of a field survives. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

export function readCsv(file: string): CsvTable {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0]!;
    throw new Error(`${file}: not valid CSV (row ${first.row ?? '?'}: ${first.message})`);
  }
  const [header, ...rows] = parsed.data;
  if (!header) throw new Error(`${file}: the file is empty`);
  return { header, rows };
}

export function toCsv(table: CsvTable): string {
  if (table.header.length === 0) return '';
  return `${Papa.unparse({ fields: table.header, data: table.rows }, { newline: '\n' })}\n`;
}

/** Writes through a temporary name and renames, so a reader never sees half a file. */
export function writeFileAtomic(file: string, contents: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

export function writeCsv(file: string, table: CsvTable): void {
  writeFileAtomic(file, toCsv(table));
}
