/**
 * Records the event histories of representative DAG runs into workflows/histories/, for the replay
 * test (workflows/replay.test.ts) that keeps later workflow changes deterministic. Run it when a
 * shipped DAG or the executor changes on purpose, and commit the result:
 *
 *   npx tsx tests/support/record-histories.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import * as activities from '../../activities';
import { findOrInstallTemporalCli } from '../../cli/runtime/temporal-cli';
import { configureActivities } from '../../activities/deps';
import { loadConfig } from '../../core/config';
import type { TaskContext, TaskResult } from '../../core/dag/task';
import { startBenchServers } from '../../bench/support/bench-servers';
import { dagRun } from '../../workflows';
import { dag, type TaskActivityName } from '../../workflows/dag/spec';
import { recordTaskAttempts } from '../../worker/task-attempts';

const OUT = path.resolve(__dirname, '../../workflows/histories');

async function scripted(context: TaskContext): Promise<TaskResult> {
  const script = (context.params[context.taskId] ?? '') as string;
  if (script === 'skip') return { skip: 'nothing to do' };
  if (script === 'bad-data') throw ApplicationFailure.nonRetryable('bad rows', 'BadData');
  if (script === 'flaky' && context.tryNumber < 2) throw new Error('flaky');
  return { output: { task: context.taskId } };
}

const task = (upstream: string[] = [], triggerRule?: 'all_done') => ({
  activity: 'scripted' as TaskActivityName,
  upstream,
  ...(triggerRule ? { triggerRule } : {}),
  options: { retryDelay: '100ms' },
});

export const HISTORY_DAG = dag({
  id: 'history',
  description: 'read >> validate >> [save, alert, split] >> report(all_done)',
  schedule: { every: '1m' },
  tasks: {
    read: task(),
    validate: task(['read']),
    save: task(['validate']),
    alert: task(['validate']),
    split: task(['validate']),
    report: task(['save', 'alert', 'split'], 'all_done'),
  },
});

const CASES: Record<string, Record<string, string>> = {
  'dag-run-success': {},
  'dag-run-skipped': { read: 'skip' },
  'dag-run-failed': { save: 'bad-data' },
  'dag-run-retried': { validate: 'flaky' },
};

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const servers = await startBenchServers();
  try {
    configureActivities({ config: loadConfig({}), db: servers.db });
    const nativeConnection = await NativeConnection.connect({ address: servers.temporalAddress });
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue: 'histories',
      workflowsPath: require.resolve('../../workflows'),
      activities: { ...activities, scripted: recordTaskAttempts(scripted) },
    });
    const running = worker.run();
    const client = new Client({ connection: await Connection.connect({ address: servers.temporalAddress }) });
    fs.mkdirSync(OUT, { recursive: true });
    const cli = findOrInstallTemporalCli(process.env.TEMPORAL_CLI_PATH, console.log);
    for (const [name, params] of Object.entries(CASES)) {
      const handle = await client.workflow.start(dagRun, {
        args: [{ dag: HISTORY_DAG, runType: 'manual', logicalTime: '2001-04-01T00:00:00.000Z', params }],
        taskQueue: 'histories',
        workflowId: name,
      });
      await handle.result().catch(() => undefined);
      // The CLI writes the same JSON the Web UI exports, which the replayer reads.
      const json = execFileSync(cli, [
        'workflow',
        'show',
        '--workflow-id',
        name,
        '--address',
        servers.temporalAddress,
        '--output',
        'json',
      ]);
      fs.writeFileSync(path.join(OUT, `${name}.json`), json);
      console.log(`recorded ${name}`);
    }
    worker.shutdown();
    await running;
    await nativeConnection.close();
  } finally {
    await servers.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
