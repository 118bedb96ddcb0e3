import { type FormEvent, useEffect, useState } from 'react';
import { apiFetch } from '../api/client';
import type { PastPredictionsPage as PageOfPredictions } from '../api/types';
import { useResource } from '../api/use-resource';
import { Page } from '../components/page';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { navigate, useLocation, withQuery } from '../router';
import { PredictionsChart } from './predictions-chart';
import { PredictionsTable } from './predictions-table';
import {
  apiQuery,
  filterFromQuery,
  localDateTime,
  type RangeFilter,
  SOURCES,
  type SourceFilter,
} from './range';

const PAGE_SIZE = 50;
const QUICK_RANGES = [
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 hours', ms: 86_400_000 },
  { label: 'Last 7 days', ms: 7 * 86_400_000 },
];

export function PastPredictionsPage() {
  const { query } = useLocation();
  const urlKey = query.toString();
  const applied = filterFromQuery(query);
  const [draft, setDraft] = useState<RangeFilter>(applied);
  // Older pages are reached by keyset cursors: a stack of them lets "Newer" go back.
  const [cursors, setCursors] = useState<string[]>([]);
  useEffect(() => {
    setDraft(filterFromQuery(new URLSearchParams(urlKey)));
    setCursors([]);
  }, [urlKey]);

  const cursor = cursors.at(-1);
  const key = apiQuery(applied, { limit: String(PAGE_SIZE), cursor });
  const page = useResource(key, (signal) =>
    apiFetch<PageOfPredictions>(`/past-predictions?${key}`, { signal }),
  );
  const apply = (filter: RangeFilter) =>
    navigate(
      withQuery('/past-predictions', {
        from: filter.from,
        to: filter.to,
        source: filter.source === 'all' ? undefined : filter.source,
      }),
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const invalidRange = draft.from && draft.to && draft.from >= draft.to;

  return (
    <Page
      title="Past predictions"
      intro="Every stored prediction, newest first: from this web app and from the scheduled prediction DAG."
    >
      <form className="filters" onSubmit={submit} aria-label="Filter predictions">
        <div className="field">
          <label htmlFor="from">From</label>
          <input
            id="from"
            type="datetime-local"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input
            id="to"
            type="datetime-local"
            value={draft.to}
            aria-invalid={Boolean(invalidRange)}
            aria-describedby="range-hint"
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="source">Source</label>
          <select
            id="source"
            value={draft.source}
            onChange={(e) => setDraft({ ...draft, source: e.target.value as SourceFilter })}
          >
            {SOURCES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={Boolean(invalidRange)}>
          Show
        </button>
        <p id="range-hint" className={`field-hint${invalidRange ? ' field-error' : ''}`}>
          {invalidRange
            ? '“To” must be after “From”.'
            : 'Your local time. “From” is included, “To” is not; leave either empty for no limit.'}
        </p>
        <div className="quick-ranges" role="group" aria-label="Quick ranges">
          {QUICK_RANGES.map((r) => (
            <button
              key={r.label}
              type="button"
              onClick={() => apply({ ...draft, from: localDateTime(new Date(Date.now() - r.ms)), to: '' })}
            >
              {r.label}
            </button>
          ))}
          <button type="button" onClick={() => apply({ ...draft, from: '', to: '' })}>
            All time
          </button>
          <a className="button" href={`/exports/past-predictions.csv?${apiQuery(applied)}`} download>
            Export CSV
          </a>
        </div>
      </form>

      <PredictionsChart filterKey={apiQuery(applied)} />

      {page.loading ? <Loading what="predictions" /> : null}
      {page.error ? <ErrorNotice error={page.error} onRetry={page.reload} /> : null}
      {page.data && page.data.predictions.length === 0 ? (
        <Empty>{cursors.length > 0 ? 'No older predictions.' : 'No predictions in this range.'}</Empty>
      ) : null}
      {page.data && page.data.predictions.length > 0 ? (
        <>
          <PredictionsTable predictions={page.data.predictions} />
          <nav className="pager" aria-label="Prediction pages">
            <button
              type="button"
              disabled={cursors.length === 0}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              Newer
            </button>
            <span>
              Page {cursors.length + 1} · {PAGE_SIZE} per page
            </span>
            <button
              type="button"
              disabled={!page.data.nextCursor}
              onClick={() => setCursors((c) => [...c, page.data!.nextCursor!])}
            >
              Older
            </button>
          </nav>
        </>
      ) : null}
    </Page>
  );
}
