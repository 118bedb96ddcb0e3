import type { Command } from 'commander';
import { latestRuns } from '../../core/dag/run-history';
import { runUrl } from '../../core/temporal/links';
import { scheduleState, setPaused, triggerRun } from '../../core/dag/control';
import { DAGS, findDag } from '../../workflows/dags';
import { withServices } from '../context';
import { formatTime, printTable } from '../table';
import { printRun, waitForRun } from './runs';

function dagOrExit(id: string) {
  const dag = findDag(id);
  if (!dag) throw new Error(`no DAG named "${id}"; known: ${DAGS.map((d) => d.id).join(', ') || 'none'}`);
  return dag;
}

export function registerDagCommands(program: Command): void {
  const dags = program.command('dags').description('list, trigger, pause and unpause DAGs');

  dags
    .command('list')
    .description('every DAG with its schedule, paused or not, next run and last run')
    .action(() =>
      withServices(async (services) => {
        const latest = await latestRuns(services.db());
        const rows = [];
        for (const dag of DAGS) {
          const schedule = dag.schedule
            ? await scheduleState(await services.temporal(), services.config.temporal.taskQueue, dag.id)
            : undefined;
          const last = latest.get(dag.id);
          rows.push([
            dag.id,
            dag.schedule ? `every ${dag.schedule.every}` : 'manual only',
            schedule ? (schedule.paused ? 'paused' : 'active') : dag.schedule ? 'not registered' : '',
            schedule?.paused ? '(paused)' : formatTime(schedule?.nextRunTimes[0]),
            last ? `${last.state} (${formatTime(last.logicalTime)})` : 'never ran',
            dag.tasks.length,
          ]);
        }
        printTable(['dag', 'schedule', 'state', 'next run', 'last run', 'tasks'], rows);
      }),
    );

  dags
    .command('trigger')
    .description('start a run now (a manual run)')
    .argument('<dag>')
    .option('--conf <json>', 'run parameters as JSON, handed to every task', '{}')
    .option('--wait', 'wait for the run to finish, print its tasks, and exit non-zero if it failed')
    .option(
      '--force',
      'adds "force": true to the parameters (retraining: promote the candidate even if not better)',
    )
    .action((dagId: string, options: { conf: string; wait?: boolean; force?: boolean }) =>
      withServices(async (services) => {
        const dag = dagOrExit(dagId);
        let params: Record<string, unknown>;
        try {
          params = JSON.parse(options.conf) as Record<string, unknown>;
        } catch {
          throw new Error(`--conf is not valid JSON: ${options.conf}`);
        }
        if (options.force) params = { ...params, force: true };
        const client = await services.temporal();
        const { workflowId, temporalRunId } = await triggerRun(
          client,
          services.config.temporal.taskQueue,
          dag,
          params,
        );
        console.log(`started ${workflowId}`);
        console.log(`  ${runUrl(services.config, workflowId, temporalRunId)}`);
        if (!options.wait) return;
        const run = await waitForRun(services, workflowId);
        printRun(run);
        if (run.state === 'failed') process.exitCode = 1;
      }),
    );

  for (const action of ['pause', 'unpause'] as const) {
    dags
      .command(action)
      .description(
        action === 'pause' ? 'stop scheduling new runs (running ones finish)' : 'resume scheduling runs',
      )
      .argument('<dag>')
      .option('--note <text>', 'why, shown in the Temporal Web UI')
      .action((dagId: string, options: { note?: string }) =>
        withServices(async (services) => {
          const dag = dagOrExit(dagId);
          if (!dag.schedule) throw new Error(`DAG ${dag.id} has no schedule to ${action}`);
          const note = options.note ?? `${action}d with contrail dags ${action}`;
          await setPaused(
            await services.temporal(),
            services.config.temporal.taskQueue,
            dag.id,
            action === 'pause',
            note,
          );
          console.log(`${dag.id}: ${action === 'pause' ? 'paused' : 'active'}`);
        }),
      );
  }
}
