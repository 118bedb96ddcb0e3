import crypto from 'node:crypto';
import { flightsSpec } from './flights';
import type { DatasetSpec } from './types';

export * from './types';
export * from './datetime';
export * from './row-schema';
export * from './csv-record';

/** The data set this deployment runs. Another data set means another spec module here, and a model trained on it. */
export const activeSpec: DatasetSpec = flightsSpec;

/** Columns of a file meant for inference (identifier first, then features); with the label for training data. */
export function fileColumns(spec: DatasetSpec, { withLabel }: { withLabel: boolean }): string[] {
  return [
    ...(spec.idColumn ? [spec.idColumn.name] : []),
    ...spec.features.map((f) => f.name),
    ...(withLabel ? [spec.label.name] : []),
  ];
}

/** Identifies the exact feature definitions a model was trained on (names, kinds, values, ranges). */
export function featureHash(spec: DatasetSpec): string {
  const canonical = JSON.stringify(
    spec.features.map((f) => ({ ...f, label: undefined, description: undefined, valueLabels: undefined })),
  );
  return crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

export function featureByName(spec: DatasetSpec, name: string) {
  return spec.features.find((f) => f.name === name);
}
