import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeSpec } from '../feature-spec';
import { FeatureEncoder, featureDefs } from './features';
import { loadWindows } from './load-dataset';
import { DEFAULT_PARAMS } from './train-model';

describe('loadWindows', () => {
  it('rejects a file without the label column instead of returning no rows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-load-dataset-'));
    const file = path.join(dir, 'unlabelled.csv');
    fs.writeFileSync(file, 'flight_id,date,origin,destination,distance\n1,2001-01-01 10:00,ATL,ORD,606\n');
    const encoder = new FeatureEncoder(activeSpec, featureDefs(activeSpec, DEFAULT_PARAMS.datetimeParts));
    try {
      await expect(
        loadWindows(file, activeSpec, encoder, { all: { from: 0, to: Infinity } }),
      ).rejects.toThrow(`${file} needs the columns date and delay`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
