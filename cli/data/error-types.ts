import type { CategoryColumn, DatasetSpec, FeatureColumn, NumberColumn } from '../../core/feature-spec';
import type { SeededRandom } from './random';

/**
 * The data errors `contrail data inject-errors` can put into a file. Each injector works from the
 * feature spec (which columns are categories, numbers, date-times, required), so another data set
 * gets the same error types without new code.
 */

/** A file being corrupted: each row remembers the error put into it, so final positions can be reported. */
export interface WorkRow {
  cells: string[];
  error?: { type: ErrorType; column?: string; before: string[] | null };
  /** The original of a duplicated row: unchanged and good, but no other error may land on it. */
  reserved?: boolean;
}

export interface WorkTable {
  header: string[];
  rows: WorkRow[];
  /** Set when the whole file is emptied: not even a header is written. */
  empty?: boolean;
}

export type ErrorScope = 'rows' | 'file';

export interface ErrorInjector {
  type: ErrorType;
  description: string;
  scope: ErrorScope;
  /** Whether rows hit by this error must be classified bad (file-level errors that spare the rows say false). */
  rowsAreBad: boolean;
  applicable(spec: DatasetSpec, table: WorkTable): boolean;
  /** Corrupts the table; returns the column concerned, if one. */
  apply(spec: DatasetSpec, table: WorkTable, rng: SeededRandom, rowCount: number): string | undefined;
}

export const ERROR_TYPES = [
  'missing_column',
  'missing_values',
  'unknown_category',
  'out_of_range',
  'string_in_numeric',
  'non_integer_number',
  'malformed_timestamp',
  'timestamp_out_of_range',
  'duplicated_rows',
  'same_origin_destination',
  'mangled_codes',
  'extra_column',
  'header_only',
  'empty_file',
] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

const features = (spec: DatasetSpec): FeatureColumn[] => [...spec.features];
const ofKind = <K extends FeatureColumn['kind']>(spec: DatasetSpec, kind: K, table: WorkTable) =>
  features(spec).filter(
    (f): f is Extract<FeatureColumn, { kind: K }> => f.kind === kind && table.header.includes(f.name),
  );

/** Picks `count` rows nobody has corrupted yet. */
function cleanRows(table: WorkTable, rng: SeededRandom, count: number): WorkRow[] {
  return rng.sample(
    table.rows.filter((r) => !r.error && !r.reserved),
    count,
  );
}

function corruptCells(
  type: ErrorType,
  table: WorkTable,
  rng: SeededRandom,
  count: number,
  column: string,
  value: (cell: string, row: WorkRow) => string,
): string {
  const index = table.header.indexOf(column);
  for (const row of cleanRows(table, rng, count)) {
    const before = [...row.cells];
    row.cells[index] = value(row.cells[index] ?? '', row);
    row.error = { type, column, before };
  }
  return column;
}

const UNKNOWN_CODES = ['XXX', 'CDG', 'LHR', 'ZZZ', 'FRA', 'NRT'];
const NOT_NUMBERS = ['far', 'N/A', 'twelve', '-', '12 miles', 'unknown'];
const BAD_TIMESTAMPS = ['2001/04/03 10:20', '04-03-2001 10:20', '2001-04-31 10:20', '2001-04-03 25:10', 'yesterday', '2001-04-03'];

export const errorInjectors: Record<ErrorType, ErrorInjector> = {
  missing_column: {
    type: 'missing_column',
    description: 'A required column is absent from the file: every row lacks it.',
    scope: 'file',
    rowsAreBad: true,
    applicable: (spec, t) => features(spec).some((f) => f.required && t.header.includes(f.name)),
    apply(spec, table, rng) {
      const column = rng.pick(features(spec).filter((f) => f.required && table.header.includes(f.name))).name;
      const index = table.header.indexOf(column);
      table.header.splice(index, 1);
      for (const row of table.rows) {
        row.error = { type: 'missing_column', column, before: [...row.cells] };
        row.cells.splice(index, 1);
      }
      return column;
    },
  },
  missing_values: {
    type: 'missing_values',
    description: 'Empty values in a required column.',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (spec, t) => features(spec).some((f) => f.required && t.header.includes(f.name)),
    apply(spec, table, rng, count) {
      const column = rng.pick(features(spec).filter((f) => f.required && table.header.includes(f.name))).name;
      return corruptCells('missing_values', table, rng, count, column, () => '');
    },
  },
  unknown_category: {
    type: 'unknown_category',
    description: 'A value outside the known categories (an airport the model never saw).',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (spec, t) => ofKind(spec, 'category', t).length > 0,
    apply(spec, table, rng, count) {
      const column: CategoryColumn = rng.pick(ofKind(spec, 'category', table));
      const known = new Set(column.values);
      const unknown = UNKNOWN_CODES.filter((c) => !known.has(c));
      return corruptCells('unknown_category', table, rng, count, column.name, () => rng.pick(unknown));
    },
  },
  out_of_range: {
    type: 'out_of_range',
    description: 'A number outside its allowed range (a negative distance, an impossible one).',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (spec, t) => ofKind(spec, 'number', t).length > 0,
    apply(spec, table, rng, count) {
      const column: NumberColumn = rng.pick(ofKind(spec, 'number', table));
      return corruptCells('out_of_range', table, rng, count, column.name, () =>
        String(rng.next() < 0.5 ? column.min - rng.int(1, 500) : column.max + rng.int(1, 100000)),
      );
    },
  },
  string_in_numeric: {
    type: 'string_in_numeric',
    description: 'Text in a numeric column.',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (spec, t) => ofKind(spec, 'number', t).length > 0,
    apply(spec, table, rng, count) {
      const column = rng.pick(ofKind(spec, 'number', table)).name;
      return corruptCells('string_in_numeric', table, rng, count, column, () => rng.pick(NOT_NUMBERS));
    },
  },
  non_integer_number: {
    type: 'non_integer_number',
    description: 'A fractional value in a whole-number column.',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (spec, t) => ofKind(spec, 'number', t).some((c) => c.integer),
    apply(spec, table, rng, count) {
      const column = rng.pick(ofKind(spec, 'number', table).filter((c) => c.integer)).name;
      return corruptCells('non_integer_number', table, rng, count, column, (cell) => `${cell}.${rng.int(1, 9)}`);
    },
  },
  malformed_timestamp: {
    type: 'malformed_timestamp',
    description: 'A date-time in the wrong format or an impossible one (April 31st, 25 o\'clock).',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (spec, t) => ofKind(spec, 'datetime', t).length > 0,
    apply(spec, table, rng, count) {
      const column = rng.pick(ofKind(spec, 'datetime', table)).name;
      return corruptCells('malformed_timestamp', table, rng, count, column, () => rng.pick(BAD_TIMESTAMPS));
    },
  },
  timestamp_out_of_range: {
    type: 'timestamp_out_of_range',
    description: 'A well-formed date-time outside the allowed period.',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (spec, t) => ofKind(spec, 'datetime', t).length > 0,
    apply(spec, table, rng, count) {
      const column = rng.pick(ofKind(spec, 'datetime', table));
      const year = (bound: string, step: number) => String(Number(bound.slice(0, 4)) + step);
      return corruptCells('timestamp_out_of_range', table, rng, count, column.name, (cell) =>
        rng.next() < 0.5 ? `${year(column.min, -rng.int(1, 20))}${cell.slice(4)}` : `${year(column.max, rng.int(1, 20))}${cell.slice(4)}`,
      );
    },
  },
  duplicated_rows: {
    type: 'duplicated_rows',
    description: 'Rows repeated: each copy right after its original; the copies are the bad rows, the first occurrence stays good.',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (_spec, t) => t.rows.length > 0,
    apply(_spec, table, rng, count) {
      for (const original of cleanRows(table, rng, count)) {
        const at = table.rows.indexOf(original);
        const copy: WorkRow = { cells: [...original.cells], error: { type: 'duplicated_rows', before: null } };
        original.reserved = true;
        table.rows.splice(at + 1, 0, copy);
      }
      return undefined;
    },
  },
  same_origin_destination: {
    type: 'same_origin_destination',
    description: 'Two columns that must differ hold the same value (origin equals destination).',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (spec, t) => spec.rowRules.some((r) => r.columns.every((c) => t.header.includes(c))),
    apply(spec, table, rng, count) {
      const rule = rng.pick(spec.rowRules.filter((r) => r.columns.every((c) => table.header.includes(c))));
      const [from, to] = rule.columns;
      const fromIndex = table.header.indexOf(from);
      return corruptCells('same_origin_destination', table, rng, count, to, (_cell, row) => row.cells[fromIndex] ?? '');
    },
  },
  mangled_codes: {
    type: 'mangled_codes',
    description: 'Category codes with stray whitespace or the wrong case (" ATL", "atl", "ATL ").',
    scope: 'rows',
    rowsAreBad: true,
    applicable: (spec, t) => ofKind(spec, 'category', t).length > 0,
    apply(spec, table, rng, count) {
      const column = rng.pick(ofKind(spec, 'category', table)).name;
      const mangle = (code: string) => {
        const choice = rng.int(0, 2);
        if (choice === 0) return ` ${code}`;
        if (choice === 1) return `${code.toLowerCase()}`;
        return `${code} `;
      };
      return corruptCells('mangled_codes', table, rng, count, column, mangle);
    },
  },
  extra_column: {
    type: 'extra_column',
    description: 'An unexpected extra column; the expected columns are intact, so the rows stay usable.',
    scope: 'file',
    rowsAreBad: false,
    applicable: (_spec, t) => !t.header.includes('gate'),
    apply(_spec, table, rng) {
      table.header.push('gate');
      for (const row of table.rows) row.cells.push(`${rng.pick(['A', 'B', 'C', 'D'])}${rng.int(1, 40)}`);
      return 'gate';
    },
  },
  header_only: {
    type: 'header_only',
    description: 'A file with its header and no rows.',
    scope: 'file',
    rowsAreBad: false,
    applicable: () => true,
    apply(_spec, table) {
      table.rows = [];
      return undefined;
    },
  },
  empty_file: {
    type: 'empty_file',
    description: 'A file of zero bytes.',
    scope: 'file',
    rowsAreBad: false,
    applicable: () => true,
    apply(_spec, table) {
      table.rows = [];
      table.empty = true;
      return undefined;
    },
  },
};

/** Errors that change the whole file; a file gets at most one, and only with row errors if it keeps its rows. */
export const EXCLUSIVE_FILE_ERRORS: readonly ErrorType[] = ['missing_column', 'header_only', 'empty_file'];

/** Errors that make some rows bad and leave the rest of the file good. */
export const ROW_ERROR_TYPES: readonly ErrorType[] = ERROR_TYPES.filter((t) => errorInjectors[t].scope === 'rows');
