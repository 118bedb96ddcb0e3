import type pg from 'pg';
import { MODEL_CHANNEL, type ModelStatus, RegistryError } from './registry';

/**
 * Changing the active model: promotion and rollback, each in one transaction with its record in
 * `model_promotions` and a NOTIFY on MODEL_CHANNEL that reaches listeners at commit.
 */

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One registry change at a time: two promotions racing would otherwise trip the unique index.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('contrail_model_registry'))`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function activate(
  client: pg.PoolClient,
  id: string,
  previous: string | undefined,
  action: 'promote' | 'rollback',
  actor: string,
  reason: string | undefined,
  previousStatus: ModelStatus,
): Promise<void> {
  if (previous) await client.query(`UPDATE models SET status = $2 WHERE id = $1`, [previous, previousStatus]);
  await client.query(
    `UPDATE models SET status = 'active', promoted_at = now(), promoted_by = $2 WHERE id = $1`,
    [id, actor],
  );
  await client.query(
    `INSERT INTO model_promotions (model_id, previous_model_id, action, actor, reason) VALUES ($1, $2, $3, $4, $5)`,
    [id, previous ?? null, action, actor, reason ?? null],
  );
  await client.query(`SELECT pg_notify($1, $2)`, [MODEL_CHANNEL, id]);
}

/** Makes `id` the one active model; the one it replaces is retired. `actor` says who or what decided. */
export async function promoteModel(
  pool: pg.Pool,
  id: string,
  actor: string,
  reason?: string,
): Promise<{ promoted: string; replaced: string | undefined }> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ status: ModelStatus }>(`SELECT status FROM models WHERE id = $1`, [
      id,
    ]);
    if (!rows[0]) throw new RegistryError(`no model ${id} in the registry (see \`contrail models list\`)`);
    const current = (await client.query<{ id: string }>(`SELECT id FROM models WHERE status = 'active'`))
      .rows[0];
    if (current?.id === id) return { promoted: id, replaced: undefined };
    await activate(client, id, current?.id, 'promote', actor, reason, 'retired');
    return { promoted: id, replaced: current?.id };
  });
}

/**
 * Puts back the model that was active before the current one was promoted, and marks the current
 * one rejected. Repeated rollbacks walk further back through the promotions.
 */
export async function rollbackModel(
  pool: pg.Pool,
  actor: string,
  reason?: string,
): Promise<{ restored: string; rejected: string }> {
  return inTransaction(pool, async (client) => {
    const current = (await client.query<{ id: string }>(`SELECT id FROM models WHERE status = 'active'`))
      .rows[0];
    if (!current) throw new RegistryError('no model is active: nothing to roll back');
    const { rows } = await client.query<{ previous: string | null }>(
      `SELECT previous_model_id AS previous FROM model_promotions
       WHERE model_id = $1 AND action = 'promote' ORDER BY created_at DESC, id DESC LIMIT 1`,
      [current.id],
    );
    const previous = rows[0]?.previous;
    if (!previous)
      throw new RegistryError(`model ${current.id} replaced no other model: nothing to roll back to`);
    await activate(client, previous, current.id, 'rollback', actor, reason, 'rejected');
    return { restored: previous, rejected: current.id };
  });
}

/**
 * Marks a candidate that lost its evaluation `rejected`, so the registry tells it from one still
 * waiting. Only a candidate: an active or retired model keeps its status. Returns whether it changed.
 */
export async function rejectCandidate(pool: pg.Pool, id: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE models SET status = 'rejected' WHERE id = $1 AND status = 'candidate'`,
    [id],
  );
  return (rowCount ?? 0) > 0;
}
