import fs from 'node:fs';
import { type DatasetSpec, fileColumns, formatDateTime, parseDateTime } from '../../core/feature-spec';
import { SeededRandom } from '../../cli/data/random';

/**
 * Rows shaped like a raw file of the active spec (id, then each feature within its range), with a
 * share of realistic errors (unknown and mangled codes, text and fractions in numbers, impossible
 * dates, empty cells, duplicated rows), so the benchmarks go through the pass and fail paths of
 * every expectation. Generated row by row: a 200 MB file never sits in memory.
 */
export function* syntheticRows(
  spec: DatasetSpec,
  rows: number,
  errorShare = 0.01,
  seed = 7,
): Generator<string[]> {
  const rng = new SeededRandom(seed);
  const header = fileColumns(spec, { withLabel: false });
  const start = parseDateTime('2001-04-01 00:00');
  let previous: string[] | undefined;
  for (let r = 0; r < rows; r++) {
    let row = header.map((name) => cellFor(spec, name, r, rng, start));
    if (rng.next() < errorShare) {
      row[1 + Math.floor(rng.next() * (header.length - 1))] = rng.pick([
        'XXX',
        'far',
        '2001-04-31 10:20',
        '',
        ' ATL',
        '12.5',
      ]);
    }
    if (previous && rng.next() < errorShare / 4) row = [...previous];
    previous = row;
    yield row;
  }
}

export function syntheticColumns(
  spec: DatasetSpec,
  rows: number,
  errorShare = 0.01,
): { header: string[]; columns: string[][] } {
  const header = fileColumns(spec, { withLabel: false });
  const columns = header.map(() => new Array<string>(rows));
  let r = 0;
  for (const row of syntheticRows(spec, rows, errorShare)) {
    row.forEach((cell, c) => (columns[c]![r] = cell));
    r++;
  }
  return { header, columns };
}

function cellFor(spec: DatasetSpec, name: string, row: number, rng: SeededRandom, start: number): string {
  if (spec.idColumn?.name === name) return String(1_000_000 + row);
  const feature = spec.features.find((f) => f.name === name)!;
  switch (feature.kind) {
    case 'category':
      return feature.values[(row * 7 + (name.length % 3) * 11 + rng.int(0, 3)) % feature.values.length]!;
    case 'number':
      return String(
        feature.integer
          ? rng.int(feature.min, feature.max)
          : feature.min + rng.next() * (feature.max - feature.min),
      );
    case 'datetime':
      return formatDateTime(start + row * 7_000);
  }
}

/** Writes the rows as a CSV file (no quoting needed: synthetic cells hold no commas or quotes). */
export function writeSyntheticCsv(file: string, spec: DatasetSpec, rows: number, errorShare = 0.01): void {
  const out = fs.openSync(file, 'w');
  const lines: string[] = [fileColumns(spec, { withLabel: false }).join(',')];
  const flush = () => {
    fs.writeSync(out, `${lines.join('\n')}\n`);
    lines.length = 0;
  };
  for (const row of syntheticRows(spec, rows, errorShare)) {
    lines.push(row.join(','));
    if (lines.length >= 100_000) flush();
  }
  flush();
  fs.closeSync(out);
}
