import type { DatasetSpec } from './types';

/**
 * Turns one CSV record (every field a string) into an API row: only the spec's columns, numbers
 * where the spec says number and the text reads as one, empty fields left out. Anything else is
 * kept as written, so the API can say precisely what is wrong with it.
 */
export function rowFromCsvRecord(spec: DatasetSpec, record: Readonly<Record<string, string | undefined>>) {
  const row: Record<string, string | number> = {};
  const id = spec.idColumn?.name;
  if (id && record[id] !== undefined && record[id] !== '') {
    const value = record[id]!;
    row[id] = /^\d{1,15}$/.test(value) ? Number(value) : value;
  }
  for (const column of spec.features) {
    const value = record[column.name];
    if (value === undefined || value === '') continue;
    const asNumber = Number(value);
    row[column.name] =
      column.kind === 'number' && value.trim() !== '' && Number.isFinite(asNumber) ? asNumber : value;
  }
  return row;
}
