import fs from 'node:fs';
import path from 'node:path';
import { type DatasetSpec, fileColumns, formatDateTime, parseDateTime } from '../core/feature-spec';
import { CsvColumnError, csvField, readCsvChunks } from './csv-chunks';
import type { TrainingSlice } from './retraining-params';

const DAY_MS = 86_400_000;

/** A slice that cannot be built whatever the retries: no id column, no labels file, a missing column. */
export class SliceError extends Error {
  override name = 'SliceError';
}

export interface SliceOptions {
  spec: DatasetSpec;
  goodDir: string;
  /** A labelled CSV with the id column and the label (`contrail data prepare` writes one). */
  labelsFile: string;
  windowDays: number;
  holdoutDays: number;
  outFile: string;
}

/** The good files in name order, with the latest row time each holds (one streaming pass). */
async function latestTimes(spec: DatasetSpec, files: string[]): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  for (const file of files) {
    let max = -Infinity;
    await readCsvChunks(file, (rows, column) => {
      const at = column(spec.timeColumn);
      for (const row of rows) {
        const time = parseDateTime(row[at] ?? '');
        if (time > max) max = time;
      }
    });
    latest.set(file, max);
  }
  return latest;
}

/**
 * Builds the training slice: the last `windowDays` whole days of good data (ending with the day of
 * the latest row), its later `holdoutDays` the holdout. Serving files carry no label, so each row's
 * label is joined by id from the labels file; rows without one are counted and left out. Writes a
 * labelled CSV of the slice through a temporary name. Undefined when good-data holds no rows.
 */
export async function buildTrainingSlice(options: SliceOptions): Promise<TrainingSlice | undefined> {
  const { spec } = options;
  const id = spec.idColumn?.name;
  if (!id) throw new SliceError(`the ${spec.id} spec has no id column: labels cannot be joined to good data`);
  if (!fs.existsSync(options.labelsFile))
    throw new SliceError(`no labels at ${options.labelsFile}: run \`npx contrail data prepare\` first`);
  const files = fs.existsSync(options.goodDir)
    ? fs
        .readdirSync(options.goodDir)
        .filter((n) => n.endsWith('.csv'))
        .sort()
        .map((n) => path.join(options.goodDir, n))
    : [];
  const latest = await latestTimes(spec, files);
  const last = Math.max(-Infinity, ...latest.values());
  if (!Number.isFinite(last)) return undefined;

  const end = Math.floor(last / DAY_MS) * DAY_MS + DAY_MS;
  const from = end - options.windowDays * DAY_MS;
  const holdoutFrom = end - options.holdoutDays * DAY_MS;
  const columns = fileColumns(spec, { withLabel: false });
  const inWindow = new Map<string, { line: string; holdout: boolean }>();
  for (const file of files) {
    if (latest.get(file)! < from) continue;
    await readCsvChunks(file, (rows, column) => {
      const at = columns.map(column);
      const timeAt = column(spec.timeColumn);
      for (const row of rows) {
        const time = parseDateTime(row[timeAt] ?? '');
        if (!(time >= from && time < end)) continue;
        const line = at.map((i) => csvField(row[i] ?? '')).join(',');
        inWindow.set(row[at[0]!]!, { line, holdout: time >= holdoutFrom });
      }
    });
  }

  const temporary = `${options.outFile}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(options.outFile), { recursive: true });
  const out = fs.openSync(temporary, 'w');
  let trainRows = 0;
  let holdoutRows = 0;
  try {
    fs.writeSync(out, `${fileColumns(spec, { withLabel: true }).join(',')}\n`);
    await readCsvChunks(options.labelsFile, (rows, column) => {
      const idAt = column(id);
      const labelAt = column(spec.label.name);
      let text = '';
      for (const row of rows) {
        const found = inWindow.get(row[idAt] ?? '');
        const label = row[labelAt] ?? '';
        if (!found || label === '' || !Number.isFinite(Number(label))) continue;
        inWindow.delete(row[idAt]!);
        text += `${found.line},${label}\n`;
        if (found.holdout) holdoutRows++;
        else trainRows++;
      }
      if (text) fs.writeSync(out, text);
    });
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error instanceof CsvColumnError ? new SliceError(error.message) : error;
  } finally {
    fs.closeSync(out);
  }
  fs.renameSync(temporary, options.outFile);
  return {
    dataFile: options.outFile,
    trainWindow: { from: formatDateTime(from), to: formatDateTime(holdoutFrom) },
    holdoutWindow: { from: formatDateTime(holdoutFrom), to: formatDateTime(end) },
    trainRows,
    holdoutRows,
    unlabelledRows: inWindow.size,
    goodFiles: files.length,
  };
}
