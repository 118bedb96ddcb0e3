import { activeSpec, fileColumns, formatDateTime } from '../../core/feature-spec';

const category = activeSpec.features.find((f) => f.kind === 'category');
export const AIRPORT_CODES = category?.kind === 'category' ? category.values : [];

/** The spoiled lines of the test upload: the data row index, how it is spoiled, and the reason the app must give. */
export const SPOILED = [
  { index: 10, column: 'origin', value: 'XXX', reason: 'unknown origin airport "XXX"' },
  { index: 200, column: 'date', value: '2001-02-30 10:00', reason: 'malformed date-time "2001-02-30 10:00"' },
  { index: 404, column: 'distance', value: 'far', reason: 'expected a number of miles' },
  { index: 555, column: 'distance', value: '99999', reason: 'must be at most 5100 miles' },
  {
    index: 777,
    column: 'destination',
    value: 'SAME',
    reason: 'origin and destination must be different airports',
  },
] as const;

/** A row id that a spreadsheet would run as a formula: the results download must neutralise it. */
export const FORMULA_ID = '=1+1';

/** A CSV in the spec's columns: `rows` valid flights, then the SPOILED lines spoiled. */
export function flightsCsv(rows: number): string {
  const columns = fileColumns(activeSpec, { withLabel: false });
  const lines = [columns.join(',')];
  for (let i = 0; i < rows; i++) {
    const origin = AIRPORT_CODES[i % AIRPORT_CODES.length]!;
    const row: Record<string, string | number> = {
      flight_id: i === 3 ? FORMULA_ID : 5_000_000 + i,
      date: formatDateTime(Date.UTC(2001, 3, 1) + i * 37 * 60_000),
      origin,
      destination: AIRPORT_CODES[(i + 7) % AIRPORT_CODES.length]!,
      distance: 100 + ((i * 13) % 2400),
    };
    const spoiled = SPOILED.find((s) => s.index === i);
    if (spoiled) row[spoiled.column] = spoiled.value === 'SAME' ? origin : spoiled.value;
    lines.push(columns.map((c) => row[c] ?? '').join(','));
  }
  return `${lines.join('\n')}\n`;
}
