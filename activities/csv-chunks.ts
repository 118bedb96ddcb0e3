import fs from 'node:fs';
import Papa from 'papaparse';

export class CsvColumnError extends Error {
  override name = 'CsvColumnError';
}

/**
 * Streams a CSV file and hands its rows to `take` in chunks, with the header (by name) alongside:
 * memory holds one chunk, never the file. `take` may throw to stop reading.
 */
export function readCsvChunks(
  file: string,
  take: (rows: string[][], column: (name: string) => number) => void,
): Promise<void> {
  let header: string[] | undefined;
  const column = (name: string) => {
    const at = header!.indexOf(name);
    if (at < 0)
      throw new CsvColumnError(`${file} has no column ${name} (its columns: ${header!.join(', ')})`);
    return at;
  };
  return new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(fs.createReadStream(file), {
      skipEmptyLines: true,
      chunk: (result, parser) => {
        try {
          const rows = result.data;
          if (!header) header = rows.shift();
          if (header && rows.length > 0) take(rows, column);
        } catch (error) {
          // Before abort(): aborting completes the parse at once, which would resolve first.
          reject(error as Error);
          parser.abort();
        }
      },
      complete: () => resolve(),
      error: (error) => reject(error),
    });
  });
}

/** One CSV field, quoted only when it has to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
