import { activeSpec } from '../feature-spec';
import { FeatureEncoder, featureDefs } from '../model/features';
import { referenceProfile } from '../model/profile';
import { seededRandom } from '../model/random';
import { datasetDrift } from './dataset-drift';

const defs = featureDefs(activeSpec);
const encoder = new FeatureEncoder(activeSpec, defs);
const airports = activeSpec.features.find((f) => f.kind === 'category')!;

function rows(n: number, seed: number, month: string, airportsUsed: number) {
  const random = seededRandom(seed);
  const values = airports.kind === 'category' ? airports.values.slice(0, airportsUsed) : [];
  return Array.from({ length: n }, () => {
    const origin = values[Math.floor(random() * values.length)]!;
    const destination = values.find((v) => v !== origin)!;
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const hour = String(Math.floor(random() * 24)).padStart(2, '0');
    return {
      date: `2001-${month}-${day} ${hour}:15`,
      origin,
      destination,
      distance: 100 + Math.floor(random() * 2000),
    };
  });
}

describe('dataset drift', () => {
  const training = encoder.encodeObjects(rows(20_000, 1, '02', 20));
  const predictions = Float64Array.from({ length: 20_000 }, (_, i) => (i % 40) - 10);
  const profile = referenceProfile(defs, training, predictions, predictions);

  it('serving rows like the training rows drift in no feature except the calendar month', () => {
    const serving = encoder.encodeObjects(rows(5000, 2, '02', 20));
    const result = datasetDrift(
      profile,
      defs,
      serving,
      Float64Array.from({ length: 5000 }, (_, i) => (i % 40) - 10),
    );
    expect(result.measures.map((m) => m.feature)).toEqual([...defs.map((d) => d.name), 'prediction']);
    expect(result.measures.filter((m) => m.drifted).map((m) => m.feature)).toEqual([]);
    expect(result.driftShare).toBe(0);
    expect(result.datasetDrifted).toBe(false);
    expect(result.predictionDrifted).toBe(false);
  });

  it('another month, other airports and shifted predictions drift, and the data set with them', () => {
    const serving = encoder.encodeObjects(rows(5000, 3, '06', 5));
    const result = datasetDrift(
      profile,
      defs,
      serving,
      Float64Array.from({ length: 5000 }, (_, i) => (i % 40) + 30),
    );
    const drifted = result.measures.filter((m) => m.drifted).map((m) => m.feature);
    expect(drifted).toEqual(expect.arrayContaining(['origin', 'date_month', 'prediction']));
    expect(result.driftShare).toBe(
      result.measures.filter((m) => m.target === 'feature' && m.drifted).length / defs.length,
    );
    expect(result.predictionDrifted).toBe(true);
    expect(result.measures.find((m) => m.feature === 'origin')!.method).toBe('jensenshannon');
  });
});
