import { z } from 'zod';
import type { BatchView } from '../batch-view';
import { column, columnList, defineExpectation, ignoreRowIf, mostly, rangeText } from './definition';

/**
 * Duplicates. Unlike Great Expectations, which flags every copy, Contrail keeps the first occurrence
 * of a value or row as good and flags the later copies: the split must keep one of each, and rows
 * are conserved (good + bad = input).
 */

export const expectColumnValuesToBeUnique = defineExpectation({
  type: 'expect_column_values_to_be_unique',
  kind: 'map',
  kwargs: z.strictObject({ column, mostly }),
  columns: (k) => [k.column],
  reason: (k) => `${k.column} repeats an earlier row's value`,
  create: (k, header) => {
    const at = header.index(k.column);
    return {
      kind: 'map',
      check(view, unexpected) {
        const missing = view.missing(at);
        const first = view.firstSeen(at);
        let skipped = 0;
        for (let i = 0; i < missing.length; i++) {
          if (missing[i] === 1) skipped++;
          else if (first[i] === 0) unexpected(i);
        }
        return skipped;
      },
      value: (view, row) => view.text(at, row),
    };
  },
});

function missingCounts(view: BatchView, columns: number[]): Uint8Array {
  const counts = new Uint8Array(view.rowCount);
  for (const at of columns) {
    const missing = view.missing(at);
    for (let i = 0; i < counts.length; i++) counts[i]! += missing[i]!;
  }
  return counts;
}

function skipRow(rule: z.infer<typeof ignoreRowIf>, missing: number, total: number): boolean {
  return rule === 'any_value_is_missing'
    ? missing > 0
    : rule === 'all_values_are_missing' && missing === total;
}

const tuple = (view: BatchView, columns: number[], row: number) => columns.map((at) => view.text(at, row));

export const expectCompoundColumnsToBeUnique = defineExpectation({
  type: 'expect_compound_columns_to_be_unique',
  kind: 'map',
  kwargs: z.strictObject({
    column_list: columnList,
    ignore_row_if: ignoreRowIf.default('all_values_are_missing'),
    mostly,
  }),
  columns: (k) => k.column_list,
  reason: (k) => `duplicate of an earlier row (same ${k.column_list.join(', ')})`,
  create: (k, header) => {
    const columns = k.column_list.map((name) => header.index(name));
    return {
      kind: 'map',
      check(view, unexpected) {
        const first = view.firstSeenRows(columns);
        const missing = k.ignore_row_if === 'never' ? undefined : missingCounts(view, columns);
        let skipped = 0;
        for (let i = 0; i < view.rowCount; i++) {
          if (missing && skipRow(k.ignore_row_if, missing[i]!, columns.length)) skipped++;
          else if (first[i] === 0) unexpected(i);
        }
        return skipped;
      },
      value: (view, row) => tuple(view, columns, row),
    };
  },
});

export const expectSelectColumnValuesToBeUniqueWithinRecord = defineExpectation({
  type: 'expect_select_column_values_to_be_unique_within_record',
  kind: 'map',
  kwargs: z.strictObject({
    column_list: columnList,
    ignore_row_if: ignoreRowIf.default('any_value_is_missing'),
    mostly,
  }),
  columns: (k) => k.column_list,
  reason: (k) => `${k.column_list.join(' and ')} must all differ`,
  create: (k, header) => {
    const columns = k.column_list.map((name) => header.index(name));
    return {
      kind: 'map',
      check(view, unexpected) {
        const missing = missingCounts(view, columns);
        let skipped = 0;
        for (let i = 0; i < view.rowCount; i++) {
          if (skipRow(k.ignore_row_if, missing[i]!, columns.length)) {
            skipped++;
            continue;
          }
          search: for (let a = 0; a < columns.length; a++) {
            for (let b = a + 1; b < columns.length; b++) {
              if (view.sameText(columns[a]!, columns[b]!, i)) {
                unexpected(i);
                break search;
              }
            }
          }
        }
        return skipped;
      },
      value: (view, row) => tuple(view, columns, row),
    };
  },
});

export const expectColumnProportionOfUniqueValuesToBeBetween = defineExpectation({
  type: 'expect_column_proportion_of_unique_values_to_be_between',
  kind: 'aggregate',
  kwargs: z.strictObject({
    column,
    min_value: z.number().min(0).max(1).nullable().default(null),
    max_value: z.number().min(0).max(1).nullable().default(null),
  }),
  columns: (k) => [k.column],
  reason: (k) => `the share of distinct ${k.column} values is not ${rangeText(k.min_value, k.max_value)}`,
  create: (k, header) => {
    const at = header.index(k.column);
    let present = 0;
    let distinct = 0;
    let rows = 0;
    return {
      kind: 'aggregate',
      observe(view) {
        const missing = view.missing(at);
        const first = view.firstSeen(at);
        rows += view.rowCount;
        for (let i = 0; i < view.rowCount; i++) {
          present += 1 - missing[i]!;
          distinct += first[i]!;
        }
      },
      judge() {
        const share = present === 0 ? null : distinct / present;
        const success =
          share === null ||
          ((k.min_value === null || share >= k.min_value) && (k.max_value === null || share <= k.max_value));
        return { success, observed_value: share, element_count: rows, missing_count: rows - present };
      },
    };
  },
});
