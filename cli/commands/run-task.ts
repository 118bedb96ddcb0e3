import { MockActivityEnvironment } from '@temporalio/testing';
import type { Command } from 'commander';
import * as activities from '../../activities';
import { configureActivities } from '../../activities/deps';
import { getRun } from '../../core/dag/run-history';
import type { TaskActivity, TaskContext } from '../../core/dag/task';
import { findDag } from '../../workflows/dags';
import { withServices } from '../context';

function parseJson(option: string, value: string): Record<string, unknown> {
  try {
    return JSON.parse(value) as Record<string, unknown>;
  } catch {
    throw new Error(`${option} is not valid JSON: ${value}`);
  }
}

/**
 * `contrail run <dag> <task>`: runs one task's activity right here, outside Temporal, with a real
 * activity context, the real configuration and database — Airflow's `tasks test`. The upstream
 * outputs come from a recorded run (--from-run) or are given (--upstream). Nothing is recorded as
 * a DAG run; what the task itself writes (statistics, files, predictions) is real.
 */
export function registerRunTaskCommand(program: Command): void {
  program
    .command('run')
    .description('run one task of a DAG by hand, outside the scheduler, and print its result')
    .argument('<dag>')
    .argument('<task>')
    .option('--from-run <run-id>', "take the upstream tasks' outputs from this recorded run")
    .option('--upstream <json>', 'upstream outputs by task id, as JSON')
    .option('--conf <json>', 'run parameters as JSON', '{}')
    .action((dagId: string, taskId: string, options: { fromRun?: string; upstream?: string; conf: string }) =>
      withServices(async (services) => {
        const dag = findDag(dagId);
        if (!dag) throw new Error(`no DAG named "${dagId}"`);
        const task = dag.tasks.find((t) => t.id === taskId);
        if (!task)
          throw new Error(
            `DAG ${dagId} has no task "${taskId}"; its tasks: ${dag.tasks.map((t) => t.id).join(', ')}`,
          );

        let upstream: Record<string, unknown> = options.upstream
          ? parseJson('--upstream', options.upstream)
          : {};
        if (options.fromRun) {
          const run = await getRun(services.db(), options.fromRun);
          if (!run) throw new Error(`no run with id ${options.fromRun}`);
          upstream = Object.fromEntries(
            run.tasks.filter((t) => task.upstream.includes(t.taskId)).map((t) => [t.taskId, t.output]),
          );
        }
        const missing = task.upstream.filter((id) => !(id in upstream));
        if (missing.length > 0)
          console.warn(`warning: no output given for upstream task(s) ${missing.join(', ')}`);

        configureActivities({ config: services.config, db: services.db() });
        const now = new Date();
        const context: TaskContext = {
          dagId,
          runType: 'manual',
          runId: `${dagId}-task-${now.toISOString()}`,
          logicalTime: now.toISOString(),
          intervalEnd: now.toISOString(),
          taskId,
          tryNumber: 1,
          params: parseJson('--conf', options.conf),
          upstream,
        };
        const activity = activities[task.activity] as TaskActivity;
        const result = await new MockActivityEnvironment({ attempt: 1, activityType: task.activity }).run(
          activity,
          context,
        );
        console.log(JSON.stringify(result, null, 2));
      }),
    );
}
