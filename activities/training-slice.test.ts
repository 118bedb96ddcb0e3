import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCsv, writeCsv } from '../cli/data/csv-file';
import { activeSpec, fileColumns } from '../core/feature-spec';
import { buildTrainingSlice, SliceError } from './training-slice';

const features = fileColumns(activeSpec, { withLabel: false });
const row = (id: number, date: string) => [String(id), date, 'ATL', 'ORD', '606'];

describe('buildTrainingSlice', () => {
  let dir: string;
  const options = () => ({
    spec: activeSpec,
    goodDir: path.join(dir, 'good-data'),
    labelsFile: path.join(dir, 'flights.csv'),
    windowDays: 3,
    holdoutDays: 1,
    outFile: path.join(dir, 'slice', 'run.csv'),
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-slice-'));
    fs.mkdirSync(path.join(dir, 'good-data'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes the last whole days of good data, joins each row’s label by id, and counts the rows without one', async () => {
    writeCsv(path.join(dir, 'good-data', 'a.csv'), {
      header: features,
      rows: [row(1, '2001-04-01 10:00'), row(2, '2001-04-02 23:59'), row(3, '2001-04-03 08:00')],
    });
    writeCsv(path.join(dir, 'good-data', 'b.csv'), {
      header: features,
      rows: [row(4, '2001-04-04 00:00'), row(5, '2001-04-04 12:30'), row(6, '2001-04-04 13:00')],
    });
    // Labels in another column order, one label missing and one id absent, as a labels file may be.
    writeCsv(path.join(dir, 'flights.csv'), {
      header: ['delay', ...features],
      rows: [
        ['7', ...row(1, '')],
        ['-3', ...row(2, '')],
        ['12', ...row(3, '')],
        ['40', ...row(4, '')],
        ['', ...row(5, '')],
      ],
    });

    const slice = await buildTrainingSlice(options());

    expect(slice).toEqual({
      dataFile: options().outFile,
      trainWindow: { from: '2001-04-02 00:00', to: '2001-04-04 00:00' },
      holdoutWindow: { from: '2001-04-04 00:00', to: '2001-04-05 00:00' },
      trainRows: 2,
      holdoutRows: 1,
      unlabelledRows: 2,
      goodFiles: 2,
    });
    const written = readCsv(slice!.dataFile);
    expect(written.header).toEqual(fileColumns(activeSpec, { withLabel: true }));
    expect(written.rows.sort()).toEqual([
      [...row(2, '2001-04-02 23:59'), '-3'],
      [...row(3, '2001-04-03 08:00'), '12'],
      [...row(4, '2001-04-04 00:00'), '40'],
    ]);
    expect(fs.readdirSync(path.dirname(slice!.dataFile))).toEqual(['run.csv']);
  });

  it('returns nothing when good-data holds no rows', async () => {
    writeCsv(path.join(dir, 'good-data', 'empty.csv'), { header: features, rows: [] });
    writeCsv(path.join(dir, 'flights.csv'), { header: [...features, 'delay'], rows: [] });

    expect(await buildTrainingSlice(options())).toBeUndefined();
  });

  it('names the missing labels file, and a labels file without the label column', async () => {
    writeCsv(path.join(dir, 'good-data', 'a.csv'), { header: features, rows: [row(1, '2001-04-01 10:00')] });
    await expect(buildTrainingSlice(options())).rejects.toThrow(
      new SliceError(`no labels at ${options().labelsFile}: run \`npx contrail data prepare\` first`),
    );

    writeCsv(path.join(dir, 'flights.csv'), { header: features, rows: [row(1, '')] });
    await expect(buildTrainingSlice(options())).rejects.toThrow(/has no column delay/);
    expect(fs.existsSync(path.join(dir, 'slice'))).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'slice'))).toEqual([]);
  });
});
