import fs from 'node:fs';
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { type DatasetSpec, fileColumns, formatDateTime, parseDateTime } from '../../core/feature-spec';

export interface PreparedDataset {
  /** Every row, with identifier and label. */
  canonical: string;
  /** The rows of the spec's training window, with labels. */
  training: string;
  /** The rows after the training window: what the demo feeds to raw-data, labels removed on split. */
  serving: string;
  rows: number;
  trainingRows: number;
  servingRows: number;
}

export function preparedPaths(datasetsDir: string, spec: DatasetSpec) {
  return {
    canonical: path.join(datasetsDir, `${spec.id}.csv`),
    training: path.join(datasetsDir, `${spec.id}-train.csv`),
    serving: path.join(datasetsDir, `${spec.id}-serving.csv`),
  };
}

/** The source file inside its npm package (found on the module paths: the package exports no files). */
export function sourceFile(spec: DatasetSpec): string {
  const { npmPackage, file } = spec.source;
  for (const base of require.resolve.paths(npmPackage) ?? []) {
    const candidate = path.join(base, npmPackage, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${file} not found in the npm package ${npmPackage}: run npm install`);
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDateTime(value.getTime());
  const text = typeof value === 'bigint' ? value.toString() : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Reads the spec's parquet source row group by row group and writes the canonical CSV (every row,
 * numbered by `flight_id`), the training slice and the serving slice. Streams: memory stays at one group.
 */
export async function prepareDataset(
  spec: DatasetSpec,
  datasetsDir: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<PreparedDataset> {
  fs.mkdirSync(datasetsDir, { recursive: true });
  const file = await asyncBufferFromFile(sourceFile(spec));
  const metadata = await parquetMetadataAsync(file);
  const total = Number(metadata.num_rows);
  const sourceColumns = [...spec.features.map((f) => f.name), spec.label.name];
  const header = fileColumns(spec, { withLabel: true });
  const trainEnd = parseDateTime(spec.windows.train.to);
  const trainStart = parseDateTime(spec.windows.train.from);
  const timeIndex = sourceColumns.indexOf(spec.timeColumn);

  const paths = preparedPaths(datasetsDir, spec);
  const outputs = {
    canonical: fs.openSync(`${paths.canonical}.tmp`, 'w'),
    training: fs.openSync(`${paths.training}.tmp`, 'w'),
    serving: fs.openSync(`${paths.serving}.tmp`, 'w'),
  };
  for (const fd of Object.values(outputs)) fs.writeSync(fd, `${header.join(',')}\n`);

  let rowStart = 0;
  let trainingRows = 0;
  let servingRows = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await new Promise<unknown[][]>((resolve, reject) => {
      parquetRead({ file, metadata, compressors, columns: sourceColumns, rowStart, rowEnd, onComplete: resolve }).catch(
        reject,
      );
    });
    const chunks = { canonical: [] as string[], training: [] as string[], serving: [] as string[] };
    rows.forEach((row, i) => {
      const line = `${rowStart + i + 1},${row.map(csvField).join(',')}`;
      chunks.canonical.push(line);
      const time = (row[timeIndex] as Date).getTime();
      if (time >= trainStart && time < trainEnd) {
        chunks.training.push(line);
        trainingRows++;
      } else if (time >= trainEnd) {
        chunks.serving.push(line);
        servingRows++;
      }
    });
    for (const key of ['canonical', 'training', 'serving'] as const) {
      if (chunks[key].length > 0) fs.writeSync(outputs[key], `${chunks[key].join('\n')}\n`);
    }
    rowStart = rowEnd;
    onProgress(rowStart, total);
  }
  for (const [key, fd] of Object.entries(outputs)) {
    fs.closeSync(fd);
    const target = paths[key as keyof typeof paths];
    fs.renameSync(`${target}.tmp`, target);
  }
  return { ...paths, rows: total, trainingRows, servingRows };
}
