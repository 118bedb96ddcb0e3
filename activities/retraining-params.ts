import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { NON_RETRYABLE } from '../core/dag/task';

/**
 * The retraining DAG's run parameters (`contrail dags trigger retraining --conf '{…}'`, or
 * `--force`), with the defaults a weekly scheduled run uses. Every task reads the same parameters.
 */
export const retrainingParamsSchema = z
  .object({
    /** Promote the candidate whatever the evaluation says. */
    force: z.boolean().default(false),
    /** The training slice: this many days of good data, ending at the latest row's time. */
    windowDays: z.number().positive().max(366).default(28),
    /** The later part of the slice both models are judged on. */
    holdoutDays: z.number().positive().default(7),
    /** Fewer labelled rows than this in either part: the run ends skipped, saying so. */
    minTrainRows: z.number().int().positive().default(10_000),
    minHoldoutRows: z.number().int().positive().default(2_000),
    /** Overrides of the learner's parameters (core/model DEFAULT_PARAMS), e.g. `{ "trees": 200 }`. */
    modelParams: z
      .object({
        trees: z.number().int().min(1).max(2_000),
        learningRate: z.number().positive().max(1),
        maxLeaves: z.number().int().min(2).max(255),
        minDataInLeaf: z.number().int().positive(),
        rowSample: z.number().positive().max(1),
        seed: z.number().int(),
      })
      .partial()
      .strict()
      .default({}),
  })
  .refine((p) => p.holdoutDays < p.windowDays, {
    message: 'holdoutDays must be shorter than windowDays',
    path: ['holdoutDays'],
  });

export type RetrainingParams = z.infer<typeof retrainingParamsSchema>;

/** Parses a run's parameters; a wrong one fails the task for good (a retry cannot fix it), naming the field. */
export function retrainingParams(params: Record<string, unknown>): RetrainingParams {
  const parsed = retrainingParamsSchema.safeParse(params);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`);
  throw ApplicationFailure.nonRetryable(
    `bad retraining parameters: ${problems.join('; ')}`,
    NON_RETRYABLE.badConfig,
  );
}

/** A naive time window [from, to), as the model's artifacts and the registry write it. */
export interface NaiveWindow {
  from: string;
  to: string;
}

/** What select-training-window hands to the tasks after it. */
export interface TrainingSlice {
  /** A labelled CSV (the spec's columns and the label) holding the slice's rows only. */
  dataFile: string;
  trainWindow: NaiveWindow;
  holdoutWindow: NaiveWindow;
  trainRows: number;
  holdoutRows: number;
  /** Rows of the window whose id has no label in the labels file: left out, counted. */
  unlabelledRows: number;
  goodFiles: number;
}

/** What train-candidate hands on. */
export interface TrainedCandidate {
  modelId: string;
  artifactPath: string;
  validationMae: number;
  trainingSeconds: number;
}
