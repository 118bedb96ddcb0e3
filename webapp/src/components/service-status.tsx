import { API_BASE } from '../api/client';
import { useResource } from '../api/use-resource';

interface Health {
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, { ok: boolean; error?: string; id?: string; validationMae?: number }>;
}

/** /health answers 503 with the same body when a critical check fails: read it whatever the status. */
async function fetchHealth(signal: AbortSignal): Promise<Health | undefined> {
  const res = await fetch(`${API_BASE}/health`, { signal, headers: { Accept: 'application/json' } });
  const body = (await res.json().catch(() => undefined)) as Health | undefined;
  return body && typeof body.checks === 'object' ? body : undefined;
}

/** What the model service says about itself, when something is wrong (no active model, database down…), and which model answers. */
export function ServiceStatus() {
  const health = useResource('health', fetchHealth, { refreshMs: 15_000 });
  const checks = Object.entries(health.data?.checks ?? {});
  const failing = checks.filter(([, c]) => !c.ok);
  const model = health.data?.checks.model;
  if (failing.length > 0) {
    return (
      <div className="notice notice-warning" role="status">
        <p>
          <strong>The model service reports a problem, so predictions may fail:</strong>
        </p>
        <ul className="notice-details">
          {failing.map(([name, c]) => (
            <li key={name}>
              {name}: {c.error ?? 'not ok'}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (model?.ok && model.id) {
    return (
      <p className="muted small" role="status">
        Answered by model <code>{model.id}</code>
        {typeof model.validationMae === 'number'
          ? `, validation MAE ${model.validationMae.toFixed(1)} min`
          : ''}
        .
      </p>
    );
  }
  return null;
}
