import type { DagSpec } from '../dag/spec';
import { ingestionDag } from './ingestion';
import { monitoringDag } from './monitoring';
import { predictionDag } from './prediction';
import { retrainingDag } from './retraining';

/** Every DAG Contrail runs. The worker registers a Temporal Schedule for each one that has a schedule. */
export const DAGS: readonly DagSpec[] = [ingestionDag, predictionDag, retrainingDag, monitoringDag];

export function findDag(id: string): DagSpec | undefined {
  return DAGS.find((d) => d.id === id);
}
