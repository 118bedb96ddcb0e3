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
