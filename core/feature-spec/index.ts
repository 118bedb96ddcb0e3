import { flightsSpec } from './flights';
import type { DatasetSpec } from './types';

export * from './types';
export * from './datetime';
export * from './row-schema';
export * from './csv-record';
export * from './validate-rows';

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

/** Identifies the exact feature definitions a model was trained on (names, kinds, values, ranges). Not a security hash. */
export function featureHash(spec: DatasetSpec): string {
  const canonical = JSON.stringify(
    spec.features.map((f) => ({ ...f, label: undefined, description: undefined, valueLabels: undefined })),
  );
  return fnv1a64(canonical).slice(0, 12);
}

/** FNV-1a, 64 bits, as hex: a stable fingerprint that needs no Node built-in, so the spec also runs in the browser. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

export function featureByName(spec: DatasetSpec, name: string) {
  return spec.features.find((f) => f.name === name);
}
