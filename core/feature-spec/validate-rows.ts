import type { z } from 'zod';
import { parseDateTime } from './datetime';
import { rowSchema } from './row-schema';
import type { DatasetSpec, FeatureColumn } from './types';

/**
 * Row checking shared by the API (every request) and the web app (a CSV before it is sent), so both
 * refuse exactly the same rows with the same words.
 */

/** Why one row was refused: each field's problem, as the spec's row schema words it. */
export interface RowError {
  index: number;
  issues: { field: string | null; message: string }[];
}

type Check = (value: unknown) => boolean;

function columnCheck(column: FeatureColumn): Check {
  switch (column.kind) {
    case 'category': {
      const known = new Set(column.values);
      return (v) => typeof v === 'string' && known.has(v);
    }
    case 'number':
      return (v) =>
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (!column.integer || Number.isSafeInteger(v)) &&
        v >= column.min &&
        v <= column.max;
    case 'datetime': {
      const min = parseDateTime(column.min);
      const max = parseDateTime(column.max);
      return (v) => {
        if (typeof v !== 'string') return false;
        const t = parseDateTime(v);
        return t >= min && t <= max;
      };
    }
  }
}

/**
 * A quick acceptance test for rows that are plainly valid, derived from the same spec as
 * `rowSchema`: it accepts only rows that rule for rule the schema accepts too, and sends every
 * other row to the schema itself, which decides and words the reasons. zod costs several
 * microseconds a row; a 100,000-row batch must not spend its time there.
 */
export function plainlyValid(spec: DatasetSpec): (row: unknown) => boolean {
  const checks = new Map<string, { check: Check; required: boolean }>();
  if (spec.idColumn) {
    checks.set(spec.idColumn.name, {
      check: (v) => (typeof v === 'string' && v.length <= 64) || Number.isSafeInteger(v),
      required: false,
    });
  }
  for (const column of spec.features)
    checks.set(column.name, { check: columnCheck(column), required: column.required });
  const required = [...checks].filter(([, c]) => c.required).length;
  return (row) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
    const record = row as Record<string, unknown>;
    let seenRequired = 0;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const entry = checks.get(key);
      const value = record[key];
      if (!entry || value === undefined || !entry.check(value)) return false;
      if (entry.required) seenRequired++;
    }
    if (seenRequired !== required) return false;
    for (const rule of spec.rowRules) {
      const [a, b] = rule.columns;
      if (record[a] !== undefined && record[a] === record[b]) return false;
    }
    return true;
  };
}

export interface RowValidation {
  /** Indices of the valid rows, ascending. */
  valid: number[];
  errors: RowError[];
}

/** Checks every row against the spec's row schema; the index of each refused row is its position in `rows`. */
export function rowValidator(spec: DatasetSpec): (rows: readonly unknown[]) => RowValidation {
  const schema: z.ZodType = rowSchema(spec);
  const quick = plainlyValid(spec);
  return (rows) => {
    const valid: number[] = [];
    const errors: RowError[] = [];
    rows.forEach((row, index) => {
      if (quick(row)) return void valid.push(index);
      const parsed = schema.safeParse(row);
      if (parsed.success) return void valid.push(index);
      errors.push({
        index,
        issues: parsed.error.issues.map((issue) => ({
          field: issue.path.length > 0 ? String(issue.path[0]) : unrecognizedKey(issue),
          message: issue.message,
        })),
      });
    });
    return { valid, errors };
  };
}

function unrecognizedKey(issue: z.core.$ZodIssue): string | null {
  return issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? null) : null;
}
