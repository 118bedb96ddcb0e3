import { ScheduleNotFoundError } from '@temporalio/client';
import type { Command } from 'commander';
import { latestRuns } from '../../core/dag/run-history';
import { runUrl } from '../../core/temporal/links';
import type { DagRunInput } from '../../workflows/dag/executor';
import { DAGS, findDag } from '../../workflows/dags';
import { type Services, withServices } from '../context';
import { formatTime, printTable } from '../table';
import { printRun, waitForRun } from './runs';

function dagOrExit(id: string) {
  const dag = findDag(id);
  if (!dag) throw new Error(`no DAG named "${id}"; known: ${DAGS.map((d) => d.id).join(', ') || 'none'}`);
  return dag;
}

async function scheduleState(services: Services, dagId: string) {
  const client = await services.temporal();
  try {
    const description = await client.schedule.getHandle(dagId).describe();
    return { paused: description.state.paused, next: description.info.nextActionTimes[0] };
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return undefined;
    throw error;
  }
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
          const schedule = dag.schedule ? await scheduleState(services, dag.id) : undefined;
          const last = latest.get(dag.id);
          rows.push([
            dag.id,
            dag.schedule ? `every ${dag.schedule.every}` : 'manual only',
            schedule ? (schedule.paused ? 'paused' : 'active') : dag.schedule ? 'not registered' : '',
            formatTime(schedule?.next),
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
    .action((dagId: string, options: { conf: string; wait?: boolean }) =>
      withServices(async (services) => {
        const dag = dagOrExit(dagId);
        let params: Record<string, unknown>;
        try {
          params = JSON.parse(options.conf) as Record<string, unknown>;
        } catch {
          throw new Error(`--conf is not valid JSON: ${options.conf}`);
        }
        const now = new Date();
        const input: DagRunInput = { dag, runType: 'manual', logicalTime: now.toISOString(), params };
        const workflowId = `${dag.id}-manual-${now.toISOString()}`;
        const client = await services.temporal();
        const handle = await client.workflow.start('dagRun', {
          args: [input],
          taskQueue: services.config.temporal.taskQueue,
          workflowId,
        });
        console.log(`started ${workflowId}`);
        console.log(`  ${runUrl(services.config, workflowId, handle.firstExecutionRunId)}`);
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
          const handle = (await services.temporal()).schedule.getHandle(dag.id);
          const note = options.note ?? `${action}d with contrail dags ${action}`;
          await (action === 'pause' ? handle.pause(note) : handle.unpause(note));
          console.log(`${dag.id}: ${action === 'pause' ? 'paused' : 'active'}`);
        }),
      );
  }
}
