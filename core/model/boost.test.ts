import { applyBins, binCount, fitBins } from './binning';
import { boost, type BoostParams } from './boost';
import type { FeatureDef } from './features';
import { regressionMetrics } from './metrics';
import { Predictor } from './predictor';
import { seededRandom } from './random';
import { activeSpec } from '../feature-spec';

const defs: FeatureDef[] = [
  { name: 'hub', kind: 'categorical', column: 'origin', categories: ['A', 'B', 'C', 'D', 'E', 'F'] },
  { name: 'hour', kind: 'numeric', column: 'distance' },
  { name: 'noise', kind: 'numeric', column: 'distance' },
];

/** delay = 30 at hubs B and E in the evening, 10 elsewhere in the evening, 0 otherwise; plus rare huge outliers. */
function synthetic(n: number, seed: number) {
  const random = seededRandom(seed);
  const columns = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hub = Math.floor(random() * 6);
    const hour = Math.floor(random() * 24);
    columns[0]![i] = hub;
    columns[1]![i] = hour;
    columns[2]![i] = random();
    const base = hour >= 17 ? (hub === 1 || hub === 4 ? 30 : 10) : 0;
    labels[i] = base + (random() < 0.05 ? 600 : random() * 4 - 2);
  }
  return { features: { length: n, columns }, labels };
}

const params: BoostParams = {
  objective: 'l1',
  huberDelta: 10,
  trees: 60,
  learningRate: 0.3,
  maxLeaves: 8,
  maxDepth: 6,
  maxFeaturesPerTree: 2,
  maxTableCells: 2 ** 16,
  minDataInLeaf: 20,
  lambda: 1,
  categoricalL2: 1,
  minDataPerCategory: 10,
  rowSample: 0.8,
  seed: 7,
};

function fitAndScore(overrides: Partial<BoostParams>) {
  const train = synthetic(20_000, 1);
  const test = synthetic(5_000, 2);
  const bins = fitBins(train.features, defs, 1);
  const layout = {
    featureCount: 3,
    binCounts: bins.map(binCount),
    categorical: defs.map((d) => d.kind === 'categorical'),
  };
  const ensemble = boost(layout, { bins: applyBins(train.features, bins), labels: train.labels }, undefined, {
    ...params,
    ...overrides,
  });
  const predictor = new Predictor(activeSpec, defs, bins, ensemble);
  return {
    ensemble,
    predictor,
    metrics: regressionMetrics(test.labels, predictor.predictMatrix(test.features)),
  };
}

describe('boosting', () => {
  it('learns a category-subset by hour interaction and ignores noise and outliers under L1', () => {
    const { ensemble, predictor } = fitAndScore({});
    const grid = {
      length: 4,
      columns: [
        Float64Array.of(1, 4, 0, 2),
        Float64Array.of(20, 20, 20, 8),
        Float64Array.of(0.5, 0.5, 0.5, 0.5),
      ],
    };
    const predicted = [...predictor.predictMatrix(grid)].map((v) => Math.round(v));
    expect(predicted).toEqual([30, 30, 10, 0]);
    expect(ensemble.trees.every((t) => new Set(t.feature).size <= 2)).toBe(true);
  });

  it('beats L2 on MAE when labels have heavy outliers', () => {
    const l1 = fitAndScore({ objective: 'l1' }).metrics;
    const l2 = fitAndScore({ objective: 'l2' }).metrics;
    expect(l1.mae).toBeLessThan(l2.mae);
  });

  it('trains the same model from the same data and seed', () => {
    const a = fitAndScore({}).ensemble;
    const b = fitAndScore({}).ensemble;
    expect(b.trees.map((t) => [...t.leafValues])).toEqual(a.trees.map((t) => [...t.leafValues]));
  });
});
