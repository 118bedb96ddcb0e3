import { csvCell, csvLine } from './csv-cell';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises the formula %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves numbers, dates and plain text as they are, quoting only what must be', () => {
    expect(csvLine([-12.5, 0, 'ATL', 'a,b', 'say "hi"', null, undefined, new Date(0)])).toBe(
      '-12.5,0,ATL,"a,b","say ""hi""",,,1970-01-01T00:00:00.000Z',
    );
  });
});
