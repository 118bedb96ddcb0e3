import type * as activities from '../../activities';
import type {
  DagSpec as CoreDagSpec,
  Duration,
  TaskOptions,
  TaskSpec as CoreTaskSpec,
  TriggerRule,
} from '../../core/dag/spec';
import type { TaskActivity } from '../../core/dag/task';

/** Activities that can be a DAG task: those with the task shape `(context) => Promise<TaskResult>`. */
export type TaskActivityName = {
  [K in keyof typeof activities]: (typeof activities)[K] extends TaskActivity ? K : never;
}[keyof typeof activities];

export type TaskSpec = CoreTaskSpec<TaskActivityName>;
export type DagSpec = CoreDagSpec<TaskActivityName>;
export type { Duration, TaskOptions, TriggerRule };

export interface TaskDeclaration {
  activity: TaskActivityName;
  upstream?: readonly string[];
  triggerRule?: TriggerRule;
  options?: Partial<TaskOptions>;
}

export const DEFAULT_TASK_OPTIONS: TaskOptions = {
  retries: 3,
  retryDelay: '2s',
  maxRetryDelay: '1m',
  timeout: '10m',
  heartbeatTimeout: '20s',
};

/**
 * Declares a DAG: tasks keyed by id, each naming its activity and its upstream tasks. Checks the
 * graph once, at declaration: unknown upstreams and cycles are programming errors.
 */
export function dag(declaration: {
  id: string;
  description: string;
  schedule: { every: Duration } | null;
  defaults?: Partial<TaskOptions>;
  tasks: Record<string, TaskDeclaration>;
}): DagSpec {
  const defaults = { ...DEFAULT_TASK_OPTIONS, ...declaration.defaults };
  const tasks: TaskSpec[] = Object.entries(declaration.tasks).map(([id, t]) => ({
    id,
    activity: t.activity,
    upstream: t.upstream ?? [],
    triggerRule: t.triggerRule ?? 'all_success',
    options: { ...defaults, ...t.options },
  }));
  assertAcyclic(declaration.id, tasks);
  return { id: declaration.id, description: declaration.description, schedule: declaration.schedule, tasks };
}

function assertAcyclic(dagId: string, tasks: readonly TaskSpec[]): void {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const task of tasks) {
    for (const up of task.upstream) {
      if (!byId.has(up))
        throw new Error(`DAG ${dagId}: task ${task.id} names an unknown upstream task ${up}`);
    }
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (id: string, path: string[]) => {
    if (done.has(id)) return;
    if (visiting.has(id)) throw new Error(`DAG ${dagId} has a cycle: ${[...path, id].join(' -> ')}`);
    visiting.add(id);
    for (const up of byId.get(id)!.upstream) visit(up, [...path, id]);
    visiting.delete(id);
    done.add(id);
  };
  for (const task of tasks) visit(task.id, []);
}

/** Every task downstream of `taskId` (children, grandchildren, …). */
export function descendants(spec: DagSpec, taskId: string): Set<string> {
  const found = new Set<string>();
  const stack = [taskId];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const task of spec.tasks) {
      if (task.upstream.includes(current) && !found.has(task.id)) {
        found.add(task.id);
        stack.push(task.id);
      }
    }
  }
  return found;
}
