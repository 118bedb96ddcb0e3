/** How numbers and times read in this app. */

export const count = (n: number) => n.toLocaleString('en');

/** A delay in minutes as a person reads it: "12.3 min late", "4 min early". */
export function formatDelay(value: number, unit = 'minutes'): string {
  const rounded = Math.round(value * 10) / 10;
  const short = unit === 'minutes' ? 'min' : unit;
  if (rounded === 0) return `on time (0 ${short})`;
  return `${Math.abs(rounded).toLocaleString('en')} ${short} ${rounded > 0 ? 'late' : 'early'}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const formatInstant = (iso: string | Date) =>
  dateTime.format(typeof iso === 'string' ? new Date(iso) : iso);

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "in 1 min 20 s", "3 min ago". */
export function relativeTime(iso: string, now = Date.now()): string {
  const delta = new Date(iso).getTime() - now;
  const seconds = Math.round(Math.abs(delta) / 1000);
  const text = seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000);
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}
