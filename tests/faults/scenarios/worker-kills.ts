import { findDag } from '../../../workflows/dags';
import type { Flow } from '../support/flow';
import { seconds, sleep, waitForRunsToEnd } from '../support/runs';

interface Attempt {
  run_id: string;
  task_id: string;
  try_number: number;
}

/** Longest one hunt may take before the task types still wanted are reported as not caught. */
const HUNT_MS = 60_000;

const TARGETS = ['ingestion', 'prediction'].flatMap((id) => findDag(id)?.tasks.map((t) => t.id) ?? []);

async function runningAttempts(flow: Flow, taskId?: string): Promise<Attempt[]> {
  const { rows } = await flow.system.db.pool.query<Attempt>(
    `SELECT run_id, task_id, try_number FROM task_instances
     WHERE state = 'running' AND ($1::text IS NULL OR task_id = $1)`,
    [taskId ?? null],
  );
  return rows;
}

/** For this long, a hunt waits for a moment when two wanted task types run at once (one kill, two hits). */
const GREEDY_MS = 10_000;

const wantedTypes = (attempts: Attempt[], wanted: Set<string>, spare: Set<string>) =>
  new Set(attempts.filter((a) => wanted.has(a.task_id) && !spare.has(a.run_id)).map((a) => a.task_id));

/**
 * Waits until attempts of wanted task types are running, freezes the worker (SIGSTOP) and, if they
 * are still unfinished in the frozen worker, SIGKILLs it: a kill in the middle of those tasks for
 * sure, however short they are. Returns every attempt the kill interrupted, or nothing if the hunt
 * ran out. Runs already hit once are spared.
 */
async function killDuring(
  flow: Flow,
  wanted: Set<string>,
  spare: Set<string>,
): Promise<{ killed: Attempt[]; at: number } | undefined> {
  const started = Date.now();
  while (Date.now() < started + HUNT_MS) {
    const need = wanted.size >= 2 && Date.now() < started + GREEDY_MS ? 2 : 1;
    if (wantedTypes(await runningAttempts(flow), wanted, spare).size < need) {
      await sleep(5);
      continue;
    }
    flow.system.worker.signal('SIGSTOP');
    const frozen = await runningAttempts(flow);
    if (wantedTypes(frozen, wanted, spare).size >= need && !frozen.some((a) => spare.has(a.run_id))) {
      const at = Date.now();
      await flow.system.restartWorker();
      return { killed: frozen, at };
    }
    flow.system.worker.signal('SIGCONT');
  }
  return undefined;
}

/** SIGKILLs the worker in the middle of each task type of both DAGs, restarting it each time. */
export async function killWorkerInEachTask(flow: Flow) {
  const killed: (Attempt & { at: number })[] = [];
  const missed: string[] = [];
  const wanted = new Set(TARGETS);
  while (wanted.size > 0) {
    // One kill per run: a task allowed one retry (send-alerts) may fail after two crashes in a row.
    const kill = await killDuring(flow, wanted, new Set(killed.map((k) => k.run_id)));
    if (!kill) {
      missed.push(...wanted);
      break;
    }
    killed.push(...kill.killed.map((a) => ({ ...a, at: kill.at })));
    for (const a of kill.killed) wanted.delete(a.task_id);
  }
  const runs = await waitForRunsToEnd(flow.system.db.pool, [...new Set(killed.map((k) => k.run_id))]);
  const { rows: after } = await flow.system.db.pool.query<Attempt & { state: string; ended_at: Date }>(
    `SELECT run_id, task_id, try_number, state::text, ended_at FROM task_instances
     WHERE (run_id, task_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [killed.map((k) => k.run_id), killed.map((k) => k.task_id)],
  );
  const recoveries = killed.map((k) => {
    const now = after.find((a) => a.run_id === k.run_id && a.task_id === k.task_id);
    return {
      ...k,
      retried: (now?.try_number ?? 0) > k.try_number,
      state: now?.state,
      recoveryMs: now?.ended_at ? now.ended_at.getTime() - k.at : NaN,
    };
  });
  const taskTypes = [...new Set(killed.map((k) => k.task_id))];
  const slowest = Math.max(...recoveries.map((r) => r.recoveryMs));
  return {
    missed,
    runs,
    recoveries,
    observed:
      `${new Set(killed.map((k) => k.at)).size} SIGKILLs interrupted ${killed.length} task attempts ` +
      `(${taskTypes.join(', ')}); every interrupted task was retried and ended ` +
      `${[...new Set(recoveries.map((r) => r.state))].join('/')}, its run ${[...new Set(runs.map((r) => r.state))].join('/')}; ` +
      `task done again at most ${seconds(slowest)} after the kill (heartbeat timeout 12 s + worker restart)` +
      (missed.length > 0 ? `; not caught mid-task within ${HUNT_MS / 1000} s: ${missed.join(', ')}` : ''),
  };
}
