/** What became of one alert on one channel. */
export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  error?: string;
}

export interface RetryPolicy {
  maxAttempts: number;
  /** The first wait after a transient failure; each next wait doubles. */
  baseDelayMs: number;
  /** The longest a Retry-After is honoured; beyond it the attempt counts as failed. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxRetryAfterMs: 30_000 };

/** One try's outcome: done, failed for good, or worth another try (after `waitMs` if the server said). */
export type Attempt = { ok: true } | { ok: false; retry: boolean; error: string; waitMs?: number };

/**
 * Tries `attempt` up to `maxAttempts` times, waiting between tries (the server's Retry-After when it
 * gave one, else a doubling backoff). Never throws: the caller records what happened.
 */
export async function withRetries(
  policy: RetryPolicy,
  attempt: () => Promise<Attempt>,
): Promise<DeliveryResult> {
  let last = 'not attempted';
  for (let n = 1; n <= policy.maxAttempts; n++) {
    let outcome: Attempt;
    try {
      outcome = await attempt();
    } catch (error) {
      outcome = { ok: false, retry: true, error: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.ok) return { ok: true, attempts: n };
    last = outcome.error;
    if (!outcome.retry || n === policy.maxAttempts) return { ok: false, attempts: n, error: last };
    const wait = outcome.waitMs ?? policy.baseDelayMs * 2 ** (n - 1);
    if (wait > policy.maxRetryAfterMs) {
      return {
        ok: false,
        attempts: n,
        error: `${last} (asked to wait ${Math.round(wait / 1000)} s, more than allowed)`,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return { ok: false, attempts: policy.maxAttempts, error: last };
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
