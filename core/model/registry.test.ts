import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { trainTinyModel } from '../../tests/support/tiny-model';
import { activeSpec } from '../feature-spec';
import type { ModelArtifact } from './artifact';
import { loadActiveModel } from './load-model';
import { promoteModel, rollbackModel } from './promotions';
import { activeModel, listModels, MODEL_CHANNEL, registerModel, RegistryError } from './registry';

describe('model registry', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-registry-'));
  const modelsDir = path.join(dir, 'models');
  let db: TestDatabase;
  const models: { artifact: ModelArtifact; file: string }[] = [];

  beforeAll(async () => {
    for (const trees of [3, 4, 5]) models.push(await trainTinyModel(dir, { trees }));
  });
  beforeEach(async () => {
    db = await createTestDatabase();
    for (const m of models) await registerModel(db.pool, m.artifact, m.file);
  });
  afterEach(() => db.drop());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const id = (k: number) => models[k]!.artifact.id;
  const statuses = async () => Object.fromEntries((await listModels(db.pool)).map((m) => [m.id, m.status]));
  const promotions = async () =>
    (
      await db.pool.query(
        `SELECT model_id, previous_model_id, action, actor FROM model_promotions ORDER BY id`,
      )
    ).rows;

  it('registers models as candidates with their metrics, and registering again keeps the status', async () => {
    await promoteModel(db.pool, id(0), 'test');
    await registerModel(db.pool, models[0]!.artifact, models[0]!.file);
    const listed = await listModels(db.pool);
    expect(listed).toHaveLength(3);
    const first = listed.find((m) => m.id === id(0))!;
    expect(first.status).toBe('active');
    expect(first.metrics.validation.mae).toBe(models[0]!.artifact.metrics.validation.mae);
    expect(first.trainFrom.toISOString()).toBe('2001-01-01T00:00:00.000Z');
  });

  it('keeps exactly one model active and records who promoted each and what it replaced', async () => {
    await promoteModel(db.pool, id(0), 'alice');
    const { replaced } = await promoteModel(db.pool, id(1), 'the retraining DAG', 'weekly retrain');
    expect(replaced).toBe(id(0));
    expect(await statuses()).toEqual({ [id(0)]: 'retired', [id(1)]: 'active', [id(2)]: 'candidate' });
    expect((await activeModel(db.pool))?.promotedBy).toBe('the retraining DAG');
    expect(await promotions()).toEqual([
      { model_id: id(0), previous_model_id: null, action: 'promote', actor: 'alice' },
      { model_id: id(1), previous_model_id: id(0), action: 'promote', actor: 'the retraining DAG' },
    ]);
  });

  it('keeps one active model when promotions race', async () => {
    await Promise.all([0, 1, 2, 0, 1, 2].map((k) => promoteModel(db.pool, id(k), `racer ${k}`)));
    const active = (await listModels(db.pool)).filter((m) => m.status === 'active');
    expect(active).toHaveLength(1);
  });

  it('rolls back step by step through earlier promotions, rejecting each rolled-back model', async () => {
    await promoteModel(db.pool, id(0), 'a');
    await promoteModel(db.pool, id(1), 'b');
    await promoteModel(db.pool, id(2), 'c');
    expect(await rollbackModel(db.pool, 'ops', 'bad drift')).toEqual({ restored: id(1), rejected: id(2) });
    expect(await rollbackModel(db.pool, 'ops')).toEqual({ restored: id(0), rejected: id(1) });
    expect(await statuses()).toEqual({ [id(0)]: 'active', [id(1)]: 'rejected', [id(2)]: 'rejected' });
    await expect(rollbackModel(db.pool, 'ops')).rejects.toThrow(/replaced no other model/);
  });

  it('refuses to promote an unknown model and to roll back with none active', async () => {
    await expect(promoteModel(db.pool, 'gbdt-nope', 'x')).rejects.toThrow(RegistryError);
    await expect(rollbackModel(db.pool, 'x')).rejects.toThrow(/no model is active/);
  });

  it('announces each promotion on its channel, after commit', async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    await listener.query(`LISTEN ${MODEL_CHANNEL}`);
    const heard = new Promise<string | undefined>((resolve) =>
      listener.once('notification', (n) => resolve(n.payload)),
    );
    await promoteModel(db.pool, id(2), 'x');
    expect(await heard).toBe(id(2));
    await listener.end();
  });

  it('loads the active model ready to predict, finding its artifact in the models folder if it moved', async () => {
    expect(await loadActiveModel(db.pool, activeSpec, modelsDir)).toBeUndefined();
    await promoteModel(db.pool, id(1), 'x');
    await db.pool.query(`UPDATE models SET artifact_path = '/elsewhere/' || id || '.json'`);
    const loaded = await loadActiveModel(db.pool, activeSpec, modelsDir);
    expect(loaded?.id).toBe(id(1));
    const [prediction] = loaded!.predictor.predictRows([activeSpec.exampleRow]);
    expect(Number.isFinite(prediction)).toBe(true);
  });
});
