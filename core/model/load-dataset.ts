import fs from 'node:fs';
import Papa from 'papaparse';
import { type DatasetSpec, parseDateTime } from '../feature-spec';
import type { FeatureEncoder, FeatureMatrix } from './features';

/** A half-open time window [from, to) in epoch ms (naive date-times, see core/feature-spec/datetime.ts). */
export interface TimeWindow {
  from: number;
  to: number;
}

export interface LabelledRows {
  features: FeatureMatrix;
  labels: Float64Array;
}

export interface LoadedWindows<K extends string> {
  windows: Record<K, LabelledRows>;
  /** Rows in a window but without a readable label: left out and counted. */
  unlabelled: number;
  rowsRead: number;
}

export function concatRows(parts: readonly LabelledRows[], featureCount: number): LabelledRows {
  const length = parts.reduce((n, p) => n + p.labels.length, 0);
  const labels = new Float64Array(length);
  const columns = Array.from({ length: featureCount }, () => new Float64Array(length));
  let offset = 0;
  for (const part of parts) {
    labels.set(part.labels, offset);
    part.features.columns.forEach((column, f) => columns[f]!.set(column, offset));
    offset += part.labels.length;
  }
  return { features: { length, columns }, labels };
}

/**
 * Streams a labelled CSV once and keeps the rows of each named time window (by the spec's time
 * column), already encoded as features: one pass serves training and validation, and memory holds
 * typed columns, never the text.
 */
export async function loadWindows<K extends string>(
  file: string,
  spec: DatasetSpec,
  encoder: FeatureEncoder,
  windows: Record<K, TimeWindow>,
  onProgress: (rowsRead: number) => void = () => undefined,
): Promise<LoadedWindows<K>> {
  const names = Object.keys(windows) as K[];
  const parts = Object.fromEntries(names.map((k) => [k, [] as LabelledRows[]])) as Record<K, LabelledRows[]>;
  let header: string[] | undefined;
  let unlabelled = 0;
  let rowsRead = 0;

  const takeChunk = (rows: string[][]) => {
    if (!header) header = rows.shift();
    if (!header) return;
    const timeAt = header.indexOf(spec.timeColumn);
    const labelAt = header.indexOf(spec.label.name);
    if (timeAt < 0 || labelAt < 0) {
      throw new Error(`${file} needs the columns ${spec.timeColumn} and ${spec.label.name}`);
    }
    rowsRead += rows.length;
    const picked = Object.fromEntries(names.map((k) => [k, [] as string[][]])) as Record<K, string[][]>;
    for (const row of rows) {
      const time = parseDateTime(row[timeAt] ?? '');
      const name = names.find((k) => time >= windows[k].from && time < windows[k].to);
      if (name === undefined) continue;
      if (row[labelAt] === '' || !Number.isFinite(Number(row[labelAt]))) unlabelled++;
      else picked[name].push(row);
    }
    for (const name of names) {
      const chosen = picked[name];
      if (chosen.length === 0) continue;
      const labels = Float64Array.from(chosen, (row) => Number(row[labelAt]));
      parts[name].push({ features: encoder.encodeCells(chosen, header), labels });
    }
    onProgress(rowsRead);
  };

  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(fs.createReadStream(file), {
      skipEmptyLines: true,
      chunk: (result, parser) => {
        try {
          takeChunk(result.data);
        } catch (error) {
          // Before abort(): aborting completes the parse at once, and `complete` would resolve first.
          reject(error as Error);
          parser.abort();
        }
      },
      complete: () => resolve(),
      error: (error) => reject(error),
    });
  });
  const loaded = Object.fromEntries(
    names.map((k) => [k, concatRows(parts[k], encoder.defs.length)]),
  ) as Record<K, LabelledRows>;
  return { windows: loaded, unlabelled, rowsRead };
}
