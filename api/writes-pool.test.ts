import { loadConfig } from '../core/config';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { predictionWritesPool } from './writes-pool';

describe('the prediction writes pool', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  const commitMode = async (env: NodeJS.ProcessEnv) => {
    const pool = predictionWritesPool(loadConfig({ DATABASE_URL: db.url, ...env }));
    try {
      await pool.query('CREATE TABLE IF NOT EXISTS commit_probe (n int)');
      await pool.query('INSERT INTO commit_probe VALUES (1)');
      const { rows } = await pool.query<{ mode: string }>(
        "SELECT current_setting('synchronous_commit') AS mode",
      );
      return rows[0]!.mode;
    } finally {
      await pool.end();
    }
  };

  it('commits without waiting for the disk by default, and what it commits is visible at once', async () => {
    expect(await commitMode({})).toBe('off');
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM commit_probe');
    expect(rows[0]!.n).toBe(1);
  });

  it('waits for the disk when PREDICTION_SYNCHRONOUS_COMMIT is true', async () => {
    expect(await commitMode({ PREDICTION_SYNCHRONOUS_COMMIT: 'true' })).toBe('on');
  });

  it('leaves the other connections of the process synchronous', async () => {
    const { rows } = await db.pool.query<{ mode: string }>(
      "SELECT current_setting('synchronous_commit') AS mode",
    );
    expect(rows[0]!.mode).toBe('on');
  });
});
