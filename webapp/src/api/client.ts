/**
 * Every call goes to this web app's own server under /api, which forwards it to the model service
 * with the bearer token: the browser never holds a secret.
 */
export const API_BASE = '/api';

/** A failed call, in the API's error shape `{ error: { code, message, details } }`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

interface ErrorShape {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

async function problemFrom(response: Response): Promise<ApiProblem> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as ErrorShape;
    if (body.error && typeof body.error.message === 'string') {
      return new ApiProblem(
        response.status,
        typeof body.error.code === 'string' ? body.error.code : 'error',
        body.error.message,
        body.error.details,
      );
    }
  } catch {
    // Not the API's JSON: fall through to a message built from the status.
  }
  return new ApiProblem(
    response.status,
    `http_${response.status}`,
    `the server answered ${response.status} ${response.statusText}`.trim(),
  );
}

/** Calls the API; resolves with the parsed JSON, or rejects with an ApiProblem a person can read. */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      ...init,
      headers: {
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem(0, 'network', 'The web app’s server cannot be reached. Is Contrail running?');
  }
  if (!response.ok) throw await problemFrom(response);
  return (await response.json()) as T;
}

export const postJson = <T>(path: string, body: unknown, init: RequestInit = {}) =>
  apiFetch<T>(path, { ...init, method: 'POST', body: JSON.stringify(body) });

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';
