import type { DagSpec } from '../dag/spec';
import { predictionDag } from './prediction';
import { retentionDag } from './retention';

/** Every DAG Contrail runs. The worker registers a Temporal Schedule for each one that has a schedule. */
export const DAGS: readonly DagSpec[] = [predictionDag, retentionDag];

export function findDag(id: string): DagSpec | undefined {
  return DAGS.find((d) => d.id === id);
}
