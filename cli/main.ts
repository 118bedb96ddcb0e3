import { Command, CommanderError } from 'commander';
import { ConfigError } from '../core/config';
import { registerDataCommands } from './commands/data';
import { registerMigrateCommand } from './commands/migrate';
import { registerReleaseCommand } from './commands/release';
import { registerTestCommand } from './commands/test';
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
registerDataCommands(program);
registerTestCommand(program);
registerReleaseCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  // Expected failures print their message; only a real bug deserves a stack trace.
  const known =
    error instanceof ConfigError ||
    (error instanceof Error && error.name !== 'Error' && error.name !== 'TypeError');
  console.error(
    `contrail: ${error instanceof Error ? (known ? error.message : error.stack) : String(error)}`,
  );
  process.exit(1);
});
