import type pg from 'pg';
import { dashboardLinkOf, deliverAlert, monitoringAlert, type RuleChange } from '../core/alerts';
import type { Config } from '../core/config';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { activityDeps } from './deps';

/** One evaluation at a time (a manual run beside a scheduled one): an advisory lock's key. */
const LOCK_KEY = 0x636f6e74; // 'cont'

/** The dashboard each rule's alert links to, over the window the rule looks at. */
const DASHBOARD: Record<string, ['data-quality' | 'drift', string]> = {
  all_data_invalid: ['data-quality', '10m'],
  no_recent_ingestion: ['data-quality', '1h'],
  model_output_broken: ['drift', '10m'],
  drift_red: ['drift', '1h'],
};

export interface RuleOutcome {
  rule: string;
  firing: boolean;
  change: 'fired' | 'resolved' | null;
  episode: number;
}

export type EvaluateAlertRulesOutput =
  { evaluated: false; reason: string } | { evaluated: true; at: string; rules: RuleOutcome[] };

interface RuleRow {
  rule: string;
  firing: boolean;
  value: number | null;
  detail: string;
}

interface StateRow {
  rule: string;
  firing: boolean;
  episode: number;
  since: Date;
}

async function notify(pool: pg.Pool, config: Config, change: RuleChange): Promise<void> {
  const message = monitoringAlert(change);
  await deliverAlert(pool, config, {
    // One alert per episode and change: a retried task finds it sent and sends nothing.
    runId: `monitoring-${change.rule}-${change.episode}`,
    kind: change.change === 'fired' ? 'monitoring_fired' : 'monitoring_resolved',
    criticality: change.change === 'fired' ? 'high' : null,
    subject: message.subject,
    link: change.link,
    card: message.card,
    email: message.email,
  });
}

/**
 * Task `evaluate-alert-rules`: the four rules of `monitoring_alert_rules` (the SQL Grafana's alert
 * rules run) at the end of the run's interval, or now if that is earlier. A rule that starts
 * firing opens an episode and alerts once through Teams and e-mail; it alerts once more when it
 * resolves; in between, evaluations only update its value.
 */
export async function evaluateAlertRules(
  context: TaskContext,
): Promise<TaskResult<EvaluateAlertRulesOutput>> {
  const { config, db } = activityDeps();
  const at = new Date(Math.min(Date.now(), Date.parse(context.intervalEnd)));
  const client = await db.pool.connect();
  try {
    const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEY]);
    if (!locked.rows[0]?.ok) return { output: { evaluated: false, reason: 'another evaluation is running' } };
    try {
      const rules = await client.query<RuleRow>('SELECT * FROM monitoring_alert_rules($1)', [at]);
      const states = await client.query<StateRow>(
        'SELECT rule, firing, episode, since FROM monitoring_rule_states',
      );
      const byRule = new Map(states.rows.map((s) => [s.rule, s]));
      const outcomes: RuleOutcome[] = [];
      for (const r of rules.rows) {
        const before = byRule.get(r.rule);
        const change = r.firing === (before?.firing ?? false) ? null : r.firing ? 'fired' : 'resolved';
        const episode = (before?.episode ?? 0) + (change === 'fired' ? 1 : 0);
        const since = change === 'fired' ? at : (before?.since ?? at);
        if (change) {
          const link = dashboardLinkOf(config.webapp.url, ...(DASHBOARD[r.rule] ?? ['data-quality', '1h']));
          await notify(db.pool, config, {
            rule: r.rule,
            change,
            episode,
            since,
            value: r.value,
            detail: r.detail,
            link,
          });
        }
        await client.query(
          `INSERT INTO monitoring_rule_states (rule, firing, episode, since, value, detail, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())
           ON CONFLICT (rule) DO UPDATE SET firing = EXCLUDED.firing, episode = EXCLUDED.episode,
             since = CASE WHEN monitoring_rule_states.firing = EXCLUDED.firing THEN monitoring_rule_states.since
                          ELSE EXCLUDED.since END,
             value = EXCLUDED.value, detail = EXCLUDED.detail, updated_at = now()`,
          [r.rule, r.firing, episode, change ? at : since, r.value, r.detail],
        );
        outcomes.push({ rule: r.rule, firing: r.firing, change, episode });
      }
      return { output: { evaluated: true, at: at.toISOString(), rules: outcomes } };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
