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

/** "840 ms", "12.5 s", "4 min 7 s", "3 h 12 min", "3 d 15 h": two units at most, the larger first. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return pair(Math.floor(seconds / 60), 'min', seconds % 60, 's');
  const minutes = Math.round(seconds / 60);
  if (minutes < 24 * 60) return pair(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
  const hours = Math.round(minutes / 60);
  return pair(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
  small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;

/** "in 1 min 20 s", "3 min ago". */
export function relativeTime(iso: string, now = Date.now()): string {
  const delta = new Date(iso).getTime() - now;
  const seconds = Math.round(Math.abs(delta) / 1000);
  const text = seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000);
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}
