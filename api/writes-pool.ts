import type pg from 'pg';
import type { Config } from '../core/config';
import { createPool } from '../core/db/client';

/**
 * The connections POST /predict stores its rows through, apart from every other query so that
 * their commit mode (PREDICTION_SYNCHRONOUS_COMMIT) touches nothing else. Off by default: one
 * disk flush per commit costs about 4 ms on these machines, more than the whole single-row
 * latency budget, while the rows are committed and visible at once either way. The prediction
 * DAG's batches lose nothing even then: its ledger commit is synchronous, and flushing the
 * write-ahead log up to it flushes every earlier commit too.
 */
export function predictionWritesPool(config: Config, databaseUrl = config.databaseUrl): pg.Pool {
  return createPool(databaseUrl, {
    applicationName: 'contrail-api-writes',
    max: 4,
    synchronousCommit: config.api.synchronousCommit,
  });
}
