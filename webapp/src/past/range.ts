import type { PredictionSource } from '../api/types';

export type SourceFilter = PredictionSource | 'all';
export const SOURCES: { value: SourceFilter; label: string }[] = [
  { value: 'all', label: 'All sources' },
  { value: 'webapp', label: 'Web app' },
  { value: 'scheduled', label: 'Scheduled (prediction DAG)' },
];

/** The filter as the page's URL holds it: local date-times as `<input type="datetime-local">` writes them. */
export interface RangeFilter {
  from: string;
  to: string;
  source: SourceFilter;
}

export function filterFromQuery(query: URLSearchParams): RangeFilter {
  const source = query.get('source');
  return {
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    source: source === 'webapp' || source === 'scheduled' ? source : 'all',
  };
}

/** A local date-time of the form, as the instant the API expects (ISO, with the browser's offset applied). */
export function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The local date-time `ms` ago, as `<input type="datetime-local">` writes it. */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The API's query for a filter (from inclusive, to exclusive). */
export function apiQuery(filter: RangeFilter, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const from = toInstant(filter.from);
  const to = toInstant(filter.to);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  params.set('source', filter.source);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params.toString();
}
