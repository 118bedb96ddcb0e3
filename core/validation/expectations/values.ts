import { z } from 'zod';
import { parseDateTime } from '../../feature-spec';
import { reportWhere } from '../record-batch';
import { ByteSet } from '../byte-set';
import { inSet } from '../value-decisions';
import * as definition from './definition';
import { column, defineExpectation, mostly, rangeText } from './definition';

// Bound once: see batch-view.ts.
const { inRange } = definition;

/** Row-by-row expectations on a column's values: present, known, in range, of the right type. */

let nextSetKey = 0;

export const expectColumnValuesToNotBeNull = defineExpectation({
  type: 'expect_column_values_to_not_be_null',
  kind: 'map',
  kwargs: z.strictObject({ column, mostly }),
  columns: (k) => [k.column],
  reason: (k) => `${k.column} is empty`,
  create: (k, header) => {
    const at = header.index(k.column);
    return {
      kind: 'map',
      check(view, unexpected) {
        reportWhere(view.missing(at), 1, undefined, unexpected);
        return 0;
      },
      value: () => null,
    };
  },
});

export const expectColumnValuesToBeInSet = defineExpectation({
  type: 'expect_column_values_to_be_in_set',
  kind: 'map',
  kwargs: z.strictObject({ column, value_set: z.array(z.union([z.string(), z.number()])).min(1), mostly }),
  columns: (k) => [k.column],
  reason: (k) => `${k.column} is not one of the ${k.value_set.length} allowed values`,
  create: (k, header) => {
    const at = header.index(k.column);
    const values = new ByteSet(k.value_set.map(String));
    const key = `set${nextSetKey++}`;
    return {
      kind: 'map',
      check(view, unexpected) {
        reportWhere(inSet(view, at, values, key), 0, view.missing(at), unexpected);
        return view.missingCount(at);
      },
      value: (view, row) => view.text(at, row),
    };
  },
});

const bound = z.union([z.number(), z.string()]).nullable().default(null);

export const expectColumnValuesToBeBetween = defineExpectation({
  type: 'expect_column_values_to_be_between',
  kind: 'map',
  kwargs: z
    .strictObject({
      column,
      min_value: bound,
      max_value: bound,
      strict_min: z.boolean().default(false),
      strict_max: z.boolean().default(false),
      /** Read values and bounds as Contrail date-times (`YYYY-MM-DD HH:mm`) instead of numbers. */
      parse_strings_as_datetimes: z.boolean().default(false),
      mostly,
    })
    .superRefine((k, ctx) => {
      for (const key of ['min_value', 'max_value'] as const) {
        const value = k[key];
        if (value === null) continue;
        const readable = k.parse_strings_as_datetimes
          ? !Number.isNaN(parseDateTime(String(value)))
          : typeof value === 'number';
        if (!readable) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: k.parse_strings_as_datetimes
              ? 'expected a date-time YYYY-MM-DD HH:mm'
              : 'expected a number (or parse_strings_as_datetimes)',
          });
        }
      }
    }),
  columns: (k) => [k.column],
  reason: (k) =>
    `${k.column} is not ${k.parse_strings_as_datetimes ? 'a date-time' : 'a number'} ${rangeText(k.min_value, k.max_value, k.strict_min, k.strict_max)}`,
  create: (k, header) => {
    const at = header.index(k.column);
    const read = (value: number | string | null, absent: number) => {
      if (value === null) return absent;
      const parsed = k.parse_strings_as_datetimes ? parseDateTime(String(value)) : Number(value);
      if (Number.isNaN(parsed))
        throw new Error(`${k.column}: bound ${JSON.stringify(value)} is not readable`);
      return parsed;
    };
    const min = read(k.min_value, -Infinity);
    const max = read(k.max_value, Infinity);
    const { strict_min: strictMin, strict_max: strictMax } = k;
    return {
      kind: 'map',
      check(view, unexpected) {
        const missing = view.missing(at);
        const values = k.parse_strings_as_datetimes ? view.datetimes(at) : view.numbers(at);
        for (let i = 0; i < values.length; i++) {
          // NaN (unreadable) fails every comparison: a value nobody can read is never in range.
          if (!inRange(values[i]!, min, max, strictMin, strictMax) && missing[i] === 0) unexpected(i);
        }
        return view.missingCount(at);
      },
      value: (view, row) => view.text(at, row),
    };
  },
});

export const expectColumnValuesToBeOfType = defineExpectation({
  type: 'expect_column_values_to_be_of_type',
  kind: 'map',
  kwargs: z.strictObject({
    column,
    type_: z.enum(['int', 'int64', 'float', 'float64', 'str', 'string']),
    mostly,
  }),
  columns: (k) => [k.column],
  reason: (k) =>
    `${k.column} is not ${k.type_.startsWith('int') ? 'a whole number' : k.type_.startsWith('float') ? 'a number' : 'text'}`,
  create: (k, header) => {
    const at = header.index(k.column);
    const integer = k.type_.startsWith('int');
    const numeric = integer || k.type_.startsWith('float');
    return {
      kind: 'map',
      check(view, unexpected) {
        const missing = view.missing(at);
        if (integer) reportWhere(view.integers(at), 0, missing, unexpected);
        else if (numeric) {
          const numbers = view.numbers(at);
          for (let i = 0; i < numbers.length; i++)
            if (Number.isNaN(numbers[i]) && missing[i] === 0) unexpected(i);
        }
        return view.missingCount(at);
      },
      value: (view, row) => view.text(at, row),
    };
  },
});
