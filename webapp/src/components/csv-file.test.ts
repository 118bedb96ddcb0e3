import Papa from 'papaparse';
import { neutraliseFormula, toCsv } from './csv-file';

describe('CSV downloads', () => {
  it('prefixes text cells a spreadsheet would run as a formula with an apostrophe', () => {
    expect(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+SUM(A1)",
      "'-2+3",
      "'@cmd",
      "'\tx",
      "'\rx",
    ]);
  });

  it('keeps plain text and numbers, negative ones included, as they are', () => {
    expect(['ATL', '2001-04-01 07:15', 'a=b', -12.5, 0, null, undefined].map(neutraliseFormula)).toEqual([
      'ATL',
      '2001-04-01 07:15',
      'a=b',
      -12.5,
      0,
      '',
      '',
    ]);
  });

  it('writes a file that reads back to the same cells, quoting where CSV needs it', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        ['x, "y"', '=HYPERLINK("http://evil")'],
        [1, -2],
      ],
    );
    expect(Papa.parse(text, { header: false }).data).toEqual([
      ['a', 'b'],
      ['x, "y"', '\'=HYPERLINK("http://evil")'],
      ['1', '-2'],
    ]);
  });
});
