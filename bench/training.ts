/**
 * Training time on the default window (for flights: January to March 2001, about 1.48M rows,
 * validated on April), from the prepared data set, against the 3-minute limit; and the model's
 * validation MAE against the better baseline. Registers nothing.
 *   npx contrail data prepare   # once
 *   npx tsx bench/training.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preparedPaths } from '../cli/data/prepare';
import { loadProcessConfig } from '../core/config';
import { activeSpec } from '../core/feature-spec';
import { trainModel } from '../core/model';
import { dataPaths } from '../core/paths';
import { printTable } from './support';

async function main(): Promise<void> {
  const dataFile = preparedPaths(dataPaths(loadProcessConfig().dataDir).datasets, activeSpec).canonical;
  const modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-bench-models-'));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { artifact } = await trainModel({ spec: activeSpec, dataFile, modelsDir });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = process.cpuUsage(cpu).user / 1e6;
  fs.rmSync(modelsDir, { recursive: true, force: true });
  const m = artifact.metrics;
  const baseline = m.baselines[m.bestBaseline]!;
  printTable(`Training ${artifact.id} on ${artifact.trainWindow.from} to ${artifact.trainWindow.to}`, [
    {
      measure: 'training time, wall clock',
      value: seconds,
      unit: 's',
      goal: { value: 180, better: 'lower' },
      note: `${m.train.rows.toLocaleString('en')} rows`,
    },
    { measure: 'training time, CPU of this process', value: cpuSeconds, unit: 's' },
    {
      measure: 'validation MAE',
      value: m.validation.mae,
      unit: activeSpec.label.unit ?? '',
      goal: { value: baseline.mae, better: 'lower' },
      note: `goal: the better baseline, ${m.bestBaseline}`,
    },
    { measure: 'validation RMSE', value: m.validation.rmse, unit: activeSpec.label.unit ?? '' },
  ]);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
