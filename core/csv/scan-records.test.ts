import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { SeededRandom } from '../../cli/data/random';
import { useTempDir } from '../../tests/support/temp-dir';
import { readRecords } from './read-records';
import { scanRecords } from './scan-records';

const tempDir = useTempDir('scan');

async function parse(text: string | Buffer, chunkBytes?: number) {
  const file = path.join(tempDir(), 'input.csv');
  fs.writeFileSync(file, text);
  return readRecords(file, chunkBytes ? { chunkBytes } : {});
}

const fieldsOf = async (text: string, chunkBytes?: number) =>
  (await parse(text, chunkBytes)).records.map((r) => r.fields);

describe('the CSV grammar', () => {
  it('reads LF and CRLF lines, skips blank lines, and needs no final newline', async () => {
    expect(await fieldsOf('a,b\n1,2\r\n\n\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reads quoted fields holding commas, newlines, CRs and doubled quotes', async () => {
    const text = 'a,b\n"x, y","line1\nline2"\n"say ""hi""","\r"\n"",plain\n';
    expect(await fieldsOf(text)).toEqual([
      ['a', 'b'],
      ['x, y', 'line1\nline2'],
      ['say "hi"', '\r'],
      ['', 'plain'],
    ]);
  });

  it('keeps empty fields, including a trailing one', async () => {
    expect(await fieldsOf('a,b,c\n1,,\n,,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
      ['', '', '3'],
    ]);
  });

  it('keeps text after a closing quote and flags the record as malformed', async () => {
    const { records } = await parse('a,b\n"12"x,2\n3,4\n');
    expect(records[1]).toEqual({ fields: ['12x', '2'], malformed: true });
    expect(records[2]!.malformed).toBe(false);
  });

  it('reports a quote that never closes instead of reading the rest of the file as one field', async () => {
    const { outcome } = await parse('a,b\n1,"2\n3,4\n5,6\n');
    expect(outcome.problem).toMatchObject({ kind: 'unterminated_quote', byteOffset: 6 });
  });

  it('strips a UTF-8 byte-order mark and decodes UTF-8 cells, whatever the chunk size', async () => {
    for (const chunk of [1, 2, 4, undefined]) {
      expect(await fieldsOf('\uFEFFname,city\nZoë,Zürich\n', chunk)).toEqual([
        ['name', 'city'],
        ['Zoë', 'Zürich'],
      ]);
    }
  });

  it('reads the same records whatever the chunk size, including quotes and CRLF cut by a chunk end', async () => {
    const text = 'id,"note"\r\n1,"a ""quoted"", multi\r\nline"\r\n2,é€😀\r\n\r\n3,"x"\r\n';
    const whole = await fieldsOf(text);
    for (const chunk of [1, 2, 3, 5, 7, 11]) expect(await fieldsOf(text, chunk)).toEqual(whole);
  });

  it('agrees with papaparse on random hostile tables, at random chunk sizes', async () => {
    const rng = new SeededRandom(11);
    const pieces = ['a', 'Z', '1', ',', '"', '\n', '\r\n', ' ', 'é', '😀', ''];
    for (let round = 0; round < 40; round++) {
      const width = rng.int(1, 5);
      const rows = Array.from({ length: rng.int(1, 30) }, () =>
        Array.from({ length: width }, () =>
          Array.from({ length: rng.int(0, 6) }, () => rng.pick(pieces)).join(''),
        ),
      );
      // A row of one empty field would be a blank line, which is not a record.
      const table = rows.filter((r) => !(width === 1 && r[0] === ''));
      const text = Papa.unparse(table, { newline: rng.pick(['\n', '\r\n']), quotes: rng.next() < 0.3 });
      const expected = Papa.parse<string[]>(text, { skipEmptyLines: false }).data;
      expect(expected).toEqual(table);
      expect(await fieldsOf(text, rng.int(1, 64))).toEqual(table);
    }
  });

  it('finds the same record boundaries when only boundaries are asked for, quotes or not', () => {
    const rng = new SeededRandom(5);
    const pieces = ['a', 'bc', ',', ',', '\n', '\r\n', '\r', ' ', '"x"', 'é'];
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: rng.int(0, 40) }, () => rng.pick(pieces)).join('');
      const bytes = Buffer.from(text);
      const bounds = (wantsFields: boolean, final: boolean) => {
        const found: [number, number][] = [];
        const outcome = scanRecords(bytes, 0, final, {
          wantsFields,
          record: (_f, _c, start, end) => found.push([start, end]),
        });
        return { found, consumed: outcome.consumed };
      };
      for (const final of [true, false])
        expect([text, bounds(false, final)]).toEqual([text, bounds(true, final)]);
    }
  });
});

describe('reading files that are not CSV text', () => {
  it('stops at a NUL byte: the file is binary', async () => {
    const { outcome } = await parse(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0xff, 0x10]));
    expect(outcome.problem?.kind).toBe('binary');
  });

  it('stops at bytes that are not UTF-8', async () => {
    const { outcome } = await parse(
      Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]),
    );
    expect(outcome.problem?.kind).toBe('encoding');
  });

  it('accepts a multi-byte character cut in two by a chunk end', async () => {
    const text = 'a\n€€€€\n';
    for (const chunk of [1, 2, 3, 4]) expect((await parse(text, chunk)).outcome.problem).toBeUndefined();
  });

  it('stops at a record longer than the limit (a runaway quote) with the memory it used bounded', async () => {
    const file = path.join(tempDir(), 'runaway.csv');
    fs.writeFileSync(file, `a,b\n1,"${'x'.repeat(5000)}`);
    const { outcome } = await readRecords(file, { chunkBytes: 256, maxRecordBytes: 1024 });
    expect(outcome.problem?.kind).toBe('record_too_long');
  });

  it('hashes the whole file, chunk by chunk', async () => {
    const text = 'a,b\n1,2\n3,4\n';
    const { outcome } = await parse(text, 3);
    expect(outcome).toEqual({
      bytes: text.length,
      sha256: crypto.createHash('sha256').update(text).digest('hex'),
    });
  });
});
