import type { ModelArtifact } from '../../core/model';
import { promoteModel, registerModel } from '../../core/model';
import type { TestApi } from './api';
import { trainTinyModel } from './tiny-model';

/** Trains a tiny model into `dir`, registers and promotes it, and has the API load it now. */
export async function activateTinyModel(api: TestApi, dir: string, trees = 5): Promise<ModelArtifact> {
  const { artifact, file } = await trainTinyModel(dir, { trees });
  await registerModel(api.db.pool, artifact, file);
  await promoteModel(api.db.pool, artifact.id, 'test');
  await api.model.refresh();
  return artifact;
}
