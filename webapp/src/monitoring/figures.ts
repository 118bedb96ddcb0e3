import { count, formatDuration } from '../format';

/** How the dashboards write their figures (the browser test reads them back the same way). */
export const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

export const minutes = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} min`);

export const decimal = (value: number | null, digits = 3) => (value === null ? '—' : value.toFixed(digits));

export const counted = (n: number) => count(n);

export const since = (seconds: number | null) =>
  seconds === null ? 'never' : `${formatDuration(seconds * 1000)} ago`;

/** Seconds since the epoch, for the charts. */
export const epochSeconds = (iso: string) => Date.parse(iso) / 1000;
