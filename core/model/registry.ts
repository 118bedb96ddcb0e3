import path from 'node:path';
import type pg from 'pg';
import { parseDateTime } from '../feature-spec';
import type { ModelArtifact } from './artifact';

/**
 * The model registry (`models` + `model_promotions`): each trained model with its metrics and
 * status, at most one `active` (a partial unique index), and a history of every promotion and
 * rollback with who or what made it. Every change of the active model is announced on
 * MODEL_CHANNEL (NOTIFY, delivered at commit), so servers swap models without polling hard.
 */
export const MODEL_CHANNEL = 'contrail_active_model';

export type ModelStatus = 'candidate' | 'active' | 'retired' | 'rejected';

export interface RegisteredModel {
  id: string;
  modelType: string;
  status: ModelStatus;
  artifactPath: string;
  featureHash: string;
  trainFrom: Date;
  trainTo: Date;
  metrics: ModelArtifact['metrics'];
  createdAt: Date;
  promotedAt: Date | null;
  promotedBy: string | null;
}

export class RegistryError extends Error {
  override name = 'RegistryError';
}

const SELECT = `SELECT id, model_type AS "modelType", status, artifact_path AS "artifactPath",
  feature_hash AS "featureHash", train_from AS "trainFrom", train_to AS "trainTo", metrics,
  created_at AS "createdAt", promoted_at AS "promotedAt", promoted_by AS "promotedBy" FROM models`;

// Naive training dates are stored as the UTC instants that carry the same digits.
const naiveToDate = (text: string) => new Date(parseDateTime(text));

/** Records a trained model as a candidate. Registering the same id again refreshes its metrics and keeps its status. */
export async function registerModel(
  pool: pg.Pool,
  artifact: ModelArtifact,
  artifactFile: string,
): Promise<RegisteredModel> {
  await pool.query(
    `INSERT INTO models (id, model_type, params, feature_hash, train_from, train_to, metrics, status, artifact_path)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'candidate', $8)
     ON CONFLICT (id) DO UPDATE SET params = EXCLUDED.params, metrics = EXCLUDED.metrics,
       artifact_path = EXCLUDED.artifact_path`,
    [
      artifact.id,
      artifact.modelType,
      JSON.stringify(artifact.params),
      artifact.featureHash,
      naiveToDate(artifact.trainWindow.from),
      naiveToDate(artifact.trainWindow.to),
      JSON.stringify(artifact.metrics),
      path.resolve(artifactFile),
    ],
  );
  return (await getModel(pool, artifact.id))!;
}

export async function getModel(pool: pg.Pool, id: string): Promise<RegisteredModel | undefined> {
  const { rows } = await pool.query<RegisteredModel>(`${SELECT} WHERE id = $1`, [id]);
  return rows[0];
}

export async function activeModel(pool: pg.Pool): Promise<RegisteredModel | undefined> {
  const { rows } = await pool.query<RegisteredModel>(`${SELECT} WHERE status = 'active'`);
  return rows[0];
}

export async function listModels(pool: pg.Pool, limit = 50): Promise<RegisteredModel[]> {
  const { rows } = await pool.query<RegisteredModel>(`${SELECT} ORDER BY created_at DESC, id LIMIT $1`, [
    limit,
  ]);
  return rows;
}

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
