import { z } from 'zod';
import type { BatchView } from '../batch-view';
import { reportWhere } from '../record-batch';
import { compileStrftime } from '../strftime';
import { column, defineExpectation, mostly, rangeText } from './definition';
import { regexMatches } from './regex-matches';

/** Row-by-row expectations on the text of a column's values: patterns, lengths, date-time formats. */

const regex = z.string().refine(
  (pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  },
  { error: 'not a valid regular expression' },
);

function regexExpectation(type: string, wanted: boolean) {
  return defineExpectation({
    type,
    kind: 'map',
    kwargs: z.strictObject({ column, regex, mostly }),
    columns: (k) => [k.column],
    reason: (k) => `${k.column} ${wanted ? 'does not match' : 'matches'} /${k.regex}/`,
    create: (k, header) => {
      const at = header.index(k.column);
      const pattern = new RegExp(k.regex);
      return {
        kind: 'map',
        check(view, unexpected) {
          reportWhere(regexMatches(view, at, pattern), wanted ? 0 : 1, view.missing(at), unexpected);
          return view.missingCount(at);
        },
        value: (view: BatchView, row: number) => view.text(at, row),
      };
    },
  });
}

export const expectColumnValuesToMatchRegex = regexExpectation('expect_column_values_to_match_regex', true);
export const expectColumnValuesToNotMatchRegex = regexExpectation(
  'expect_column_values_to_not_match_regex',
  false,
);

const length = z.number().int().min(0).nullable().default(null);

export const expectColumnValueLengthsToBeBetween = defineExpectation({
  type: 'expect_column_value_lengths_to_be_between',
  kind: 'map',
  kwargs: z.strictObject({ column, min_value: length, max_value: length, mostly }),
  columns: (k) => [k.column],
  reason: (k) => `${k.column} is not ${rangeText(k.min_value, k.max_value)} characters long`,
  create: (k, header) => {
    const at = header.index(k.column);
    const min = k.min_value ?? 0;
    const max = k.max_value ?? Infinity;
    return {
      kind: 'map',
      check(view, unexpected) {
        const missing = view.missing(at);
        const lengths = view.lengths(at);
        for (let i = 0; i < lengths.length; i++) {
          if ((lengths[i]! < min || lengths[i]! > max) && missing[i] === 0) unexpected(i);
        }
        return view.missingCount(at);
      },
      value: (view, row) => view.text(at, row),
    };
  },
});

const strftimeFormat = z
  .string()
  .min(1)
  .refine(
    (format) => {
      try {
        compileStrftime(format);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'supported directives: %Y %m %d %H %M %S %% (zero-padded), with ASCII literals' },
  );

export const expectColumnValuesToMatchStrftimeFormat = defineExpectation({
  type: 'expect_column_values_to_match_strftime_format',
  kind: 'map',
  kwargs: z.strictObject({ column, strftime_format: strftimeFormat, mostly }),
  columns: (k) => [k.column],
  reason: (k) => `${k.column} is not a date-time written ${k.strftime_format}`,
  create: (k, header) => {
    const at = header.index(k.column);
    return {
      kind: 'map',
      check(view, unexpected) {
        const missing = view.missing(at);
        const times = view.datetimes(at, k.strftime_format);
        for (let i = 0; i < times.length; i++) if (Number.isNaN(times[i]) && missing[i] === 0) unexpected(i);
        return view.missingCount(at);
      },
      value: (view, row) => view.text(at, row),
    };
  },
});
