import pg from 'pg';
import type { DatasetSpec } from '../core/feature-spec';
import type { Logger } from '../core/logger';
import { activeModel, type LoadedModel, loadRegisteredModel, MODEL_CHANNEL } from '../core/model';
import type { HealthCheck } from './health';

/**
 * The model the API serves, swapped without a restart when the registry's active model changes:
 * a LISTEN on the registry's channel answers a promotion at once, and a slow poll catches what a
 * dropped connection missed. A request takes `current` once and uses that model throughout, so
 * a swap never fails or mixes a request in flight; a model that fails to load leaves the
 * previous one serving.
 */
export class ActiveModel {
  current: LoadedModel | undefined;
  lastError: string | undefined;
  private refreshing: Promise<void> | undefined;
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly spec: DatasetSpec,
    private readonly modelsDir: string,
    private readonly log: Logger,
    private readonly options: { databaseUrl?: string; pollMs?: number } = {},
  ) {}

  /** Loads the active model (if any) and starts watching the registry. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.pollMs ?? 10_000).unref();
    if (this.options.databaseUrl) await this.listen(this.options.databaseUrl);
  }

  /** Checks the registry now; coalesces with a check already running. */
  refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async load(): Promise<void> {
    try {
      const registered = await activeModel(this.pool);
      if (!registered) {
        if (this.current) this.log.warn(`no model is active any more; still serving ${this.current.id}`);
        return;
      }
      if (registered.id === this.current?.id) return;
      const loaded = loadRegisteredModel(this.spec, registered, this.modelsDir);
      const previous = this.current?.id;
      this.current = loaded;
      this.lastError = undefined;
      this.log.info(`serving model ${loaded.id}${previous ? ` (was ${previous})` : ''}`);
    } catch (error) {
      this.lastError = (error as Error).message;
      this.log.error(`could not load the active model: ${this.lastError}`);
    }
  }

  private async listen(databaseUrl: string): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'contrail-api-models' });
    const retry = () => {
      if (this.listener !== client || this.stopped) return;
      this.listener = undefined;
      setTimeout(() => void this.listen(databaseUrl), 2_000).unref();
    };
    client.on('notification', () => void this.refresh());
    client.on('error', retry);
    client.on('end', retry);
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${MODEL_CHANNEL}`);
      // A promotion between the first load and the LISTEN would otherwise wait for the poll.
      await this.refresh();
    } catch (error) {
      this.log.warn(`cannot listen for model promotions (${(error as Error).message}); polling only`);
      retry();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.refreshing;
  }

  /** Not critical: the API is up (and says so) while the first model is still training. */
  healthCheck(): HealthCheck {
    return {
      name: 'model',
      critical: false,
      check: async () => {
        const model = this.current;
        if (!model)
          throw new Error(this.lastError ?? 'no model is active yet (train one: contrail train --promote)');
        const m = model.artifact.metrics;
        return {
          id: model.id,
          trainWindow: model.artifact.trainWindow,
          validationMae: m.validation.mae,
          ...(this.lastError ? { loadError: this.lastError } : {}),
        };
      },
    };
  }
}
