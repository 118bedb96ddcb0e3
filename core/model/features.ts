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

/** How a raw cell (a JSON value or CSV text) of a spec column becomes a number: a category code, a number, epoch ms. */
function readerFor(column: FeatureColumn, categories: readonly string[] | undefined): Reader {
  if (column.kind === 'category') {
    const codes = new Map((categories ?? column.values).map((value, code) => [value, code] as const));
    return (raw) => (typeof raw === 'string' ? (codes.get(raw) ?? NaN) : NaN);
  }
  if (column.kind === 'number') {
    return (raw) =>
      typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' ? Number(raw) : NaN;
  }
  // A local binding: an imported function is reached through a module getter on every call.
  const parse = parseDateTime;
  return (raw) => (typeof raw === 'string' ? parse(raw) : NaN);
}

/** Each spec column the features need, read once per row however many features derive from it. */
interface SourceColumn {
  name: string;
  read: Reader;
  /** The features it feeds: their index, and the calendar part (none: the value itself). */
  feeds: { feature: number; part: ((ms: number) => number) | undefined }[];
}

/** Turns rows into a FeatureMatrix, column by column (a closure per column, never per row). */
export class FeatureEncoder {
  private readonly sources: SourceColumn[] = [];

  constructor(
    spec: DatasetSpec,
    readonly defs: readonly FeatureDef[],
  ) {
    defs.forEach((def, feature) => {
      const column = spec.features.find((c) => c.name === def.column);
      if (!column) throw new Error(`feature ${def.name} needs column ${def.column}, which the spec lacks`);
      let source = this.sources.find((s) => s.name === def.column);
      if (!source) {
        source = {
          name: def.column,
          read: readerFor(column, def.part ? undefined : def.categories),
          feeds: [],
        };
        this.sources.push(source);
      }
      source.feeds.push({ feature, part: def.part ? DATETIME_PARTS[def.part].of : undefined });
    });
  }

  /** Rows as objects keyed by column name (API requests). */
  encodeObjects(rows: readonly Readonly<Record<string, unknown>>[]): FeatureMatrix {
    return this.encode(rows.length, (source, out) => {
      const { name, read } = source;
      for (let i = 0; i < rows.length; i++) out[i] = read(rows[i]![name]);
    });
  }

  /** Rows as arrays of CSV text, laid out by `header`. */
  encodeCells(rows: readonly (readonly string[])[], header: readonly string[]): FeatureMatrix {
    return this.encode(rows.length, (source, out) => {
      const at = header.indexOf(source.name);
      if (at < 0) throw new Error(`the data has no ${source.name} column`);
      for (let i = 0; i < rows.length; i++) out[i] = source.read(rows[i]![at]);
    });
  }

  private encode(
    length: number,
    readSource: (source: SourceColumn, out: Float64Array) => void,
  ): FeatureMatrix {
    const columns = new Array<Float64Array>(this.defs.length);
    for (const source of this.sources) {
      const raw = new Float64Array(length);
      readSource(source, raw);
      for (const { feature, part } of source.feeds) {
        if (!part) {
          columns[feature] = source.feeds.length === 1 ? raw : Float64Array.from(raw);
          continue;
        }
        const values = new Float64Array(length);
        for (let i = 0; i < length; i++) values[i] = Number.isNaN(raw[i]!) ? NaN : part(raw[i]!);
        columns[feature] = values;
      }
    }
    return { length, columns };
  }
}
