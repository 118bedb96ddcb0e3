import type { DagSpec } from '../dag/spec';
import { monitoringDag } from './monitoring';
import { predictionDag } from './prediction';

/** Every DAG Contrail runs. The worker registers a Temporal Schedule for each one that has a schedule. */
export const DAGS: readonly DagSpec[] = [predictionDag, monitoringDag];

export function findDag(id: string): DagSpec | undefined {
  return DAGS.find((d) => d.id === id);
}
