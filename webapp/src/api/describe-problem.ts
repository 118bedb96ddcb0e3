import type { ApiProblem } from './client';

export interface ProblemText {
  headline: string;
  /** What the person can do about it, when we know. */
  hint?: string;
  /** The API's details, one readable line each (field: message). */
  lines: string[];
}

const HINTS: Record<string, string> = {
  network: 'Start Contrail with `npm start`, then try again.',
  api_unreachable:
    'The web app is up but the model service is not: check the API (npm start prints its address).',
  unauthorized:
    'The web app’s server and the API disagree on CONTRAIL_API_TOKEN: set the same token for both.',
  no_active_model: 'Train and promote a model: `npx contrail train --promote`.',
  payload_too_large: 'Send fewer rows at a time.',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One line per item of `details`, whatever its exact shape (zod issues, {path, message}, row errors). */
function detailLines(details: unknown): string[] {
  const items = Array.isArray(details)
    ? details
    : details && typeof details === 'object' && Array.isArray((details as { rows?: unknown }).rows)
      ? (details as { rows: unknown[] }).rows
      : [];
  return items.flatMap((item): string[] => {
    if (!item || typeof item !== 'object') return [String(item)];
    const record = item as Record<string, unknown>;
    if (Array.isArray(record.issues) && typeof record.index === 'number') {
      return (record.issues as { field?: string | null; message?: string }[]).map(
        (issue) =>
          `row ${record.index as number}: ${issue.field ? `${issue.field}: ` : ''}${issue.message ?? ''}`,
      );
    }
    const where = Array.isArray(record.path) ? record.path.join('.') : (record.path ?? record.field);
    const message = typeof record.message === 'string' ? record.message : JSON.stringify(item);
    return [where ? `${String(where)}: ${message}` : message];
  });
}

export function describeProblem(problem: ApiProblem): ProblemText {
  const hint = HINTS[problem.code];
  return {
    headline: capitalise(problem.message),
    ...(hint ? { hint } : {}),
    lines: detailLines(problem.details),
  };
}
