import axios from 'axios';
import { type Attempt, type DeliveryResult, retryAfterMs, type RetryPolicy, withRetries } from './delivery';

/**
 * Microsoft Teams through a Workflows webhook ("Post to a channel when a webhook request is
 * received"): the body is a message with one Adaptive Card attachment, and Teams refuses messages
 * over about 28 KB, so cards are kept under that (see adaptive-cards.ts).
 */
export const TEAMS_MAX_BYTES = 28 * 1024;

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

export function teamsMessage(card: AdaptiveCard) {
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}

export const messageBytes = (card: AdaptiveCard) => Buffer.byteLength(JSON.stringify(teamsMessage(card)));

/** Posts a card. 429 waits for Retry-After; 5xx, 408 and network errors back off; other 4xx are final. */
export async function postToTeams(
  webhookUrl: string,
  card: AdaptiveCard,
  policy: RetryPolicy,
): Promise<DeliveryResult> {
  const body = JSON.stringify(teamsMessage(card));
  if (Buffer.byteLength(body) > TEAMS_MAX_BYTES) {
    return {
      ok: false,
      attempts: 0,
      error: `the card is ${Buffer.byteLength(body)} bytes, over Teams' ${TEAMS_MAX_BYTES}`,
    };
  }
  return withRetries(policy, async (): Promise<Attempt> => {
    const response = await axios.post(webhookUrl, body, {
      headers: { 'content-type': 'application/json' },
      timeout: 15_000,
      validateStatus: () => true,
      maxRedirects: 0,
    });
    if (response.status >= 200 && response.status < 300) return { ok: true };
    const error = `Teams answered ${response.status} ${String(response.statusText ?? '')}`.trim();
    if (response.status === 429) {
      const header = response.headers['retry-after'] as string | undefined;
      const waitMs = retryAfterMs(header);
      return { ok: false, retry: true, error, ...(waitMs === undefined ? {} : { waitMs }) };
    }
    return { ok: false, retry: response.status >= 500 || response.status === 408, error };
  });
}
