/**
 * Calendar parts of a naive date-time held as epoch ms (see core/feature-spec/datetime.ts), by
 * arithmetic only: the model derives them for every row at training and serving time, and a Date
 * per row would cost more than the trees.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/**
 * Month (1-12) or day of month (1-31) of a day count since 1970-01-01 (Hinnant's
 * civil_from_days), returned as one number so no object is made per row.
 */
function civilFromDays(days: number, want: 'month' | 'day'): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  return want === 'day' ? dayOfYear - Math.floor((153 * mp + 2) / 5) + 1 : mp < 10 ? mp + 3 : mp - 9;
}

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** What a departure time says on its own; each part becomes one model feature. */
export const DATETIME_PARTS = {
  hour: {
    kind: 'numeric',
    of: (ms: number) => Math.floor(ms / 3_600_000) - Math.floor(ms / MS_PER_DAY) * 24,
  },
  minute_of_day: {
    kind: 'numeric',
    of: (ms: number) => Math.floor(ms / MS_PER_MINUTE) - Math.floor(ms / MS_PER_DAY) * 1440,
  },
  // 1970-01-01 was a Thursday (index 4 with Sunday = 0).
  weekday: { kind: 'categorical', of: (ms: number) => (((Math.floor(ms / MS_PER_DAY) + 4) % 7) + 7) % 7 },
  month: { kind: 'numeric', of: (ms: number) => civilFromDays(Math.floor(ms / MS_PER_DAY), 'month') },
  day_of_month: { kind: 'numeric', of: (ms: number) => civilFromDays(Math.floor(ms / MS_PER_DAY), 'day') },
} as const satisfies Record<string, { kind: 'numeric' | 'categorical'; of: (ms: number) => number }>;

export type DateTimePart = keyof typeof DATETIME_PARTS;
