import { z } from 'zod';
import { column, defineExpectation, rangeText } from './definition';

/** Expectations on the table's shape: which columns it has, how many rows. */

export const expectColumnToExist = defineExpectation({
  type: 'expect_column_to_exist',
  kind: 'table',
  kwargs: z.strictObject({ column, column_index: z.number().int().min(0).optional() }),
  columns: () => [],
  reason: (k) =>
    `column ${k.column} is missing${k.column_index === undefined ? '' : ` at position ${k.column_index}`}`,
  create: (k) => ({
    kind: 'table',
    judge: ({ header }) => {
      const at = header.index(k.column);
      const success = k.column_index === undefined ? at >= 0 : at === k.column_index;
      return { success, observed_value: at >= 0 ? at : null };
    },
  }),
});

export const expectTableColumnsToMatchSet = defineExpectation({
  type: 'expect_table_columns_to_match_set',
  kind: 'table',
  kwargs: z.strictObject({ column_set: z.array(column).min(1), exact_match: z.boolean().default(true) }),
  columns: () => [],
  reason: (k) => `the columns are not ${k.exact_match ? 'exactly' : 'among'} ${k.column_set.join(', ')}`,
  create: (k) => ({
    kind: 'table',
    judge: ({ header }) => {
      const expected = new Set(k.column_set);
      const actual = new Set(header.names);
      const missing = k.column_set.filter((c) => !actual.has(c));
      const unexpected = header.names.filter((c) => !expected.has(c));
      return {
        success: missing.length === 0 && (!k.exact_match || unexpected.length === 0),
        observed_value: [...header.names],
        details: { mismatched: { missing, unexpected } },
      };
    },
  }),
});

export const expectTableColumnCountToEqual = defineExpectation({
  type: 'expect_table_column_count_to_equal',
  kind: 'table',
  kwargs: z.strictObject({ value: z.number().int().min(0) }),
  columns: () => [],
  reason: (k) => `the file does not have ${k.value} columns`,
  create: (k) => ({
    kind: 'table',
    judge: ({ header }) => ({
      success: header.names.length === k.value,
      observed_value: header.names.length,
    }),
  }),
});

export const expectTableRowCountToBeBetween = defineExpectation({
  type: 'expect_table_row_count_to_be_between',
  kind: 'table',
  kwargs: z.strictObject({
    min_value: z.number().int().min(0).nullable().default(null),
    max_value: z.number().int().min(0).nullable().default(null),
  }),
  columns: () => [],
  reason: (k) => `the row count is not ${rangeText(k.min_value, k.max_value)}`,
  create: (k) => ({
    kind: 'table',
    judge: ({ rowCount }) => ({
      success:
        (k.min_value === null || rowCount >= k.min_value) &&
        (k.max_value === null || rowCount <= k.max_value),
      observed_value: rowCount,
    }),
  }),
});
