import type { Command } from 'commander';
import { loadProcessConfig } from '../../core/config';
import { migrate } from '../../core/db/migrate';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply the database migrations in prisma/migrations (no Prisma engine needed)')
    .action(async () => {
      const config = loadProcessConfig();
      const result = await migrate(config.databaseUrl);
      for (const name of result.applied) console.log(`applied ${name}`);
      console.log(`${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
    });
}
