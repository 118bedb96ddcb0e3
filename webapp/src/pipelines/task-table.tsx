import type { TaskInstance } from '../api/types';
import { formatDuration, formatInstant } from '../format';
import { StateBadge } from './state-badge';

/** Every task's state, tries, timing, error and output. */
export function TaskTable({ tasks }: { tasks: TaskInstance[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tasks">
      <table className="task-table">
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Try
            </th>
            <th scope="col">Started</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col">Error or output</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.taskId} data-task-id={task.taskId}>
              <th scope="row">{task.taskId}</th>
              <td>
                <StateBadge state={task.state} />
              </td>
              <td className="num">{task.tryNumber}</td>
              <td>{task.startedAt ? formatInstant(task.startedAt) : '—'}</td>
              <td className="num">{formatDuration(task.durationMs)}</td>
              <td className="task-detail">
                {task.error ? (
                  <pre className={task.state === 'skipped' ? 'skip-reason' : 'error-text'}>{task.error}</pre>
                ) : null}
                {task.output !== null && task.output !== undefined ? (
                  <details>
                    <summary>Output</summary>
                    <pre>{JSON.stringify(task.output, null, 2)}</pre>
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
