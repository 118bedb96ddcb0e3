import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { type Attempt, type DeliveryResult, type RetryPolicy, withRetries } from './delivery';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

export interface EmailRoute {
  smtpUrl: string;
  from: string;
  to: string[];
}

/** SMTP codes 4xx (and lost connections) are worth another try; 5xx means the message will never go. */
function isTransient(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return code === undefined || (code >= 400 && code < 500);
}

/** Sends one e-mail through SMTP (nodemailer), retried by the policy. */
export async function sendEmail(
  route: EmailRoute,
  message: EmailMessage,
  policy: RetryPolicy,
): Promise<DeliveryResult> {
  if (route.to.length === 0) return { ok: false, attempts: 0, error: 'ALERT_EMAIL_TO names no recipient' };
  const options: SMTPTransport.Options = {
    url: route.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  };
  const transport = nodemailer.createTransport(options);
  try {
    return await withRetries(policy, async (): Promise<Attempt> => {
      try {
        await transport.sendMail({ from: route.from, to: route.to, ...message });
        return { ok: true };
      } catch (error) {
        return { ok: false, retry: isTransient(error), error: `SMTP: ${(error as Error).message}` };
      }
    });
  } finally {
    transport.close();
  }
}
