import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../tests/support/temporal';

const HISTORIES = path.join(__dirname, 'histories');

/**
 * Replays the recorded histories of shipped DAG runs against today's workflow code: a change that
 * would make running workflows take a different path (non-determinism) fails here, before it ships.
 * Re-record with `npx tsx tests/support/record-histories.ts` only for an intended, versioned change.
 */
describe('workflow replay', () => {
  const files = fs.readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('replays %s without non-determinism', async (file) => {
    const history = JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8'));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await workflowBundle() },
        history,
        path.basename(file, '.json'),
      ),
    ).resolves.toBeUndefined();
  });
});
