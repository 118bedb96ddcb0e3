import { type DatasetSpec, type FeatureColumn, parseDateTime } from '../feature-spec';
import { DATETIME_PARTS, type DateTimePart, WEEKDAYS } from './calendar';

/** One model input, derived from exactly one column of the feature spec. */
export interface FeatureDef {
  name: string;
  kind: 'numeric' | 'categorical';
  /** The spec column it comes from. */
  column: string;
  /** For a datetime column: which calendar part. */
  part?: DateTimePart;
  /** For a categorical feature: its values, in code order (the code is the index). */
  categories?: readonly string[];
}

/** Features as columns of numbers: a numeric value or a category code, NaN when missing or unknown. */
export interface FeatureMatrix {
  length: number;
  columns: Float64Array[];
}

export const DEFAULT_DATETIME_PARTS: readonly DateTimePart[] = ['hour', 'minute_of_day', 'weekday', 'month'];

/** Every spec column becomes a feature; a datetime column becomes one feature per calendar part. */
export function featureDefs(
  spec: DatasetSpec,
  parts: readonly DateTimePart[] = DEFAULT_DATETIME_PARTS,
): FeatureDef[] {
  return spec.features.flatMap((column): FeatureDef[] => {
    if (column.kind === 'category') {
      return [{ name: column.name, kind: 'categorical', column: column.name, categories: column.values }];
    }
    if (column.kind === 'number') return [{ name: column.name, kind: 'numeric', column: column.name }];
    return parts.map((part) => ({
      name: `${column.name}_${part}`,
      kind: DATETIME_PARTS[part].kind,
      column: column.name,
      part,
      ...(part === 'weekday' ? { categories: WEEKDAYS } : {}),
    }));
  });
}

type Reader = (raw: unknown) => number;

/** How a raw cell (a JSON value or CSV text) of a spec column becomes the feature's number. */
function readerFor(def: FeatureDef, column: FeatureColumn): Reader {
  if (column.kind === 'category') {
    const codes = new Map((def.categories ?? []).map((value, code) => [value, code] as const));
    return (raw) => (typeof raw === 'string' ? (codes.get(raw) ?? NaN) : NaN);
  }
  if (column.kind === 'number') {
    return (raw) =>
      typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' ? Number(raw) : NaN;
  }
  const of = DATETIME_PARTS[def.part ?? 'hour'].of;
  return (raw) => {
    const ms = typeof raw === 'string' ? parseDateTime(raw) : NaN;
    return Number.isNaN(ms) ? NaN : of(ms);
  };
}

/** Turns rows into a FeatureMatrix, column by column (a closure per column, never per row). */
export class FeatureEncoder {
  private readonly readers: Reader[];

  constructor(
    spec: DatasetSpec,
    readonly defs: readonly FeatureDef[],
  ) {
    this.readers = defs.map((def) => {
      const column = spec.features.find((c) => c.name === def.column);
      if (!column) throw new Error(`feature ${def.name} needs column ${def.column}, which the spec lacks`);
      return readerFor(def, column);
    });
  }

  /** Rows as objects keyed by column name (API requests). */
  encodeObjects(rows: readonly Readonly<Record<string, unknown>>[]): FeatureMatrix {
    return this.encode(rows.length, (def) => (i) => rows[i]![def.column]);
  }

  /** Rows as arrays of CSV text, laid out by `header`. */
  encodeCells(rows: readonly (readonly string[])[], header: readonly string[]): FeatureMatrix {
    return this.encode(rows.length, (def) => {
      const at = header.indexOf(def.column);
      if (at < 0) throw new Error(`the data has no ${def.column} column`);
      return (i) => rows[i]![at];
    });
  }

  private encode(length: number, cell: (def: FeatureDef) => (row: number) => unknown): FeatureMatrix {
    const columns = this.defs.map((def, f) => {
      const read = this.readers[f]!;
      const get = cell(def);
      const values = new Float64Array(length);
      for (let i = 0; i < length; i++) values[i] = read(get(i));
      return values;
    });
    return { length, columns };
  }
}
