import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDatasetSlice } from '../../tests/support/flights-slice';
import { activeSpec, featureHash } from '../feature-spec';
import { predictorFor, readArtifact } from './artifact';
import { FeatureEncoder } from './features';
import { loadWindows } from './load-dataset';
import { trainModel, TrainingError } from './train-model';

describe('training on a fixed slice of the real flights data', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-train-'));
  const modelsDir = path.join(dir, 'models');
  let dataFile: string;
  let trained: Awaited<ReturnType<typeof trainModel>>;

  beforeAll(async () => {
    // The first 560,000 flights run to 2001-01-29: train on two weeks, validate on the week after.
    dataFile = await writeDatasetSlice(activeSpec, 560_000, path.join(dir, 'flights.csv'));
    trained = await trainModel({
      spec: activeSpec,
      dataFile,
      modelsDir,
      trainWindow: { from: '2001-01-08 00:00', to: '2001-01-22 00:00' },
      validationWindow: { from: '2001-01-22 00:00', to: '2001-01-29 00:00' },
      params: { trees: 40 },
    });
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('beats the better of the two baselines on validation MAE', () => {
    const m = trained.artifact.metrics;
    expect(Object.keys(m.baselines).sort()).toEqual(['global-median', 'mean-per-origin-hour']);
    const best = Math.min(...Object.values(m.baselines).map((b) => b.mae));
    expect(m.validation.mae).toBeLessThan(best);
    expect(m.maeGainOverBaseline).toBeCloseTo(best - m.validation.mae, 10);
    expect(m.validation.rows).toBeGreaterThan(100_000);
  });

  it('writes an artifact named <model-type>-<params>-<train-dates-hash>-<feature-hash> with window, hash and profile', () => {
    const { artifact, file } = trained;
    expect(artifact.id).toMatch(new RegExp(`^gbdt-l1-40x63-lr0\\.2-[0-9a-f]{8}-${featureHash(activeSpec)}$`));
    expect(path.basename(file)).toBe(`${artifact.id}.json`);
    expect(artifact.trainWindow).toEqual({ from: '2001-01-08 00:00', to: '2001-01-22 00:00' });
    expect(artifact.profile.features.map((f) => f.name)).toEqual(artifact.features.map((f) => f.name));
    const origin = artifact.profile.features.find((f) => f.name === 'origin');
    expect(
      origin?.kind === 'categorical' && Object.values(origin.shares).reduce((a, b) => a + b, 0),
    ).toBeCloseTo(1, 6);
    expect(artifact.profile.label.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(artifact.profile.prediction.quantiles.p50).toBeGreaterThan(-60);
  });

  it('predicts from the artifact file exactly what it scored when trained', async () => {
    const artifact = readArtifact(trained.file);
    const predictor = predictorFor(activeSpec, artifact);
    const { windows } = await loadWindows(
      dataFile,
      activeSpec,
      new FeatureEncoder(activeSpec, artifact.features),
      {
        validation: { from: Date.UTC(2001, 0, 22), to: Date.UTC(2001, 0, 29) },
      },
    );
    const predictions = predictor.predictMatrix(windows.validation.features);
    let absolute = 0;
    windows.validation.labels.forEach((y, i) => (absolute += Math.abs(y - predictions[i]!)));
    expect(absolute / predictions.length).toBeCloseTo(artifact.metrics.validation.mae, 9);
    const [row] = predictor.predictRows([
      { date: '2001-01-23 17:30', origin: 'ORD', destination: 'LGA', distance: 733 },
    ]);
    expect(Number.isFinite(row)).toBe(true);
  });

  it('refuses an empty window and a missing data file with a clear error', async () => {
    const base = { spec: activeSpec, modelsDir, params: { trees: 1 } };
    await expect(
      trainModel({ ...base, dataFile, trainWindow: { from: '2001-03-01 00:00', to: '2001-03-02 00:00' } }),
    ).rejects.toThrow(/no labelled rows in the training window 2001-03-01 00:00 to 2001-03-02 00:00/);
    await expect(trainModel({ ...base, dataFile: path.join(dir, 'nope.csv') })).rejects.toThrow(
      TrainingError,
    );
  });
});
