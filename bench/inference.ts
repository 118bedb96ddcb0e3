/**
 * In-process inference on one core (this process, one thread): rows/s of the active model (or
 * --artifact <file>), from JSON rows as the API receives them (encode, bin, sum of tables) and
 * from already encoded feature columns, best of 5 runs of 1,000,000 rows each.
 *   npx tsx bench/inference.ts [--artifact data/models/<id>.json]
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadProcessConfig } from '../core/config';
import { connectDatabase } from '../core/db/client';
import { activeSpec } from '../core/feature-spec';
import { loadActiveModel, type ModelArtifact, predictorFor, readArtifact } from '../core/model';
import { dataPaths } from '../core/paths';
import { sampleRows } from './rows';
import { printTable } from './support';

const ROWS = 1_000_000;

async function artifact(): Promise<ModelArtifact> {
  const at = process.argv.indexOf('--artifact');
  if (at > 0) return readArtifact(process.argv[at + 1]!);
  const config = loadProcessConfig();
  const db = connectDatabase(config.databaseUrl, { max: 1 });
  try {
    const active = await loadActiveModel(db.pool, activeSpec, dataPaths(config.dataDir).models);
    if (active) return active.artifact;
  } catch {
    // No database running: fall back to the newest artifact on disk.
  } finally {
    await db.close();
  }
  const dir = dataPaths(config.dataDir).models;
  const newest = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(dir, f))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]
    : undefined;
  if (!newest) throw new Error('no model: run `npx contrail train` first, or pass --artifact');
  return readArtifact(newest);
}

function best(run: () => void): number {
  let fastest = Infinity;
  for (let k = 0; k < 5; k++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest / 1000;
}

async function main(): Promise<void> {
  const model = await artifact();
  const predictor = predictorFor(activeSpec, model);
  // Through JSON, so the strings are laid out as a parsed request body's are.
  const rows = JSON.parse(JSON.stringify(sampleRows(ROWS))) as Record<string, unknown>[];
  const features = predictor.encoder.encodeObjects(rows);
  let checksum = 0;
  const fromRows = best(() => (checksum += predictor.predictRows(rows)[0]!));
  const fromFeatures = best(() => (checksum += predictor.predictMatrix(features)[0]!));
  printTable(
    `In-process inference, ${model.id} (${predictor.tableCount} tables), ${ROWS.toLocaleString('en')} rows, best of 5`,
    [
      {
        measure: 'rows/s from JSON rows (encode + predict)',
        value: ROWS / fromRows,
        unit: 'rows/s',
        goal: { value: 1_000_000, better: 'higher' },
      },
      {
        measure: 'rows/s from encoded features',
        value: ROWS / fromFeatures,
        unit: 'rows/s',
        goal: { value: 1_000_000, better: 'higher' },
      },
    ],
  );
  if (!Number.isFinite(checksum)) throw new Error('predictions are not finite');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
