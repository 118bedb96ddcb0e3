import path from 'node:path';
import pg from 'pg';
import { waitFor } from '../../cli/runtime/ports';
import { promoteModel, registerModel } from '../../core/model';
import type { RunningSystem } from './running-system';
import { trainTinyModel } from './tiny-model';

/**
 * Gives a running system an active model: a tiny one trained on synthetic data (about a second)
 * into its models folder, registered and promoted as `contrail train --promote` would, then waits
 * until the API says it serves it.
 */
export async function promoteTinyModel(system: RunningSystem): Promise<string> {
  const { artifact, file } = await trainTinyModel(path.join(system.dataDir, 'tiny-model'));
  const pool = new pg.Pool({ connectionString: system.databaseUrl, max: 1 });
  try {
    await registerModel(pool, artifact, file);
    await promoteModel(pool, artifact.id, 'browser tests', 'a tiny model for the web app tests');
  } finally {
    await pool.end();
  }
  await waitFor(
    `the API to serve ${artifact.id}`,
    async () => {
      const health = (await (await fetch(`${system.urls.api}/health`)).json()) as {
        checks: Record<string, { ok: boolean; id?: string }>;
      };
      return health.checks.model?.id === artifact.id;
    },
    { timeoutMs: 30_000 },
  );
  return artifact.id;
}
