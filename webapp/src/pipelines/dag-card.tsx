import { useState } from 'react';
import { apiFetch, postJson } from '../api/client';
import type { Dag, RunGrid as Grid } from '../api/types';
import { useResource } from '../api/use-resource';
import { Link } from '../components/link';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { formatInstant, relativeTime } from '../format';
import { RunGrid } from './run-grid';
import { StateBadge } from './state-badge';

const RUNS_SHOWN = 25;

/** One DAG: what it does, when it runs next, its buttons and its grid of recent runs. */
export function DagCard({ dag, onChanged }: { dag: Dag; onChanged: () => void }) {
  const grid = useResource(
    `runs-${dag.id}`,
    (signal) => apiFetch<Grid>(`/dags/${encodeURIComponent(dag.id)}/runs?limit=${RUNS_SHOWN}`, { signal }),
    { refreshMs: 5_000 },
  );
  const [acting, setActing] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const [triggered, setTriggered] = useState<string>();

  const act = async (action: 'trigger' | 'pause' | 'unpause') => {
    setActing(action);
    setActionError(undefined);
    try {
      const answer = await postJson<{ runId?: string }>(`/dags/${encodeURIComponent(dag.id)}/${action}`, {});
      if (action === 'trigger' && answer.runId) setTriggered(answer.runId);
      onChanged();
      grid.reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setActing(undefined);
    }
  };
  const next = dag.nextRunTimes[0];

  return (
    <article className="card dag-card" aria-labelledby={`dag-${dag.id}`} data-dag-id={dag.id}>
      <header className="card-head">
        <div>
          <h2 id={`dag-${dag.id}`}>{dag.id}</h2>
          <p className="muted">{dag.description}</p>
        </div>
        <div className="card-actions">
          <button
            type="button"
            className="primary"
            disabled={Boolean(acting)}
            onClick={() => void act('trigger')}
          >
            {acting === 'trigger' ? 'Triggering…' : 'Trigger run'}
          </button>
          {dag.schedule && dag.paused !== null ? (
            <button
              type="button"
              disabled={Boolean(acting)}
              onClick={() => void act(dag.paused ? 'unpause' : 'pause')}
            >
              {dag.paused ? 'Unpause' : 'Pause'}
            </button>
          ) : null}
          <a className="button" href={dag.temporalUrl} target="_blank" rel="noreferrer">
            Runs in Temporal ↗
          </a>
        </div>
      </header>
      <dl className="facts">
        <div>
          <dt>Schedule</dt>
          <dd>{dag.schedule ?? 'manual only'}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            {dag.paused === null ? (
              dag.schedule ? (
                <span className="muted">schedule not found</span>
              ) : (
                '—'
              )
            ) : dag.paused ? (
              <span className="state-badge state-paused">paused</span>
            ) : (
              <span className="state-badge state-active">active</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd>
            {next && !dag.paused ? (
              <time dateTime={next} title={formatInstant(next)}>
                {relativeTime(next)}
              </time>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>Latest run</dt>
          <dd>
            {dag.latestRun ? (
              <Link href={`/pipelines/runs/${encodeURIComponent(dag.latestRun.runId)}`}>
                <StateBadge state={dag.latestRun.state} /> {relativeTime(dag.latestRun.startedAt)}
              </Link>
            ) : (
              'none yet'
            )}
          </dd>
        </div>
      </dl>
      {triggered ? (
        <p className="notice notice-info" role="status">
          Started <Link href={`/pipelines/runs/${encodeURIComponent(triggered)}`}>{triggered}</Link>.
        </p>
      ) : null}
      {actionError ? <ErrorNotice title="That did not work." error={actionError} /> : null}
      {grid.loading ? <Loading what="runs" /> : null}
      {grid.error && !grid.data ? <ErrorNotice error={grid.error} onRetry={grid.reload} /> : null}
      {grid.data && grid.data.runs.length === 0 ? (
        <Empty>No runs yet: trigger one, or wait for the schedule.</Empty>
      ) : null}
      {grid.data && grid.data.runs.length > 0 ? <RunGrid grid={grid.data} /> : null}
    </article>
  );
}
