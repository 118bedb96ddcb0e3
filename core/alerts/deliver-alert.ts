import type pg from 'pg';
import type { Config } from '../config';
import { DEFAULT_RETRY, type DeliveryResult, type RetryPolicy } from './delivery';
import { type EmailMessage, sendEmail } from './email';
import { type AdaptiveCard, postToTeams } from './teams';

export type AlertKind = 'data_quality' | 'run_failure' | 'monitoring_fired' | 'monitoring_resolved';
export type ChannelName = 'teams' | 'email';

export interface Alert {
  runId: string;
  kind: AlertKind;
  criticality: 'low' | 'medium' | 'high' | null;
  subject: string;
  link: string | null;
  card: AdaptiveCard;
  email: EmailMessage;
}

export interface ChannelOutcome {
  channel: ChannelName;
  status: 'sent' | 'failed';
  attempts: number;
  error?: string;
  /** Sent by an earlier attempt of the same task: not sent again. */
  alreadySent?: boolean;
}

interface Channel {
  name: ChannelName;
  send(): Promise<DeliveryResult>;
}

/** The channels the configuration enables (a Teams webhook, an SMTP server with recipients). */
function channelsFor(config: Config, alert: Alert, policy: RetryPolicy): Channel[] {
  const { teamsWebhookUrl, smtpUrl, emailTo, emailFrom } = config.alerts;
  const channels: Channel[] = [];
  if (teamsWebhookUrl)
    channels.push({ name: 'teams', send: () => postToTeams(teamsWebhookUrl, alert.card, policy) });
  if (smtpUrl && emailTo.length > 0) {
    channels.push({
      name: 'email',
      send: () => sendEmail({ smtpUrl, from: emailFrom, to: emailTo }, alert.email, policy),
    });
  }
  return channels;
}

/**
 * Sends an alert on every configured channel and records each outcome in `alerts`, keyed on the
 * run, the alert's kind and the channel: a retried task skips channels already sent, and an alert
 * that could not be delivered after its attempts is on record with its error. Never throws for a
 * delivery failure (only when the database cannot record it, which a task retry fixes).
 */
export async function deliverAlert(
  pool: pg.Pool,
  config: Config,
  alert: Alert,
  policy: RetryPolicy = { ...DEFAULT_RETRY, maxAttempts: config.alerts.maxAttempts },
): Promise<ChannelOutcome[]> {
  return Promise.all(
    channelsFor(config, alert, policy).map(async (channel): Promise<ChannelOutcome> => {
      const previous = await pool.query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM alerts WHERE run_id = $1 AND kind = $2 AND channel = $3',
        [alert.runId, alert.kind, channel.name],
      );
      const done = previous.rows[0];
      if (done?.status === 'sent') {
        return { channel: channel.name, status: 'sent', attempts: done.attempts, alreadySent: true };
      }
      const result = await channel.send();
      const status = result.ok ? 'sent' : 'failed';
      await pool.query(
        `INSERT INTO alerts (run_id, kind, channel, status, criticality, subject, link, attempts, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (run_id, kind, channel) DO UPDATE SET status = EXCLUDED.status,
           attempts = alerts.attempts + EXCLUDED.attempts, error = EXCLUDED.error, updated_at = now()`,
        [
          alert.runId,
          alert.kind,
          channel.name,
          status,
          alert.criticality,
          alert.subject,
          alert.link,
          result.attempts,
          result.error ?? null,
        ],
      );
      return {
        channel: channel.name,
        status,
        attempts: result.attempts,
        ...(result.error ? { error: result.error } : {}),
      };
    }),
  );
}
