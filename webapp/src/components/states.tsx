import type { ReactNode } from 'react';
import { ApiProblem } from '../api/client';
import { describeProblem } from '../api/describe-problem';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="state state-empty" role="status">
      {children}
    </p>
  );
}

/** An API error as a person wants it: what went wrong, the details that help, and a way to try again. */
export function ErrorNotice({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const problem =
    error instanceof ApiProblem
      ? error
      : new ApiProblem(0, 'unexpected', error instanceof Error ? error.message : String(error));
  const { headline, hint, lines } = describeProblem(problem);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">
        <strong>{title ?? headline}</strong>
        {title ? ` ${headline}` : null}
      </p>
      {hint ? <p>{hint}</p> : null}
      {lines.length > 0 ? (
        <ul className="notice-details">
          {lines.slice(0, 20).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
          {lines.length > 20 ? <li>…and {lines.length - 20} more</li> : null}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
      {problem.code !== 'unexpected' ? (
        <p className="notice-code">
          {problem.status ? `HTTP ${problem.status} · ` : ''}
          {problem.code}
        </p>
      ) : null}
    </div>
  );
}
