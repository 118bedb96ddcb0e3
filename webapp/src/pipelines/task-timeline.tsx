import type { RunDetail } from '../api/types';
import { Empty } from '../components/states';
import { formatDuration } from '../format';
import { STATE_LABELS, stateClass } from './states';

/** Each task as a bar from its start to its end on the run's time axis: parallel tasks overlap visibly. */
export function TaskTimeline({ run }: { run: RunDetail }) {
  const now = Date.now();
  const timed = run.tasks.filter((t) => t.startedAt);
  if (timed.length === 0)
    return (
      <Empty>
        No task has started:{' '}
        {run.tasks.length > 0 ? 'every task was skipped before running.' : 'nothing ran yet.'}
      </Empty>
    );
  const start = Math.min(...timed.map((t) => Date.parse(t.startedAt!)));
  const end = Math.max(...timed.map((t) => (t.endedAt ? Date.parse(t.endedAt) : now)), start + 1);
  const span = end - start;
  return (
    <div className="timeline" role="list" aria-label="Task timeline">
      {run.tasks.map((task) => {
        const from = task.startedAt ? Date.parse(task.startedAt) : undefined;
        const to = task.endedAt ? Date.parse(task.endedAt) : from !== undefined ? now : undefined;
        const left = from === undefined ? 0 : ((from - start) / span) * 100;
        const width = from === undefined || to === undefined ? 0 : Math.max(0.8, ((to - from) / span) * 100);
        const state = STATE_LABELS[task.state] ?? task.state;
        const duration = task.durationMs ?? (from !== undefined && to !== undefined ? to - from : null);
        return (
          <div key={task.taskId} className="timeline-row" role="listitem">
            <span className="timeline-task">{task.taskId}</span>
            <span className="timeline-track">
              {from === undefined ? (
                <span className="muted small">{state}, did not run</span>
              ) : (
                <span
                  className={`timeline-bar ${stateClass(task.state)}`}
                  style={{ left: `${left}%`, width: `${width}%` }}
                  title={`${task.taskId}: ${state}, ${formatDuration(duration)}`}
                />
              )}
            </span>
            <span className="timeline-duration">
              {from === undefined ? '' : `${formatDuration(duration)} · ${state}`}
            </span>
          </div>
        );
      })}
      <p className="muted small timeline-axis">0 s — {formatDuration(span)} from the first task’s start</p>
    </div>
  );
}
