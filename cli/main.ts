import { Command, CommanderError } from 'commander';
import { registerBackfillCommand } from './commands/backfill';
import { registerDagCommands } from './commands/dags';
import { registerDataCommands } from './commands/data';
import { registerMigrateCommand } from './commands/migrate';
import { registerReleaseCommand } from './commands/release';
import { registerRunTaskCommand } from './commands/run-task';
import { registerRunCommands } from './commands/runs';
import { registerModelsCommands } from './commands/models';
import { registerTestCommand } from './commands/test';
import { registerTrainCommand } from './commands/train';
import { registerUpCommand } from './commands/up';

// `contrail … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command()
  .name('contrail')
  .description('Contrail: an Airflow-style DAG orchestrator for machine learning in production, on Temporal.')
  .showHelpAfterError()
  .exitOverride();

registerUpCommand(program);
registerMigrateCommand(program);
registerDagCommands(program);
registerRunCommands(program);
registerRunTaskCommand(program);
registerBackfillCommand(program);
registerDataCommands(program);
registerTestCommand(program);
registerReleaseCommand(program);
registerTrainCommand(program);
registerModelsCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  // Expected failures (bad input, a server down) print their message; a programming error, or
  // CONTRAIL_DEBUG=1, prints the stack too.
  const bug = [TypeError, ReferenceError, RangeError, SyntaxError].some((type) => error instanceof type);
  const detail =
    error instanceof Error
      ? bug || process.env.CONTRAIL_DEBUG
        ? (error.stack ?? error.message)
        : error.message
      : String(error);
  console.error(`contrail: ${detail}`);
  if (/ECONNREFUSED|Failed to connect|connection refused/i.test(detail)) {
    console.error(
      'contrail: is Contrail running (npm start)? Otherwise set DATABASE_URL and TEMPORAL_ADDRESS.',
    );
  }
  process.exit(1);
});
