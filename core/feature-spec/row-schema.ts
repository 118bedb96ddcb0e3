import { z } from 'zod';
import { parseDateTime } from './datetime';
import type { DatasetSpec, FeatureColumn } from './types';
import { DATETIME_FORMAT } from './types';

function columnSchema(column: FeatureColumn): z.ZodType {
  switch (column.kind) {
    case 'category': {
      const known = new Set(column.values);
      return z.string().refine((value) => known.has(value), {
        error: (issue) => `unknown ${column.label.toLowerCase()} ${JSON.stringify(issue.input)}`,
      });
    }
    case 'number': {
      const unit = column.unit ? ` ${column.unit}` : '';
      let schema = z.number({ error: `expected a number of ${column.unit ?? 'units'}` });
      if (column.integer) schema = schema.int({ error: 'expected a whole number' });
      return schema
        .min(column.min, { error: `must be at least ${column.min}${unit}` })
        .max(column.max, { error: `must be at most ${column.max}${unit}` });
    }
    case 'datetime': {
      const min = parseDateTime(column.min);
      const max = parseDateTime(column.max);
      return z
        .string({ error: `expected a date-time string ${DATETIME_FORMAT}` })
        .refine((value) => !Number.isNaN(parseDateTime(value)), {
          error: (issue) => `malformed date-time ${JSON.stringify(issue.input)}: expected ${DATETIME_FORMAT}`,
          abort: true,
        })
        .refine(
          (value) => {
            const t = parseDateTime(value);
            return t >= min && t <= max;
          },
          { error: `must be between ${column.min} and ${column.max}` },
        );
    }
  }
}

/** The schema of one input row, derived from the spec: the API validates every row with it. */
export function rowSchema(spec: DatasetSpec) {
  const shape: Record<string, z.ZodType> = {};
  if (spec.idColumn) shape[spec.idColumn.name] = z.union([z.string().max(64), z.number().int()]).optional();
  for (const column of spec.features) {
    shape[column.name] = column.required ? columnSchema(column) : columnSchema(column).optional();
  }
  return z
    .strictObject(shape, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'expected an object'),
    })
    .superRefine((row, ctx) => {
      for (const rule of spec.rowRules) {
        const [a, b] = rule.columns;
        if (row[a] !== undefined && row[a] === row[b])
          ctx.addIssue({ code: 'custom', message: rule.message, path: [b] });
      }
    });
}

export type InputRow = Record<string, string | number | undefined>;
