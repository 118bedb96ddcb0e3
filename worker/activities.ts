import * as activities from '../activities';
import type { TaskActivity } from '../core/dag/task';
import type { DagSpec } from '../workflows/dag/spec';
import { recordTaskAttempts } from './task-attempts';

/**
 * The activities the worker registers: every activity, with those that are DAG tasks wrapped so
 * that each attempt is recorded and heartbeats.
 */
export function workerActivities(dags: readonly DagSpec[], all: Record<string, unknown> = activities) {
  const taskActivities = new Set(dags.flatMap((d) => d.tasks.map((t) => t.activity as string)));
  return Object.fromEntries(
    Object.entries(all).map(([name, fn]) => [
      name,
      taskActivities.has(name) ? recordTaskAttempts(fn as TaskActivity) : fn,
    ]),
  );
}
