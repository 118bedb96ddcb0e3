import fs from 'node:fs';
import path from 'node:path';
import { largeFile, longLineFile, wideFile } from './generate-large';

/**
 * The hostile file corpus: every broken, strange or malicious input the ingestion DAG must survive.
 * Small files live in tests/fixtures/hostile/ (bytes kept exactly: see its .gitattributes); big
 * ones are generated into a temp folder. Each case says what must become of it:
 *   - `quarantined`: the whole file ends in bad-data/ (no good rows), with a reason in words;
 *   - `split`: good rows to good-data/, bad rows to bad-data/ with their reasons, `good` and `bad`
 *     rows exactly (every row accounted for);
 *   - `kept`: every row is usable, so the file goes to good-data/, but the expectation it broke is
 *     failed and recorded (extra columns, even thousands, or an unnamed one: the rows keep every column the spec needs, as
 *     the `extra_column` error type of `contrail data inject-errors` documents).
 */
export type HostileOutcome =
  | { kind: 'quarantined' }
  | { kind: 'split'; good: number; bad: number }
  | { kind: 'kept'; good: number; failedExpectation: string };

export interface HostileCase {
  name: string;
  /** The name the file lands under in raw-data/ (defaults to the fixture's). */
  rawName?: string;
  /** A fixture in tests/fixtures/hostile/, or a generator writing into a temp folder. */
  source: string | ((dir: string) => string);
  outcome: HostileOutcome;
}

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'hostile');

const quarantined: HostileOutcome = { kind: 'quarantined' };
const split = (good: number, bad: number): HostileOutcome => ({ kind: 'split', good, bad });

/** The 200 MB file's size; HOSTILE_LARGE_MB makes it smaller on a slow machine. */
export const LARGE_MB = Number(process.env.HOSTILE_LARGE_MB ?? 200);

export const HOSTILE_CASES: HostileCase[] = [
  { name: 'an empty file', source: 'empty.csv', outcome: quarantined },
  { name: 'a header and no rows', source: 'header-only.csv', outcome: quarantined },
  { name: 'a header without a newline', source: 'header-only-no-newline.csv', outcome: quarantined },
  { name: 'only blank lines', source: 'only-newlines.csv', outcome: quarantined },
  { name: 'only whitespace', source: 'whitespace-only.csv', outcome: quarantined },
  { name: 'only a byte-order mark', source: 'bom-only.csv', outcome: quarantined },
  { name: 'a BOM before the header', source: 'bom-mixed.csv', outcome: split(4, 1) },
  { name: 'CRLF line endings', source: 'crlf-mixed.csv', outcome: split(4, 1) },
  { name: 'CR-only line endings (one endless line)', source: 'cr-only.csv', outcome: quarantined },
  { name: 'a `;` delimiter', source: 'semicolon-delimiter.csv', outcome: quarantined },
  { name: 'a tab delimiter', source: 'tab-delimiter.csv', outcome: quarantined },
  { name: 'an unbalanced quote', source: 'unbalanced-quotes.csv', outcome: quarantined },
  { name: 'quotes inside and after fields', source: 'quote-inside-field.csv', outcome: split(2, 2) },
  {
    name: 'quoted commas and newlines in the header',
    source: 'quoted-newlines-in-header.csv',
    outcome: quarantined,
  },
  { name: 'binary garbage', rawName: 'garbage.csv', source: 'binary-garbage.bin', outcome: quarantined },
  { name: 'invalid UTF-8', source: 'invalid-utf8.csv', outcome: quarantined },
  { name: 'Latin-1 text', source: 'latin1-names.csv', outcome: quarantined },
  { name: 'UTF-16 text', source: 'utf16le.csv', outcome: quarantined },
  { name: 'a NUL byte inside a row', source: 'nul-in-row.csv', outcome: quarantined },
  { name: 'a gzip file named .csv', source: 'gzip-named-csv.csv', outcome: quarantined },
  { name: 'a zip file named .csv', source: 'zip-named-csv.csv', outcome: quarantined },
  { name: 'an HTML error page', source: 'html-page.csv', outcome: quarantined },
  { name: 'a JSON document', source: 'json-document.csv', outcome: quarantined },
  { name: 'no header row', source: 'no-header.csv', outcome: quarantined },
  { name: 'duplicate header names', source: 'duplicate-headers.csv', outcome: quarantined },
  { name: 'header names padded with spaces', source: 'headers-padded.csv', outcome: quarantined },
  { name: 'header names in capitals', source: 'headers-uppercase.csv', outcome: quarantined },
  {
    name: 'a trailing comma on every line',
    source: 'trailing-comma.csv',
    outcome: { kind: 'kept', good: 4, failedExpectation: 'expect_table_columns_to_match_set' },
  },
  { name: 'ragged rows', source: 'ragged-rows.csv', outcome: split(3, 2) },
  { name: 'unicode in cells', source: 'unicode-cells.csv', outcome: split(3, 3) },
  { name: 'formula-injection cells', source: 'formula-injection.csv', outcome: split(5, 2) },
  { name: 'numbers as 1e309 and -1e309', source: 'numbers-overflow.csv', outcome: split(2, 3) },
  { name: 'numbers as NaN and Infinity', source: 'numbers-nan-infinity.csv', outcome: split(2, 5) },
  {
    name: 'numbers in hex, with separators or signs',
    source: 'numbers-other-notations.csv',
    outcome: split(3, 5),
  },
  { name: 'NULL, NA and None as values', source: 'null-words.csv', outcome: split(2, 4) },
  { name: 'cells of 50 kB and 100 kB', source: 'long-cell.csv', outcome: split(2, 2) },
  { name: 'runs of quotes', source: 'many-quotes.csv', outcome: split(4, 1) },
  { name: 'a last row without a newline', source: 'last-row-unterminated.csv', outcome: split(3, 1) },
  {
    name: 'a name with spaces',
    rawName: 'flights april 1 (copy).csv',
    source: 'ragged-rows.csv',
    outcome: split(3, 2),
  },
  {
    name: 'a unicode name',
    rawName: 'vols-été-✈️-東京.csv',
    source: 'ragged-rows.csv',
    outcome: split(3, 2),
  },
  {
    name: 'a name with leading dashes',
    rawName: '--rf --no-preserve-root.csv',
    source: 'ragged-rows.csv',
    outcome: split(3, 2),
  },
  {
    name: 'a name with `..`',
    rawName: 'x..%2F..%2Fetc%2Fpasswd..csv',
    source: 'ragged-rows.csv',
    outcome: split(3, 2),
  },
  {
    name: 'a name with a newline and quotes',
    rawName: 'a\nb"c\'d.csv',
    source: 'ragged-rows.csv',
    outcome: split(3, 2),
  },
  {
    name: 'a name of 255 bytes',
    rawName: `${'n'.repeat(251)}.csv`,
    source: 'ragged-rows.csv',
    outcome: split(3, 2),
  },
  {
    name: 'thousands of columns',
    source: (dir) => wideFile(dir, 5000),
    outcome: { kind: 'kept', good: 3, failedExpectation: 'expect_table_columns_to_match_set' },
  },
  { name: 'a line of 10 MB', source: (dir) => longLineFile(dir, 10), outcome: quarantined },
];

/** The 200 MB file: split, its counts known only after generation (1% of rows carry errors). */
export const LARGE_CASE = {
  name: `a ${LARGE_MB} MB file`,
  source: (dir: string) => largeFile(dir, LARGE_MB),
};

/** Puts a case's file into raw-data under its raw name; returns the bytes it holds. */
export function placeInRawData(testCase: HostileCase, rawData: string, scratch: string): string {
  const from =
    typeof testCase.source === 'string' ? path.join(FIXTURES, testCase.source) : testCase.source(scratch);
  const rawName = testCase.rawName ?? path.basename(from);
  const to = path.join(rawData, rawName);
  fs.copyFileSync(from, to);
  return rawName;
}
