import { apiFetch } from '../api/client';
import type { RunDetail } from '../api/types';
import { useResource } from '../api/use-resource';
import { Link } from '../components/link';
import { Page } from '../components/page';
import { ErrorNotice, Loading } from '../components/states';
import { formatDuration, formatInstant } from '../format';
import { reportLinks } from './report-links';
import { StateBadge } from './state-badge';
import { TaskTable } from './task-table';
import { TaskTimeline } from './task-timeline';

/** One DAG run: its facts, links, a timeline of its tasks and each task's error and output. */
export function RunPage({ runId }: { runId: string }) {
  const run = useResource(
    `run-${runId}`,
    (signal) => apiFetch<RunDetail>(`/runs/${encodeURIComponent(runId)}`, { signal }),
    {
      refreshMs: 3_000,
    },
  );
  const data = run.data;
  const reports = data ? reportLinks(data) : [];
  return (
    <Page
      title={`Run ${runId}`}
      intro={
        <Link href="/pipelines" className="back">
          ← All pipelines
        </Link>
      }
      actions={
        data ? (
          <>
            {reports.map((r) => (
              <a key={r.href} className="button" href={r.href} target="_blank" rel="noreferrer">
                {r.label} ↗
              </a>
            ))}
            <a className="button" href={data.temporalUrl} target="_blank" rel="noreferrer">
              Open in Temporal Web UI ↗
            </a>
          </>
        ) : null
      }
    >
      {run.loading ? <Loading what="the run" /> : null}
      {run.error && !data ? <ErrorNotice error={run.error} onRetry={run.reload} /> : null}
      {data ? (
        <>
          <dl className="facts">
            <div>
              <dt>DAG</dt>
              <dd>{data.dagId}</dd>
            </div>
            <div>
              <dt>State</dt>
              <dd>
                <StateBadge state={data.state} />
              </dd>
            </div>
            <div>
              <dt>Type</dt>
              <dd>{data.runType}</dd>
            </div>
            <div>
              <dt>Logical time</dt>
              <dd>{formatInstant(data.logicalTime)}</dd>
            </div>
            <div>
              <dt>Started</dt>
              <dd>{formatInstant(data.startedAt)}</dd>
            </div>
            <div>
              <dt>Duration</dt>
              <dd>{data.endedAt ? formatDuration(data.durationMs) : 'still running'}</dd>
            </div>
          </dl>
          {data.error ? (
            <div className="notice notice-error" role="alert">
              <p>
                <strong>The run failed:</strong>
              </p>
              <pre className="error-text">{data.error}</pre>
            </div>
          ) : null}
          <h2>Timeline</h2>
          <TaskTimeline run={data} />
          <h2>Tasks</h2>
          <TaskTable tasks={data.tasks} />
        </>
      ) : null}
    </Page>
  );
}
