/** The answers of GET /monitoring/* (their zod schemas in api/monitoring-*.ts are the contract). */

export type Status = 'green' | 'orange' | 'red';
export type Criticality = 'none' | 'low' | 'medium' | 'high';

export interface MonitoringWindow {
  from: string;
  to: string;
  stepSeconds: number;
}

export interface QualityResponse {
  window: MonitoringWindow;
  summary: {
    files: number;
    rows: number;
    validRows: number;
    invalidRows: number;
    invalidShare: number | null;
    filesAllInvalid: number;
    criticality: Record<Criticality, number>;
    ingestionRunsSkipped: number;
    ingestionRunsFailed: number;
    lastIngestionAt: string | null;
    secondsSinceLastIngestion: number | null;
    status: Status;
  };
  series: { bucket: string; files: number; rows: number; invalidRows: number; invalidShare: number | null }[];
  issues: {
    expectationType: string;
    column: string | null;
    files: number;
    unexpectedRows: number;
    worstCriticality: Criticality;
  }[];
  worstFiles: {
    runId: string;
    fileName: string;
    ingestedAt: string;
    rows: number;
    invalidRows: number;
    invalidShare: number | null;
    criticality: Criticality;
    failedExpectations: number;
    reportPath: string | null;
  }[];
}

export type MonitoredSource = 'all' | 'webapp' | 'scheduled';

export interface SourceFigures {
  source: MonitoredSource;
  predictions: number;
  nanPredictions: number;
  mean: number | null;
  median: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  stddev: number | null;
  lateShare: number | null;
  constantOutput: boolean;
  previousMean: number | null;
  jumpScore: number | null;
  jump: boolean;
  status: Status | 'none';
}

export interface PredictionsResponse {
  window: MonitoringWindow;
  bySource: SourceFigures[];
  series: {
    bucket: string;
    source: 'webapp' | 'scheduled';
    predictions: number;
    mean: number | null;
    median: number | null;
    p95: number | null;
    lateShare: number | null;
  }[];
  histogram: { binLow: number | null; binHigh: number | null; webapp: number; scheduled: number }[];
}

type DriftMethod = 'ks' | 'wasserstein' | 'chisquare' | 'jensenshannon';

export interface DriftRun {
  runId: string;
  modelId: string;
  computedAt: string;
  windowFrom: string;
  windowTo: string;
  rows: number;
  features: number;
  driftedFeatures: number;
  driftShare: number;
  datasetDrifted: boolean;
  prediction: { method: DriftMethod; score: number; threshold: number; drifted: boolean } | null;
  status: Status;
}

export interface DriftMeasure {
  runId: string;
  computedAt: string;
  feature: string;
  target: 'feature' | 'prediction';
  kind: 'numeric' | 'categorical';
  method: DriftMethod;
  score: number;
  threshold: number;
  drifted: boolean;
  psi: number;
  status: Status;
}

export interface DriftResponse {
  window: MonitoringWindow;
  latest: DriftRun | null;
  runs: DriftRun[];
  features: DriftMeasure[];
  featureSeries: DriftMeasure[];
}
