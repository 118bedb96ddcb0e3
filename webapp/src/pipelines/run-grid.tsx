import type { RunGrid as Grid } from '../api/types';
import { Link } from '../components/link';
import { formatInstant } from '../format';
import { STATE_LABELS, stateClass } from './states';

const runHref = (runId: string) => `/pipelines/runs/${encodeURIComponent(runId)}`;
const label = (state: string | undefined) =>
  state ? (STATE_LABELS[state as keyof typeof STATE_LABELS] ?? state) : 'not run';

/**
 * Airflow's grid view: one column per run (oldest on the left), the run's own state on top, then
 * one row per task. Each run's top cell is a link in the tab order; task cells are links for the mouse.
 */
export function RunGrid({ grid }: { grid: Grid }) {
  const runs = [...grid.runs].reverse();
  return (
    <div
      className="table-scroll grid-scroll"
      tabIndex={0}
      role="region"
      aria-label={`Recent runs of ${grid.dagId}`}
    >
      <table className="run-grid">
        <caption className="visually-hidden">Runs of {grid.dagId} by task, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            {runs.map((run) => (
              <th key={run.runId} scope="col" data-run-id={run.runId}>
                <Link
                  href={runHref(run.runId)}
                  className={`cell cell-run ${stateClass(run.state)}`}
                  aria-label={`Run ${run.runId} (${run.runType}, ${formatInstant(run.logicalTime)}): ${label(run.state)}`}
                  title={`${run.runId}\n${run.runType} · ${formatInstant(run.logicalTime)}\n${label(run.state)}`}
                  data-state={run.state}
                />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.taskIds.map((taskId) => (
            <tr key={taskId}>
              <th scope="row">{taskId}</th>
              {runs.map((run) => {
                const state = run.tasks[taskId];
                return (
                  <td key={run.runId}>
                    <Link
                      href={runHref(run.runId)}
                      tabIndex={-1}
                      className={`cell ${stateClass(state)}`}
                      aria-label={`${taskId} in ${run.runId}: ${label(state)}`}
                      title={`${taskId}: ${label(state)}\n${run.runId}`}
                      data-task-id={taskId}
                      data-run-id={run.runId}
                      data-state={state ?? 'none'}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
