import { AIRPORTS } from './airports';
import type { DatasetSpec } from './types';

const airportCodes = Object.keys(AIRPORTS);

/** US domestic flights, January to June 2001 (vega-datasets' flights-3m): predict the departure delay. */
export const flightsSpec: DatasetSpec = {
  id: 'flights',
  title: 'US domestic flight delays',
  description: 'Predicts how many minutes late a flight departs, from what is known before departure.',
  idColumn: {
    name: 'flight_id',
    label: 'Flight id',
    description: 'Row identifier carried through ingestion and prediction; not a model input.',
  },
  features: [
    {
      kind: 'datetime',
      name: 'date',
      label: 'Departure time',
      description: 'Scheduled local departure time.',
      required: true,
      min: '2000-01-01 00:00',
      max: '2030-12-31 23:59',
    },
    {
      kind: 'category',
      name: 'origin',
      label: 'Origin airport',
      description: 'IATA code of the departure airport.',
      required: true,
      values: airportCodes,
      valueLabels: AIRPORTS,
    },
    {
      kind: 'category',
      name: 'destination',
      label: 'Destination airport',
      description: 'IATA code of the arrival airport.',
      required: true,
      values: airportCodes,
      valueLabels: AIRPORTS,
    },
    {
      kind: 'number',
      name: 'distance',
      label: 'Distance',
      description: 'Great-circle distance between the airports.',
      required: true,
      integer: true,
      min: 10,
      max: 5100,
      unit: 'miles',
    },
  ],
  label: {
    kind: 'number',
    name: 'delay',
    label: 'Departure delay',
    description: 'Minutes late (negative: early).',
    required: true,
    integer: true,
    min: -1440,
    max: 2880,
    unit: 'minutes',
  },
  timeColumn: 'date',
  rowRules: [
    {
      kind: 'columns-differ',
      columns: ['origin', 'destination'],
      message: 'origin and destination must be different airports',
    },
  ],
  source: { npmPackage: 'vega-datasets', file: 'data/flights-3m.parquet' },
  exampleRow: {
    flight_id: 1477912,
    date: '2001-04-01 07:15',
    origin: 'ATL',
    destination: 'FLL',
    distance: 581,
  },
  windows: {
    train: { from: '2001-01-01 00:00', to: '2001-04-01 00:00' },
    validate: { from: '2001-04-01 00:00', to: '2001-05-01 00:00' },
  },
};
