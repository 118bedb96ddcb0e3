import fs from 'node:fs';
import path from 'node:path';
import type { DatasetSpec } from '../../core/feature-spec';
import type { DataPaths } from '../../core/paths';
import { injectErrors, writeManifest } from './inject-errors';
import { prepareDataset, preparedPaths } from './prepare';
import { splitDataset } from './split';

export const DEMO_FILE_COUNT = 300;
export const DEMO_ERROR_SHARE = 0.35;
export const DEMO_SEED = 20010401;

export function demoManifestPath(paths: DataPaths): string {
  return path.join(paths.datasets, 'injected-errors.json');
}

/**
 * On a data folder that has never held demo data: prepares the data set, splits its serving period
 * into raw files (labels removed) and injects errors into about a third of them. Runs once: a
 * marker keeps a later start from refilling raw-data after everything was ingested.
 */
export async function ensureDemoData(
  spec: DatasetSpec,
  paths: DataPaths,
  log: (message: string) => void,
): Promise<boolean> {
  const marker = path.join(paths.datasets, '.demo-data-ready');
  if (fs.existsSync(marker)) return false;
  const prepared = preparedPaths(paths.datasets, spec);
  if (!fs.existsSync(prepared.serving) || !fs.existsSync(prepared.training)) {
    log(`preparing the ${spec.id} data set from ${spec.source.npmPackage} (once, about 20 s)…`);
    await prepareDataset(spec, paths.datasets);
  }
  if (fs.readdirSync(paths.rawData).length === 0) {
    log(`splitting the serving period into ${DEMO_FILE_COUNT} raw files with injected errors…`);
    // Built aside and moved in whole, so ingestion never takes a file before its errors are in.
    const staging = path.join(paths.datasets, 'demo-staging');
    fs.rmSync(staging, { recursive: true, force: true });
    const { files } = splitDataset(spec, prepared.serving, staging, DEMO_FILE_COUNT, { prefix: spec.id });
    const manifest = injectErrors(spec, files, { seed: DEMO_SEED, share: DEMO_ERROR_SHARE });
    writeManifest(demoManifestPath(paths), manifest);
    for (const file of files) fs.renameSync(file, path.join(paths.rawData, path.basename(file)));
    fs.rmSync(staging, { recursive: true, force: true });
  }
  fs.writeFileSync(marker, new Date().toISOString());
  return true;
}
