import { z } from 'zod';
import type { BatchView } from '../batch-view';
import { reportWhere } from '../record-batch';
import { firstSeen, firstSeenRows } from '../uniqueness-views';
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
        reportWhere(firstSeen(view, at), 0, view.missing(at), unexpected);
        return view.missingCount(at);
      },
      value: (view, row) => view.text(at, row),
    };
  },
});

/**
 * Rows an `ignore_row_if` rule leaves out, and how many; undefined when none (the common case: found
 * from each column's missing cells with the native indexOf, not by visiting every row).
 */
function skippedRows(
  view: BatchView,
  columns: number[],
  rule: z.infer<typeof ignoreRowIf>,
): { skip: Uint8Array; count: number } | undefined {
  const withMissing = columns.filter((at) => view.missingCount(at) > 0);
  if (rule === 'never' || withMissing.length === 0) return undefined;
  if (rule === 'all_values_are_missing' && withMissing.length < columns.length) return undefined;
  const skip = view.pool.take(Uint8Array, view.rowCount);
  let count = 0;
  if (rule === 'any_value_is_missing') {
    for (const at of withMissing) {
      reportWhere(view.missing(at), 1, undefined, (row) => {
        if (skip[row] === 0) count++;
        skip[row] = 1;
      });
    }
  } else {
    const others = columns.slice(1).map((at) => view.missing(at));
    reportWhere(view.missing(columns[0]!), 1, undefined, (row) => {
      if (others.every((missing) => missing[row] === 1)) {
        skip[row] = 1;
        count++;
      }
    });
  }
  return count === 0 ? undefined : { skip, count };
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
        const skipped = skippedRows(view, columns, k.ignore_row_if);
        reportWhere(firstSeenRows(view, columns), 0, skipped?.skip, unexpected);
        return skipped?.count ?? 0;
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
        const skipped = skippedRows(view, columns, k.ignore_row_if);
        const same = view.pool.take(Uint8Array, view.rowCount);
        for (let a = 0; a < columns.length; a++) {
          for (let b = a + 1; b < columns.length; b++) view.markSameText(columns[a]!, columns[b]!, same);
        }
        reportWhere(same, 1, skipped?.skip, unexpected);
        return skipped?.count ?? 0;
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
        const first = firstSeen(view, at);
        rows += view.rowCount;
        present += view.rowCount - view.missingCount(at);
        let repeated = 0;
        reportWhere(first, 0, view.missing(at), () => repeated++);
        distinct += view.rowCount - view.missingCount(at) - repeated;
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
