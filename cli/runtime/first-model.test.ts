import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeSpec } from '../../core/feature-spec';
import { activeModel } from '../../core/model';
import { dataPaths, ensureDataDirs } from '../../core/paths';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { writeSyntheticData } from '../../tests/support/tiny-model';
import { preparedPaths } from '../data/prepare';
import { ensureFirstModel } from './first-model';

describe('the first model on `contrail up`', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-first-model-'));
  const paths = dataPaths(root);
  let db: TestDatabase;
  beforeAll(async () => {
    ensureDataDirs(paths);
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const run = async () => {
    const said: string[] = [];
    const stops: (() => Promise<void>)[] = [];
    await ensureFirstModel({
      databaseUrl: db.url,
      paths,
      env: { ...process.env, DATABASE_URL: db.url, CONTRAIL_DATA_DIR: root },
      say: (message) => said.push(message),
      onLine: () => undefined,
      stopping: () => false,
      track: (stop) => stops.push(stop),
    });
    return { said, stops };
  };

  it('says how to get one when there is no training data', async () => {
    const { said, stops } = await run();
    expect(said).toEqual([expect.stringMatching(/no active model and no training data/)]);
    expect(stops).toHaveLength(0);
  });

  it('trains and promotes one in a child process when there is data, then serves it on the next start', async () => {
    // January to April: the spec's default training window and its April validation window.
    writeSyntheticData(preparedPaths(paths.datasets, activeSpec).canonical, 12_000, 3, 120);
    const first = await run();
    expect(first.said[0]).toMatch(
      /no active model yet: training one on 2001-01-01 00:00 to 2001-04-01 00:00/,
    );
    expect(first.said[1]).toMatch(/^model gbdt-\S+ trained and promoted: predictions work now$/);
    const active = await activeModel(db.pool);
    expect(active).toMatchObject({ status: 'active', promotedBy: 'contrail up (first start)' });
    expect(fs.readFileSync(path.join(paths.logs, 'train.log'), 'utf8')).toContain(
      'The model beats the better baseline',
    );

    const second = await run();
    expect(second.said).toEqual([`serving model ${active!.id}`]);
  }, 180_000);
});
