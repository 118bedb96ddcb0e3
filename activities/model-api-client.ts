import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { ApplicationFailure } from '@temporalio/common';
import type { Config } from '../core/config';
import { NON_RETRYABLE } from '../core/dag/task';

export interface PredictOutcome {
  /** Per input row, in order: the prediction, or why the row was refused. */
  results: ({ prediction: number } | { error: string })[];
  modelVersion: string;
}

/** A refusal of the whole batch by the API (4xx): retrying cannot help, so its rows are recorded as rejected. */
export class BatchRejected extends Error {}

const TRANSIENT_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
/** The batch's content is what the API refused. Any other 4xx (401, 404, …) is a misconfiguration. */
const CONTENT_STATUS = new Set([400, 413, 422]);

export function createModelApiClient(config: Config): AxiosInstance {
  return axios.create({
    baseURL: config.api.url,
    timeout: 120_000,
    maxBodyLength: Infinity,
    maxContentLength: Infinity,
    headers: config.api.token ? { Authorization: `Bearer ${config.api.token}` } : {},
  });
}

/**
 * Sends one batch to POST /predict. Network failures and 5xx/429 answers are retried with growing
 * pauses (calling `beat` meanwhile so Temporal knows the task is alive) until `giveUpAfterMs`, then
 * thrown for Temporal's own retry; the idempotency key makes every resend safe.
 */
export async function predictBatch(
  client: AxiosInstance,
  rows: Record<string, unknown>[],
  idempotencyKey: string,
  beat: () => void,
  giveUpAfterMs = 120_000,
): Promise<PredictOutcome> {
  const deadline = Date.now() + giveUpAfterMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await client.post(
        '/predict',
        { source: 'scheduled', rows },
        { headers: { 'Idempotency-Key': idempotencyKey } },
      );
      return parsePredictResponse(response.data, rows.length);
    } catch (error) {
      const status = isAxiosError(error) ? error.response?.status : undefined;
      if (status !== undefined && !TRANSIENT_STATUS.has(status)) {
        const body = isAxiosError(error) ? error.response?.data : undefined;
        const message = `the API answered ${status} to POST /predict: ${body?.error?.message ?? (error as Error).message}`;
        if (CONTENT_STATUS.has(status)) throw new BatchRejected(message);
        throw ApplicationFailure.nonRetryable(
          `${message} (check CONTRAIL_API_URL and CONTRAIL_API_TOKEN)`,
          NON_RETRYABLE.badConfig,
        );
      }
      if (Date.now() > deadline) throw error;
      const retryAfter = isAxiosError(error) ? Number(error.response?.headers['retry-after']) * 1000 : NaN;
      const pause = Number.isFinite(retryAfter) ? retryAfter : Math.min(30_000, 500 * 2 ** attempt);
      for (let waited = 0; waited < pause; waited += 5_000) {
        beat();
        await new Promise((r) => setTimeout(r, Math.min(5_000, pause - waited)));
      }
    }
  }
}

function parsePredictResponse(body: unknown, expected: number): PredictOutcome {
  const data = body as {
    modelVersion?: string;
    results?: { prediction?: number; error?: { message?: string } | string }[];
  };
  if (!Array.isArray(data.results) || data.results.length !== expected) {
    throw new Error(`the API answered ${data.results?.length ?? 'no'} results for ${expected} rows`);
  }
  return {
    modelVersion: data.modelVersion ?? 'unknown',
    results: data.results.map((r) =>
      typeof r.prediction === 'number'
        ? { prediction: r.prediction }
        : { error: typeof r.error === 'string' ? r.error : (r.error?.message ?? 'refused without a reason') },
    ),
  };
}
