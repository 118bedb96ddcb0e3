import { ScheduleOverlapPolicy } from '@temporalio/client';
import { msToNumber } from '@temporalio/common/lib/time';
import { InvalidArgumentError, type Command } from 'commander';
import type { Pool } from 'pg';
import type { RunState } from '../../core/dag/states';
import { temporalDagId } from '../../core/dag/control';
import { findDag } from '../../workflows/dags';
import { withServices } from '../context';
import { printTable } from '../table';

const OVERLAP = {
  buffer_all: ScheduleOverlapPolicy.BUFFER_ALL,
  allow_all: ScheduleOverlapPolicy.ALLOW_ALL,
} as const;

/** ISO 8601; a date or date-time without a zone is taken as UTC. */
export function parseTime(value: string): Date {
  const local = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/.exec(value);
  const date = local ? new Date(`${local[1]}T${local[2] ?? '00:00'}Z`) : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(`not a time: "${value}" (e.g. 2026-11-28T10:00Z)`);
  return date;
}

/** The schedule times a backfill of [from, to] starts: every multiple of the interval in the range. */
export function intervalsIn(from: Date, to: Date, everyMs: number): Date[] {
  const times: Date[] = [];
  for (let t = Math.ceil(from.getTime() / everyMs) * everyMs; t <= to.getTime(); t += everyMs)
    times.push(new Date(t));
  return times;
}

export function registerBackfillCommand(program: Command): void {
  program
    .command('backfill')
    .description(
      "start the runs a DAG's schedule would have started between two times (Temporal schedule backfill)",
    )
    .argument('<dag>')
    .requiredOption('--from <time>', 'start of the range, UTC (e.g. 2026-11-28T10:00Z)', parseTime)
    .requiredOption('--to <time>', 'end of the range, UTC (inclusive)', parseTime)
    .option('--overlap <policy>', 'buffer_all: one run after another; allow_all: all at once', 'buffer_all')
    .option('--wait', 'wait for every run to finish and print a summary by state')
    .action((dagId: string, options: { from: Date; to: Date; overlap: string; wait?: boolean }) =>
      withServices(async (services) => {
        const dag = findDag(dagId);
        if (!dag?.schedule) throw new Error(`no scheduled DAG named "${dagId}"`);
        if (!(options.overlap in OVERLAP))
          throw new Error(`--overlap must be buffer_all or allow_all, got ${options.overlap}`);
        if (options.to < options.from) throw new Error('--to is before --from');
        const times = intervalsIn(options.from, options.to, msToNumber(dag.schedule.every));
        if (times.length === 0)
          throw new Error(`no ${dag.schedule.every} interval starts between --from and --to`);

        const handle = (await services.temporal()).schedule.getHandle(
          temporalDagId(dag.id, services.config.temporal.taskQueue),
        );
        await handle.backfill({
          start: options.from,
          end: options.to,
          overlap: OVERLAP[options.overlap as keyof typeof OVERLAP],
        });
        console.log(
          `backfilling ${dag.id}: ${times.length} run(s) from ${times[0]!.toISOString()} to ${times.at(-1)!.toISOString()}`,
        );
        if (!options.wait) {
          console.log(`follow them with: contrail runs list --dag ${dag.id}`);
          return;
        }
        const states = await waitForBackfill(services.db().pool, dag.id, times);
        const counts = new Map<RunState, number>();
        for (const state of states.values()) counts.set(state, (counts.get(state) ?? 0) + 1);
        printTable(
          ['state', 'runs'],
          [...counts].map(([state, n]) => [state, n]),
        );
        if (counts.get('failed')) process.exitCode = 1;
      }),
    );
}

/** Polls the runs of the backfilled times, printing progress, until every one has ended. */
async function waitForBackfill(pool: Pool, dagId: string, times: Date[]): Promise<Map<string, RunState>> {
  const wanted = times.map((t) => t.toISOString());
  for (;;) {
    const { rows } = await pool.query<{ logical_time: Date; state: RunState }>(
      `SELECT logical_time, state FROM dag_runs WHERE dag_id = $1 AND logical_time = ANY($2::timestamptz[])`,
      [dagId, wanted],
    );
    const states = new Map(rows.map((r) => [r.logical_time.toISOString(), r.state]));
    const ended = [...states.values()].filter((s) => s !== 'running').length;
    process.stderr.write(`\r  ${states.size}/${wanted.length} started, ${ended}/${wanted.length} finished`);
    if (ended === wanted.length) {
      process.stderr.write('\n');
      return states;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
