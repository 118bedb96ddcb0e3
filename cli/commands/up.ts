import type { Command } from 'commander';
import { loadProcessConfig } from '../../core/config';
import { type Stack, startStack } from '../runtime/stack';

const IMPORTANT = /\b(WARN|ERROR|FATAL|panic|Error:)/;
/**
 * Warnings that are Contrail working as designed: after a stop, Temporal logs one per scheduled run
 * it does not catch up (catchup off), which is a screenful after a night's downtime.
 */
const ROUTINE = /msg="Schedule missed catchup window"/;

export function registerUpCommand(program: Command): void {
  program
    .command('up')
    .description(
      'start everything on embedded defaults: Postgres, Temporal (with its Web UI), worker, API and web app',
    )
    .option('--verbose', 'echo every log line of every process (they always go to <data dir>/logs)')
    .action(async (options: { verbose?: boolean }) => {
      const config = loadProcessConfig();
      const say = (message: string) => console.log(`contrail: ${message}`);
      let stopping = false;
      let stack: Stack | undefined;
      // Installed first: Ctrl-C during start-up stops what has started so far, never leaves it behind.
      const startup = new AbortController();
      const stopAndExit = async (running: Stack) => {
        await running.stop();
        say('stopped.');
        process.exit(0);
      };
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        say(`stopping (${signal})…`);
        if (stack) await stopAndExit(stack);
        else startup.abort();
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));

      try {
        stack = await startStack(config, {
          say,
          signal: startup.signal,
          onChildLine: (name, line) => {
            // While stopping, servers complain about each other going away: the log files keep that.
            if (!stopping && (options.verbose || (IMPORTANT.test(line) && !ROUTINE.test(line))))
              console.log(`[${name}] ${line}`);
          },
        });
      } catch (error) {
        if (!startup.signal.aborted) throw error;
        say('stopped.');
        process.exit(0);
      }
      if (stopping) return stopAndExit(stack);
      const rows: [string, string][] = [
        ['Web app', stack.urls.webapp],
        ['API', stack.urls.api],
        ['API docs', stack.urls.apiDocs],
        ['Temporal Web UI', stack.urls.temporalUi ?? `(external Temporal at ${config.temporal.address})`],
        ['Postgres', stack.urls.database],
        ['Data folder', stack.paths.root],
        ['Logs', stack.paths.logs],
      ];
      const width = Math.max(...rows.map(([label]) => label.length));
      console.log(`\n  Contrail is up.\n`);
      for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
      console.log(
        config.api.token
          ? '\n  The API requires its bearer token (CONTRAIL_API_TOKEN is set).'
          : '\n  The API is open: set CONTRAIL_API_TOKEN (16+ characters) to require a bearer token.',
      );
      console.log('  Press Ctrl-C to stop.\n');
    });
}
