import fs from 'node:fs';
import path from 'node:path';

/** The folders under CONTRAIL_DATA_DIR, and what each holds. */
export interface DataPaths {
  root: string;
  /** Files waiting to be ingested; the ingestion DAG claims one per run. */
  rawData: string;
  /** Files being ingested, claimed out of raw-data by exactly one run. */
  claimed: string;
  /** Rows that passed validation; the prediction DAG reads them and never moves them. */
  goodData: string;
  /** Rows that failed validation, with the reason beside each. */
  badData: string;
  /** HTML data-quality reports, served by the API. */
  reports: string;
  /** Trained model artifacts. */
  models: string;
  /** Prepared data sets (canonical CSV and the training slice). */
  datasets: string;
  /** Embedded Postgres cluster. */
  postgres: string;
  /** Temporal dev server state. */
  temporal: string;
  /** Process logs of `contrail up`. */
  logs: string;
}

export function dataPaths(root: string): DataPaths {
  const at = (name: string) => path.join(root, name);
  return {
    root,
    rawData: at('raw-data'),
    claimed: at('claimed'),
    goodData: at('good-data'),
    badData: at('bad-data'),
    reports: at('reports'),
    models: at('models'),
    datasets: at('datasets'),
    postgres: at('postgres'),
    temporal: at('temporal'),
    logs: at('logs'),
  };
}

export function ensureDataDirs(paths: DataPaths): void {
  for (const dir of Object.values(paths)) fs.mkdirSync(dir, { recursive: true });
}
