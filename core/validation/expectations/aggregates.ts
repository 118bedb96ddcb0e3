import { z } from 'zod';
import { parseDateTime } from '../../feature-spec';
import { column, defineExpectation, rangeText } from './definition';
import type { BatchView } from '../batch-view';
import { reportWhere } from '../record-batch';
import { ByteSet } from '../byte-set';
import { inSet } from '../value-decisions';

let nextSetKey = 0;

/** Expectations on one statistic of a column, accumulated batch by batch. Unreadable values are left out. */

const bound = z.union([z.number(), z.string()]).nullable().default(null);
const statisticKwargs = z.strictObject({
  column,
  min_value: bound,
  max_value: bound,
  strict_min: z.boolean().default(false),
  strict_max: z.boolean().default(false),
  /** Compute over Contrail date-times; the observed value is then shown as a date-time. */
  parse_strings_as_datetimes: z.boolean().default(false),
});

type Statistic = 'mean' | 'min' | 'max';

/**
 * Adds a batch's readable values to `figures` (sum, count, low, high). A module function over typed
 * arrays rather than a loop in each check's closure over captured variables: that loop kept its
 * running sum, a double, boxed on the heap, a new allocation for every value.
 */
function accumulate(values: Float64Array, figures: Float64Array): void {
  let sum = 0;
  let count = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value !== value) continue; // NaN: unreadable or missing
    sum += value;
    count++;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  figures[0]! += sum;
  figures[1]! += count;
  figures[2] = Math.min(figures[2]!, low);
  figures[3] = Math.max(figures[3]!, high);
}

function statisticExpectation(statistic: Statistic) {
  return defineExpectation({
    type: `expect_column_${statistic}_to_be_between`,
    kind: 'aggregate',
    kwargs: statisticKwargs,
    columns: (k) => [k.column],
    reason: (k) =>
      `the ${statistic} of ${k.column} is not ${rangeText(k.min_value, k.max_value, k.strict_min, k.strict_max)}`,
    create: (k, header) => {
      const at = header.index(k.column);
      const read = (value: number | string | null, absent: number) =>
        value === null ? absent : k.parse_strings_as_datetimes ? parseDateTime(String(value)) : Number(value);
      const min = read(k.min_value, -Infinity);
      const max = read(k.max_value, Infinity);
      // sum, count, low, high: in a Float64Array, as accumulate() wants them.
      const figures = Float64Array.of(0, 0, Infinity, -Infinity);
      let rows = 0;
      let missingRows = 0;
      return {
        kind: 'aggregate',
        observe(view: BatchView) {
          rows += view.rowCount;
          missingRows += view.missingCount(at);
          accumulate(k.parse_strings_as_datetimes ? view.datetimes(at) : view.numbers(at), figures);
        },
        judge() {
          const [sum, count, low, high] = [figures[0]!, figures[1]!, figures[2]!, figures[3]!];
          const value =
            count === 0 ? null : statistic === 'mean' ? sum / count : statistic === 'min' ? low : high;
          const success =
            value !== null &&
            (k.strict_min ? value > min : value >= min) &&
            (k.strict_max ? value < max : value <= max);
          const shown =
            value !== null && k.parse_strings_as_datetimes
              ? new Date(value).toISOString().slice(0, 16).replace('T', ' ')
              : value;
          return { success, observed_value: shown, element_count: rows, missing_count: missingRows };
        },
      };
    },
  });
}

export const expectColumnMeanToBeBetween = statisticExpectation('mean');
export const expectColumnMinToBeBetween = statisticExpectation('min');
export const expectColumnMaxToBeBetween = statisticExpectation('max');

export const expectColumnDistinctValuesToBeInSet = defineExpectation({
  type: 'expect_column_distinct_values_to_be_in_set',
  kind: 'aggregate',
  kwargs: z.strictObject({ column, value_set: z.array(z.union([z.string(), z.number()])).min(1) }),
  columns: (k) => [k.column],
  reason: (k) => `${k.column} has values outside its ${k.value_set.length} allowed values`,
  create: (k, header) => {
    const at = header.index(k.column);
    const allowed = new ByteSet(k.value_set.map(String));
    const key = `distinct-set${nextSetKey++}`;
    const outside = new Set<string>();
    let rows = 0;
    return {
      kind: 'aggregate',
      observe(view: BatchView) {
        rows += view.rowCount;
        // Bounded: the report needs a sample of what is outside, not all of it.
        reportWhere(inSet(view, at, allowed, key), 0, view.missing(at), (row) => {
          if (outside.size < 1000) outside.add(view.text(at, row));
        });
      },
      judge: () => ({
        success: outside.size === 0,
        observed_value: [...outside].slice(0, 20),
        element_count: rows,
      }),
    };
  },
});
