import { formatDateTime, parseDateTime } from '../feature-spec';
import { SeededRandom } from '../../cli/data/random';
import { isInteger, parseDecimal, readDecimal } from './parse-values';
import { compileStrftime, strftimeColumnReader } from './strftime';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');
const decimal = (text: string) => parseDecimal(bytesOf(text), 0, bytesOf(text).length);
const integer = (text: string) => isInteger(bytesOf(text), 0, bytesOf(text).length);

describe('reading cells', () => {
  it('reads plain decimals as Number does, and nothing else', () => {
    for (const text of [
      '0',
      '581',
      '-12',
      '+7',
      '3.25',
      '-0.5',
      '.5',
      '5.',
      '1e3',
      '2E-2',
      '12345678901234567890',
    ]) {
      expect(decimal(text)).toBe(Number(text));
    }
    for (const text of [
      '',
      '-',
      ' 12',
      '12 ',
      '0x1A',
      'Infinity',
      'NaN',
      '1,000',
      '12 miles',
      'far',
      '1e',
      '--1',
    ]) {
      expect(decimal(text)).toBeNaN();
    }
  });

  it('knows integer literals from fractions and text', () => {
    expect(['581', '-3', '+4', '007'].map(integer)).toEqual([true, true, true, true]);
    expect(['581.3', '5e2', '', '-', '12a', ' 1'].map(integer)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('reads a number and whether it is an integer literal in one go, as the two readers say apart', () => {
    const cells = [
      '581',
      '-3',
      '+4',
      '007',
      '12345678901234567890',
      '581.3',
      '5e2',
      '',
      '-',
      '12a',
      ' 1',
      'far',
    ];
    const values = new Float64Array(cells.length).fill(7);
    const flags = new Uint8Array(cells.length).fill(7);
    cells.forEach((text, at) => readDecimal(bytesOf(text), 0, bytesOf(text).length, values, flags, at));
    expect([...values]).toEqual(cells.map(decimal));
    expect([...flags]).toEqual(cells.map((text) => (integer(text) ? 1 : 0)));
  });

  it('reads %Y-%m-%d %H:%M exactly as the feature spec does, minus its "T" variant', () => {
    const read = compileStrftime('%Y-%m-%d %H:%M');
    const rng = new SeededRandom(3);
    const samples = [
      '2001-04-31 10:20',
      '2001-02-29 00:00',
      '2000-02-29 23:59',
      '2001-04-03 24:00',
      '2001-4-3 10:20',
    ];
    for (let i = 0; i < 2000; i++) samples.push(formatDateTime(rng.int(0, 2_000_000_000) * 1000 * 60 * 10));
    for (let i = 0; i < 200; i++) {
      samples.push(
        `${rng.int(1990, 2040)}-${String(rng.int(0, 13)).padStart(2, '0')}-${String(rng.int(0, 32)).padStart(2, '0')} ${String(rng.int(0, 25)).padStart(2, '0')}:${String(rng.int(0, 60)).padStart(2, '0')}`,
      );
    }
    for (const text of samples)
      expect([text, read(bytesOf(text), 0, 16)]).toEqual([text, parseDateTime(text)]);
    expect(read(bytesOf('2001-04-03T10:20'), 0, 16)).toBeNaN();

    // The whole-column reader, which stores each value, reads exactly the same (mismatches too),
    // and leaves decoded cells (negative starts) to its callback.
    const readColumn = strftimeColumnReader('%Y-%m-%d %H:%M');
    const cells = [...samples, '2001-04-03T10:20', '0001-01-01 00:00', '2001-04-03 10:2', ''];
    const bytes = Buffer.from(cells.join(''));
    const starts = new Int32Array(cells.length + 1);
    const ends = new Int32Array(cells.length + 1);
    cells.reduce((at, text, row) => {
      [starts[row], ends[row]] = [at, at + text.length];
      return at + text.length;
    }, 0);
    starts[cells.length] = -1;
    const stored = new Float64Array(cells.length + 1).fill(7);
    const decoded: number[] = [];
    readColumn(bytes, starts, ends, stored, (row) => decoded.push(row));
    expect([...stored]).toEqual([...cells.map((text) => read(bytesOf(text), 0, bytesOf(text).length)), 7]);
    expect(decoded).toEqual([cells.length]);
  });

  it('compiles other strftime formats, seconds and %% included, and refuses what it cannot honour', () => {
    const read = compileStrftime('%d/%m/%Y %H:%M:%S %%');
    const text = '03/04/2001 10:20:30 %';
    expect(read(bytesOf(text), 0, text.length)).toBe(Date.UTC(2001, 3, 3, 10, 20, 30));
    expect(() => compileStrftime('%Y-%j')).toThrow(/unsupported/);
    expect(() => compileStrftime('%Y %Y')).toThrow(/repeated/);
  });
});
