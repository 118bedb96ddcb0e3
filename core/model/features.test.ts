import { activeSpec, type DatasetSpec } from '../feature-spec';
import { FeatureEncoder, featureDefs } from './features';

const spec: DatasetSpec = {
  ...activeSpec,
  id: 'toy',
  features: [
    {
      kind: 'datetime',
      name: 'when',
      label: 'When',
      description: '',
      required: true,
      min: '2000-01-01 00:00',
      max: '2030-12-31 23:59',
    },
    {
      kind: 'category',
      name: 'color',
      label: 'Color',
      description: '',
      required: true,
      values: ['red', 'green'],
    },
    {
      kind: 'number',
      name: 'size',
      label: 'Size',
      description: '',
      required: false,
      integer: false,
      min: 0,
      max: 10,
    },
  ],
  timeColumn: 'when',
  rowRules: [],
};

describe('features from the feature spec', () => {
  it('turn every spec column into features, a datetime into one per calendar part', () => {
    const defs = featureDefs(spec, ['hour', 'weekday']);
    expect(defs.map((d) => [d.name, d.kind, d.column])).toEqual([
      ['when_hour', 'numeric', 'when'],
      ['when_weekday', 'categorical', 'when'],
      ['color', 'categorical', 'color'],
      ['size', 'numeric', 'size'],
    ]);
    expect(defs[2]!.categories).toEqual(['red', 'green']);
  });

  it('encode JSON rows and CSV text alike, with NaN for missing or unknown values', () => {
    const encoder = new FeatureEncoder(spec, featureDefs(spec, ['hour', 'weekday']));
    const fromObjects = encoder.encodeObjects([
      { when: '2001-04-01 07:15', color: 'green', size: 2.5 },
      { when: '2001-04-02 23:00', color: 'blue' },
    ]);
    const fromCells = encoder.encodeCells(
      [
        ['2.5', 'green', '2001-04-01 07:15'],
        ['', 'blue', '2001-04-02 23:00'],
      ],
      ['size', 'color', 'when'],
    );
    for (const matrix of [fromObjects, fromCells]) {
      expect(matrix.columns.map((c) => c[0])).toEqual([7, 0, 1, 2.5]);
      expect(matrix.columns.map((c) => c[1])).toEqual([23, 1, NaN, NaN]);
    }
  });

  it('derive the flights features from the active spec alone', () => {
    const names = featureDefs(activeSpec).map((d) => d.name);
    expect(names).toEqual([
      'date_hour',
      'date_minute_of_day',
      'date_weekday',
      'date_month',
      'origin',
      'destination',
      'distance',
    ]);
  });
});
