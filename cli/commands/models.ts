import type { Command } from 'commander';
import { loadProcessConfig } from '../../core/config';
import { connectDatabase } from '../../core/db/client';
import { listModels, promoteModel, type RegisteredModel, rollbackModel } from '../../core/model';
import { cliActor } from './train';

async function withPool<T>(
  run: (pool: ReturnType<typeof connectDatabase>['pool']) => Promise<T>,
): Promise<T> {
  const db = connectDatabase(loadProcessConfig().databaseUrl, { applicationName: 'contrail-models', max: 2 });
  try {
    return await run(db.pool);
  } finally {
    await db.close();
  }
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '');

function table(models: RegisteredModel[]): string {
  const header = ['id', 'status', 'val MAE', 'baseline MAE', 'trained on', 'created', 'promoted by'];
  const rows = models.map((m) => {
    const best = m.metrics.baselines?.[m.metrics.bestBaseline];
    return [
      m.id,
      m.status,
      m.metrics.validation?.mae?.toFixed(2) ?? '',
      best ? `${best.mae.toFixed(2)} (${m.metrics.bestBaseline})` : '',
      `${day(m.trainFrom).slice(0, 10)}..${day(m.trainTo).slice(0, 10)}`,
      day(m.createdAt),
      m.promotedBy ?? '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function registerModelsCommands(program: Command): void {
  const models = program.command('models').description('the model registry: list, promote, roll back');

  models
    .command('list')
    .description('registered models, newest first, with their validation MAE and status')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withPool(async (pool) => {
        const all = await listModels(pool);
        if (options.json) console.log(JSON.stringify(all, null, 2));
        else console.log(all.length === 0 ? 'no models registered: run `contrail train`' : table(all));
      }),
    );

  models
    .command('promote')
    .description('make a registered model the active one (the API picks it up without restarting)')
    .argument('<id>', 'the model id (see `contrail models list`)')
    .option('--reason <text>', 'why, recorded with the promotion')
    .action((id: string, options: { reason?: string }) =>
      withPool(async (pool) => {
        const { replaced } = await promoteModel(
          pool,
          id,
          cliActor('contrail models promote'),
          options.reason,
        );
        console.log(`active model: ${id}${replaced ? ` (replaces ${replaced})` : ''}`);
      }),
    );

  models
    .command('rollback')
    .description(
      'put back the model that was active before the current one, and mark the current one rejected',
    )
    .option('--reason <text>', 'why, recorded with the rollback')
    .action((options: { reason?: string }) =>
      withPool(async (pool) => {
        const { restored, rejected } = await rollbackModel(
          pool,
          cliActor('contrail models rollback'),
          options.reason,
        );
        console.log(`active model: ${restored} (rolled back from ${rejected}, now rejected)`);
      }),
    );
}
