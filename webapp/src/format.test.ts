import { formatDuration, relativeTime } from './format';

describe('how durations read', () => {
  it.each([
    [null, '—'],
    [840.4, '840 ms'],
    [12_540, '12.5 s'],
    [59_960, '1 min'],
    [247_000, '4 min 7 s'],
    [3_599_600, '1 h'],
    [11_520_000, '3 h 12 min'],
    [86_399_000, '1 d'],
    [313_200_000, '3 d 15 h'],
    [5262 * 60_000 + 13_000, '3 d 16 h'],
  ])('%p ms reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('says when, relative to now', () => {
    const now = Date.parse('2026-11-29T08:00:00Z');
    expect(relativeTime('2026-11-29T08:00:42Z', now)).toBe('in 42 s');
    expect(relativeTime('2026-11-29T07:42:14Z', now)).toBe('17 min 46 s ago');
    expect(relativeTime('2026-12-03T00:00:00Z', now)).toBe('in 3 d 16 h');
  });
});
