import { DATETIME_PARTS, WEEKDAYS } from './calendar';

describe('calendar parts of a naive date-time', () => {
  it('agree with Date for every day from 2000 to 2030 at several times of day', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2000, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 86_400_000 + 7 * 60_000 + 13_000) {
      const d = new Date(ms);
      const expected = [
        d.getUTCHours(),
        d.getUTCHours() * 60 + d.getUTCMinutes(),
        d.getUTCDay(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
      ];
      const got = [
        DATETIME_PARTS.hour.of(ms),
        DATETIME_PARTS.minute_of_day.of(ms),
        DATETIME_PARTS.weekday.of(ms),
        DATETIME_PARTS.month.of(ms),
        DATETIME_PARTS.day_of_month.of(ms),
      ];
      if (got.join() !== expected.join()) mismatches.push(`${d.toISOString()}: ${got} != ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('names weekdays from Sunday, as Date.getUTCDay counts them', () => {
    // 2001-04-01 was a Sunday.
    expect(WEEKDAYS[DATETIME_PARTS.weekday.of(Date.UTC(2001, 3, 1, 7, 15))]).toBe('Sun');
    expect(WEEKDAYS[DATETIME_PARTS.weekday.of(Date.UTC(2001, 3, 6, 23, 59))]).toBe('Fri');
  });
});
