import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { registerLogSecrets, urlPassword } from './log-secrets';
import { type TemporalTls, temporalTls } from './temporal/tls';

/**
 * Every environment variable Contrail reads, parsed once. A bad value stops the process at start
 * with the variable's name and what was expected. `.env.example` documents each one.
 * Secrets may come from a file instead: `<NAME>_FILE` holds the path (Docker secrets).
 */
export const SECRET_VARIABLES = [
  'DATABASE_URL',
  'CONTRAIL_API_TOKEN',
  'TEAMS_WEBHOOK_URL',
  'SMTP_URL',
  'TEMPORAL_API_KEY',
] as const;

/** The task queue of a deployment that has a namespace to itself; others name theirs. */
export const DEFAULT_TASK_QUEUE = 'contrail';

const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = z.url({ protocol: /^https?$/ }).optional();
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
/** An address Express's `trust proxy` understands: an IP, a CIDR range, or a named range. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}
/** "a, b,,c " → ["a", "b", "c"]. */
const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')),
  EMBEDDED_POSTGRES_PORT: port.default(54320),
  TEMPORAL_ADDRESS: optional(z.string().regex(/^[\w.-]+:\d+$/, 'host:port')),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  CONTRAIL_MANAGE_SCHEDULES: booleanFlag.default(true),
  TEMPORAL_CLI_PATH: optional(z.string()),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: optional(z.url()),
  TEMPORAL_API_KEY: optional(z.string().min(1)),
  TEMPORAL_TLS: optional(booleanFlag),
  TEMPORAL_TLS_CERT_FILE: optional(z.string()),
  TEMPORAL_TLS_KEY_FILE: optional(z.string()),
  TEMPORAL_TLS_CA_FILE: optional(z.string()),
  TEMPORAL_TLS_SERVER_NAME: optional(z.string()),
  WORKER_HEALTH_FILE: optional(z.string()),
  CONTRAIL_DATA_DIR: z.string().min(1).default('data'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(8000),
  WEBAPP_HOST: z.string().min(1).default('127.0.0.1'),
  WEBAPP_PORT: port.default(3000),
  CONTRAIL_API_URL: optionalUrl,
  CONTRAIL_WEBAPP_URL: optionalUrl,
  CONTRAIL_API_TOKEN: optional(z.string().min(16, 'at least 16 characters')),
  TEAMS_WEBHOOK_URL: optional(z.url({ protocol: /^https?$/ })),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')),
  ALERT_EMAIL_TO: optional(commaList.pipe(z.array(z.email('comma-separated e-mail addresses')).min(1))),
  // Not z.email(): a sender at a host without a dot (contrail@localhost) is valid on a private relay.
  ALERT_EMAIL_FROM: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, 'an e-mail address')
    .default('contrail@localhost'),
  ALERT_CRITICALITIES: z
    .preprocess(emptyAsUndefined, z.string().default('medium,high'))
    .pipe(commaList)
    .pipe(z.array(z.enum(['low', 'medium', 'high'], 'comma-separated criticalities: low, medium, high'))),
  ALERT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  CONTRAIL_EXPECTATION_SUITE: optional(z.string()),
  CONTRAIL_DEMO_DATA: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  CONTRAIL_RETENTION_DAYS: z.coerce.number().positive('a positive number of days').default(30),
  CONTRAIL_CORS_ORIGINS: optional(
    commaList.pipe(z.array(z.url({ protocol: /^https?$/, error: 'comma-separated http(s) origins' }))),
  ),
  API_TRUST_PROXY: optional(
    commaList.pipe(
      z.array(
        z.string().refine(isProxyAddress, {
          error: 'comma-separated IP addresses, CIDR ranges, or loopback / linklocal / uniquelocal',
        }),
      ),
    ),
  ),
  API_QUERY_TIMEOUT_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  PREDICT_RATE_LIMIT: z.coerce.number().int().min(0).default(300_000),
  PREDICT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  PREDICTION_SYNCHRONOUS_COMMIT: booleanFlag.default(false),
});

type RawConfig = z.infer<typeof schema>;

/** The name of every variable the schema reads (secrets may also come as `<NAME>_FILE`). */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof RawConfig)[];

export interface Config {
  databaseUrl: string;
  embeddedPostgres: { enabled: boolean; port: number };
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    /** Whether this worker creates and updates the DAG schedules (one per fleet is enough; all may). */
    manageSchedules: boolean;
    devServer: { enabled: boolean; port: number; uiPort: number; cliPath: string | undefined };
    uiUrl: string;
    /** Passed as is to the SDK's connections; undefined lets the SDK decide (TLS on with an API key). */
    tls: TemporalTls;
    apiKey: string | undefined;
  };
  /** The worker rewrites this file while it polls, for container health checks. */
  worker: { healthFile: string | undefined };
  dataDir: string;
  api: {
    host: string;
    port: number;
    url: string;
    token: string | undefined;
    /** Browser origins allowed to call the API (CORS): the web app's unless CONTRAIL_CORS_ORIGINS says. */
    corsOrigins: string[];
    /**
     * Proxies whose X-Forwarded-For names the client (Express `trust proxy`), e.g. the web app's
     * server: empty trusts none, and the client is the connection's address.
     */
    trustProxy: string[];
    /**
     * A query the API reads with (past predictions, dashboards, runs) is cancelled past this, and
     * the request answered 503 query_timeout, rather than holding a connection for minutes; 0: never.
     */
    queryTimeoutMs: number;
    /** POST /predict requests per client per window; 0 turns the limit off. */
    predictRateLimit: { max: number; windowSeconds: number };
    /**
     * Whether POST /predict waits for its rows to reach the disk (Postgres synchronous_commit) before
     * answering. Off: committed and visible at once, durable within about 0.6 s (a crash of the
     * database server itself can lose that window); on: one disk flush (about 4 ms here) per commit.
     */
    synchronousCommit: boolean;
  };
  webapp: { host: string; port: number; url: string };
  alerts: {
    teamsWebhookUrl: string | undefined;
    smtpUrl: string | undefined;
    emailTo: string[];
    emailFrom: string;
    /** Data-quality criticalities that send a Teams message and an e-mail (a report is always written). */
    notify: ('low' | 'medium' | 'high')[];
    /** Delivery attempts per channel before an alert is recorded as failed. */
    maxAttempts: number;
  };
  /** A JSON expectation suite replacing or extending the one derived from the feature spec. */
  expectationSuite: string | undefined;
  demoData: boolean;
  logLevel: RawConfig['LOG_LEVEL'];
  /** Reports, bad-data files and DAG-run records older than this many days are deleted daily. */
  retention: { days: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const EMBEDDED_DATABASE = { user: 'contrail', password: 'contrail', database: 'contrail' };

/** Reads `<NAME>_FILE` into `<NAME>` for secrets, so they never need to sit in the environment itself. */
function resolveSecretFiles(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; problems: string[] } {
  const resolved = { ...env };
  const problems: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    try {
      resolved[name] = fs.readFileSync(file, 'utf8').trim();
    } catch (error) {
      problems.push(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  }
  return { env: resolved, problems };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secrets = resolveSecretFiles(env);
  const parsed = schema.safeParse(secrets.env);
  const problems = [...secrets.problems];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      const got = SECRET_VARIABLES.includes(name as never)
        ? ''
        : `, got ${JSON.stringify(secrets.env[name])}`;
      problems.push(`${name}: ${issue.message}${got}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const tls = temporalTls(parsed.data);
  if (tls.problems.length > 0) throw new ConfigError(tls.problems);
  const config = toConfig(parsed.data, tls.tls);
  registerLogSecrets([
    config.api.token,
    config.alerts.smtpUrl,
    urlPassword(config.alerts.smtpUrl),
    config.alerts.teamsWebhookUrl,
    config.temporal.apiKey,
    parsed.data.DATABASE_URL,
    urlPassword(parsed.data.DATABASE_URL),
  ]);
  return config;
}

function toConfig(raw: RawConfig, tls: TemporalTls): Config {
  const db = EMBEDDED_DATABASE;
  const apiHostForUrl = raw.API_HOST === '0.0.0.0' ? '127.0.0.1' : raw.API_HOST;
  const dataDir = path.resolve(raw.CONTRAIL_DATA_DIR);
  const webappUrl = raw.CONTRAIL_WEBAPP_URL ?? `http://localhost:${raw.WEBAPP_PORT}`;
  return {
    databaseUrl:
      raw.DATABASE_URL ??
      `postgresql://${db.user}:${db.password}@127.0.0.1:${raw.EMBEDDED_POSTGRES_PORT}/${db.database}`,
    embeddedPostgres: { enabled: raw.DATABASE_URL === undefined, port: raw.EMBEDDED_POSTGRES_PORT },
    temporal: {
      address: raw.TEMPORAL_ADDRESS ?? `127.0.0.1:${raw.TEMPORAL_DEV_PORT}`,
      namespace: raw.TEMPORAL_NAMESPACE,
      taskQueue: raw.TEMPORAL_TASK_QUEUE,
      manageSchedules: raw.CONTRAIL_MANAGE_SCHEDULES,
      devServer: {
        enabled: raw.TEMPORAL_ADDRESS === undefined,
        port: raw.TEMPORAL_DEV_PORT,
        uiPort: raw.TEMPORAL_UI_PORT,
        cliPath: raw.TEMPORAL_CLI_PATH,
      },
      uiUrl: raw.TEMPORAL_UI_URL ?? `http://localhost:${raw.TEMPORAL_UI_PORT}`,
      tls,
      apiKey: raw.TEMPORAL_API_KEY,
    },
    worker: { healthFile: raw.WORKER_HEALTH_FILE },
    dataDir,
    api: {
      host: raw.API_HOST,
      port: raw.API_PORT,
      url: raw.CONTRAIL_API_URL ?? `http://${apiHostForUrl}:${raw.API_PORT}`,
      token: raw.CONTRAIL_API_TOKEN,
      corsOrigins: (raw.CONTRAIL_CORS_ORIGINS ?? [webappUrl]).map((u) => new URL(u).origin),
      trustProxy: raw.API_TRUST_PROXY ?? [],
      queryTimeoutMs: raw.API_QUERY_TIMEOUT_SECONDS * 1000,
      predictRateLimit: { max: raw.PREDICT_RATE_LIMIT, windowSeconds: raw.PREDICT_RATE_WINDOW_SECONDS },
      synchronousCommit: raw.PREDICTION_SYNCHRONOUS_COMMIT,
    },
    webapp: { host: raw.WEBAPP_HOST, port: raw.WEBAPP_PORT, url: webappUrl },
    alerts: {
      teamsWebhookUrl: raw.TEAMS_WEBHOOK_URL,
      smtpUrl: raw.SMTP_URL,
      emailTo: raw.ALERT_EMAIL_TO ?? [],
      emailFrom: raw.ALERT_EMAIL_FROM,
      notify: raw.ALERT_CRITICALITIES,
      maxAttempts: raw.ALERT_MAX_ATTEMPTS,
    },
    expectationSuite: raw.CONTRAIL_EXPECTATION_SUITE && path.resolve(raw.CONTRAIL_EXPECTATION_SUITE),
    demoData: raw.CONTRAIL_DEMO_DATA,
    logLevel: raw.LOG_LEVEL,
    retention: { days: raw.CONTRAIL_RETENTION_DAYS },
  };
}

/** Entry points call this: reads `.env` from the working directory when present (never overriding the environment). */
export function loadProcessConfig(): Config {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig(process.env);
}
