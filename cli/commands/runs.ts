import type { Command } from 'commander';
import { getRun, listRuns, type RunSummary, type TaskInstanceRow } from '../../core/dag/run-history';
import { RUN_STATES, type RunState } from '../../core/dag/states';
import { runUrl } from '../../core/temporal/links';
import { type Services, withServices } from '../context';
import { parsePositiveInt } from '../options';
import { formatDuration, formatTime, printTable } from '../table';

type FullRun = RunSummary & { tasks: TaskInstanceRow[] };

export function printRun(run: FullRun, temporalLink?: string): void {
  console.log(`${run.runId}  ${run.state}  (${run.runType}, logical time ${formatTime(run.logicalTime)})`);
  if (run.error) console.log(`  error: ${run.error}`);
  if (temporalLink) console.log(`  ${temporalLink}`);
  printTable(
    ['task', 'state', 'try', 'started', 'duration', 'error'],
    run.tasks.map((t) => [
      t.taskId,
      t.state,
      t.tryNumber || '',
      formatTime(t.startedAt),
      formatDuration(t.durationMs),
      t.error,
    ]),
  );
}

/** Polls Postgres until the run has ended (the executor records the end last). */
export async function waitForRun(services: Services, runId: string): Promise<FullRun> {
  for (;;) {
    const run = await getRun(services.db(), runId);
    if (run && run.state !== 'running') return run;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function parseState(value: string): RunState {
  if (!(RUN_STATES as readonly string[]).includes(value))
    throw new Error(`--status must be one of ${RUN_STATES.join(', ')}`);
  return value as RunState;
}

export function registerRunCommands(program: Command): void {
  const runs = program.command('runs').description('DAG runs and their tasks');

  runs
    .command('list')
    .description('recent runs, newest first')
    .option('--dag <id>', 'only this DAG')
    .option('--status <state>', `only runs in this state (${RUN_STATES.join(', ')})`, parseState)
    .option('--limit <n>', 'how many', parsePositiveInt, 25)
    .option('--json', 'print JSON')
    .action((options: { dag?: string; status?: RunState; limit: number; json?: boolean }) =>
      withServices(async (services) => {
        const rows = await listRuns(services.db(), {
          ...(options.dag ? { dagId: options.dag } : {}),
          ...(options.status ? { state: options.status } : {}),
          limit: options.limit,
        });
        if (options.json) {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) {
          console.log('no runs match');
          return;
        }
        printTable(
          ['run id', 'dag', 'state', 'type', 'logical time', 'duration', 'error'],
          rows.map((r) => [
            r.runId,
            r.dagId,
            r.state,
            r.runType,
            formatTime(r.logicalTime),
            formatDuration(r.durationMs),
            r.error,
          ]),
        );
      }),
    );

  runs
    .command('show')
    .description('one run with its tasks: states, tries, durations and errors')
    .argument('<run-id>')
    .action((runId: string) =>
      withServices(async (services) => {
        const run = await getRun(services.db(), runId);
        if (!run) throw new Error(`no run with id ${runId}`);
        printRun(run, runUrl(services.config, run.runId, run.temporalRunId ?? undefined));
      }),
    );
}
