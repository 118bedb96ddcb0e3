import fs from 'node:fs';
import path from 'node:path';
import { writeCsv } from '../../../cli/data/csv-file';
import { type ErrorType, ROW_ERROR_TYPES } from '../../../cli/data/error-types';
import { injectErrors } from '../../../cli/data/inject-errors';
import { activeSpec, fileColumns, formatDateTime, parseDateTime } from '../../../core/feature-spec';

/** One raw file the suite dropped, with the rows it holds (errors included). */
export interface FedFile {
  name: string;
  rows: number;
  errors: ErrorType[];
}

const START = parseDateTime('2001-04-01 00:00');
const SPAN_MINUTES = 80 * 1440;

/**
 * The steady flow of raw files: each is written and corrupted in a staging folder beside raw-data,
 * then renamed in (as an uploader should), so ingestion never sees half a file. Flight ids are
 * unique across the whole suite, which lets the conservation check find duplicates.
 */
export class RawFeed {
  readonly files: FedFile[] = [];
  private nextId = 1;
  private timer: NodeJS.Timeout | undefined;
  private readonly staging: string;

  constructor(private readonly rawDir: string) {
    this.staging = path.join(path.dirname(rawDir), 'feed-staging');
    fs.mkdirSync(this.staging, { recursive: true });
  }

  /** Drops one file of `rows` clean rows, corrupted with `errors` (a few rows each). */
  drop(rows: number, errors: ErrorType[] = []): FedFile {
    const staged = this.stage(rows, errors);
    staged.release();
    return staged.file;
  }

  /** Writes a file in staging; `release` renames it into raw-data (which needs no free space). */
  stage(rows: number, errors: ErrorType[] = []): { file: FedFile; release(): void } {
    const name = `feed-${String(this.files.length + 1).padStart(4, '0')}.csv`;
    const staged = path.join(this.staging, name);
    const airports = activeSpec.features.find((f) => f.name === 'origin');
    if (airports?.kind !== 'category') throw new Error('the flights spec has an origin category');
    const codes = airports.values;
    writeCsv(staged, {
      header: fileColumns(activeSpec, { withLabel: false }),
      rows: Array.from({ length: rows }, () => {
        const id = this.nextId++;
        return [
          String(id),
          formatDateTime(START + ((id * 7) % SPAN_MINUTES) * 60_000),
          codes[id % 50]!,
          codes[50 + (id % 60)]!,
          String(150 + (id % 3000)),
        ];
      }),
    });
    let count = rows;
    if (errors.length > 0) {
      const manifest = injectErrors(activeSpec, [staged], { seed: this.files.length + 1, types: errors });
      count = manifest.files[0]!.rowCount;
    }
    const fed = { name, rows: count, errors };
    this.files.push(fed);
    return { file: fed, release: () => fs.renameSync(staged, path.join(this.rawDir, name)) };
  }

  /** A file every `everyMs`: one in three carries two kinds of row errors. */
  start(everyMs: number, rows = 1_500): void {
    this.stop();
    this.timer = setInterval(() => {
      const n = this.files.length;
      const errors =
        n % 3 === 0
          ? [ROW_ERROR_TYPES[n % ROW_ERROR_TYPES.length]!, ROW_ERROR_TYPES[(n + 3) % ROW_ERROR_TYPES.length]!]
          : [];
      this.drop(rows, errors);
    }, everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  totalRows(): number {
    return this.files.reduce((sum, f) => sum + f.rows, 0);
  }
}
