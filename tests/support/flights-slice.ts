import fs from 'node:fs';
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { sourceFile } from '../../cli/data/prepare';
import { type DatasetSpec, fileColumns, formatDateTime } from '../../core/feature-spec';

/**
 * The first `rows` rows of the spec's real data set (for flights: from 2001-01-01 on, in time
 * order), written as a labelled CSV like `contrail data prepare` writes: the same bytes on every
 * machine, small enough for a test.
 */
export async function writeDatasetSlice(spec: DatasetSpec, rows: number, file: string): Promise<string> {
  const buffer = await asyncBufferFromFile(sourceFile(spec));
  const metadata = await parquetMetadataAsync(buffer);
  const columns = [...spec.features.map((f) => f.name), spec.label.name];
  const data = await new Promise<unknown[][]>((resolve, reject) => {
    parquetRead({
      file: buffer,
      metadata,
      compressors,
      columns,
      rowStart: 0,
      rowEnd: rows,
      onComplete: resolve,
    }).catch(reject);
  });
  const cell = (v: unknown) => (v instanceof Date ? formatDateTime(v.getTime()) : String(v));
  const lines = data.map((row, i) => `${i + 1},${row.map(cell).join(',')}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${fileColumns(spec, { withLabel: true }).join(',')}\n${lines.join('\n')}\n`);
  return file;
}
