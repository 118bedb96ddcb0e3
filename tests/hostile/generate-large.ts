import fs from 'node:fs';
import path from 'node:path';
import { writeSyntheticCsv } from '../../bench/support/synthetic-flights';
import { activeSpec, fileColumns } from '../../core/feature-spec';

/**
 * The hostile files too big to keep in the repository, written into a temp folder when a test or
 * benchmark needs them. Each returns the file's path.
 */

const HEADER = fileColumns(activeSpec, { withLabel: false }).join(',');
const VALID_ROW = '1001,2001-04-01 07:15,ATL,ORD,606';

/** About `megabytes` of flights rows (38 bytes each), 1% of them with realistic errors. */
export function largeFile(dir: string, megabytes: number): string {
  const file = path.join(dir, `large-${megabytes}mb.csv`);
  writeSyntheticCsv(file, activeSpec, Math.round((megabytes * 1e6) / 38), 0.01);
  return file;
}

/** A valid row, then one line of `megabytes` (a flight id that never ends), then another valid row. */
export function longLineFile(dir: string, megabytes: number): string {
  const file = path.join(dir, `line-${megabytes}mb.csv`);
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, `${HEADER}\n${VALID_ROW}\n`);
  const block = '7'.repeat(1 << 20);
  for (let i = 0; i < megabytes; i++) fs.writeSync(out, block);
  fs.writeSync(out, `,2001-04-01 08:30,ORD,LGA,733\n1003,2001-04-01 09:45,LAX,SFO,337\n`);
  fs.closeSync(out);
  return file;
}

/** `columns` columns: the spec's, then extra ones, with three rows that fill them all. */
export function wideFile(dir: string, columns: number): string {
  const file = path.join(dir, `wide-${columns}.csv`);
  const extra = Array.from({ length: columns - 5 }, (_, i) => `extra_${i}`);
  const row = (id: number) => [`${id},2001-04-01 07:15,ATL,ORD,606`, ...extra.map((_, i) => i)].join(',');
  fs.writeFileSync(file, [[HEADER, ...extra].join(','), row(1), row(2), row(3)].join('\n') + '\n');
  return file;
}
