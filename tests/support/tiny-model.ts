import fs from 'node:fs';
import path from 'node:path';
import { activeSpec, fileColumns, formatDateTime } from '../../core/feature-spec';
import { type ModelArtifact, type ModelParams, trainModel } from '../../core/model';
import { seededRandom } from '../../core/model/random';

/**
 * A labelled CSV in the spec's columns, made up but with real structure (evening flights and a
 * few airports run late), for tests that need a trained model fast rather than a good one.
 */
export function writeSyntheticData(file: string, rows: number, seed = 1, days = 59): string {
  const random = seededRandom(seed);
  const airports = activeSpec.features.find((f) => f.kind === 'category')!;
  const codes = (airports.kind === 'category' ? airports.values : []).slice(0, 20);
  const start = Date.UTC(2001, 0, 1);
  const lines = Array.from({ length: rows }, (_, i) => {
    const time = start + Math.floor(random() * days) * 86_400_000 + Math.floor(random() * 1440) * 60_000;
    const origin = codes[Math.floor(random() * codes.length)]!;
    const destination = codes.filter((c) => c !== origin)[Math.floor(random() * (codes.length - 1))]!;
    const hour = new Date(time).getUTCHours();
    const late = (hour >= 17 ? 20 : 0) + (codes.indexOf(origin) < 5 ? 10 : 0);
    const delay = Math.round(late + random() * 10 - 5 + (random() < 0.03 ? 300 : 0));
    return [i + 1, formatDateTime(time), origin, destination, 100 + Math.floor(random() * 2000), delay].join(
      ',',
    );
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${fileColumns(activeSpec, { withLabel: true }).join(',')}\n${lines.join('\n')}\n`);
  return file;
}

/** Trains a few small trees on synthetic data (about a second); different `trees` give different model ids. */
export async function trainTinyModel(
  dir: string,
  params: Partial<ModelParams> = {},
): Promise<{ artifact: ModelArtifact; file: string }> {
  const dataFile = path.join(dir, 'synthetic.csv');
  if (!fs.existsSync(dataFile)) writeSyntheticData(dataFile, 20_000);
  return trainModel({
    spec: activeSpec,
    dataFile,
    modelsDir: path.join(dir, 'models'),
    trainWindow: { from: '2001-01-01 00:00', to: '2001-02-01 00:00' },
    validationWindow: { from: '2001-02-01 00:00', to: '2001-03-01 00:00' },
    params: { trees: 5, maxLeaves: 8, minDataInLeaf: 50, ...params },
  });
}
