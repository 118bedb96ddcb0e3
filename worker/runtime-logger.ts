import { inspect } from 'node:util';
import { DefaultLogger, type LogEntry, Runtime } from '@temporalio/worker';
import type { LogLevel } from '../core/logger';
import { redactSecrets } from '../core/log-secrets';

/**
 * The Temporal SDK logs on its own (activity and workflow failures with their error messages and
 * stacks): the same lines as its default logger, with every configured secret masked, as
 * Contrail's own logger does.
 */
export function redactingLogFunction(entry: LogEntry): void {
  const date = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  const meta = entry.meta === undefined ? '' : ` ${inspect(entry.meta, { depth: 5, breakLength: Infinity })}`;
  process.stderr.write(redactSecrets(`${date} [${entry.level}] ${entry.message}${meta}\n`));
}

const LEVELS = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const;

/** Before any worker or native connection is created: the runtime is installed once per process. */
export function installRedactingRuntime(level: LogLevel): void {
  Runtime.install({ logger: new DefaultLogger(LEVELS[level], redactingLogFunction) });
}
