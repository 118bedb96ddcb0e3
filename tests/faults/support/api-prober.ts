import { activeSpec, formatDateTime, parseDateTime } from '../../../core/feature-spec';

/** One on-demand prediction the prober asked for, and what the caller was told. */
export interface Probe {
  flightId: string;
  at: number;
  ms: number;
  /** HTTP status, or 0 when no answer came (connection refused, timeout). */
  status: number;
  /** The error code and message the caller got, if it was refused. */
  error?: string;
}

const TIMEOUT_MS = 15_000;
/** Flight ids of the prober, far from the feed's: the conservation check tells them apart. */
const FIRST_ID = 900_000_000;

/**
 * A web-app user asking for one prediction every `everyMs`, throughout the suite: each answer is
 * either a stored prediction or an error with its reason, and the suite checks which.
 */
export class ApiProber {
  readonly probes: Probe[] = [];
  private timer: NodeJS.Timeout | undefined;
  private nextId = FIRST_ID;
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly apiUrl: () => string) {}

  start(everyMs = 1_000): void {
    this.timer = setInterval(() => {
      const probe = this.probe();
      this.inFlight.add(probe);
      void probe.finally(() => this.inFlight.delete(probe));
    }, everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  since(at: number): Probe[] {
    return this.probes.filter((p) => p.at >= at);
  }

  async probe(): Promise<void> {
    const flightId = String(this.nextId++);
    const origin = activeSpec.features.find((f) => f.name === 'origin');
    const codes = origin?.kind === 'category' ? origin.values : [];
    const row = {
      flight_id: flightId,
      date: formatDateTime(parseDateTime('2001-05-01 08:00') + (this.nextId % 5000) * 60_000),
      origin: codes[0],
      destination: codes[1],
      distance: 500,
    };
    const at = Date.now();
    const probe: Probe = { flightId, at, ms: 0, status: 0 };
    try {
      const response = await fetch(`${this.apiUrl()}/predict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ source: 'webapp', rows: [row] }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      probe.status = response.status;
      const body = (await response.json()) as { error?: { code: string; message: string } };
      if (body.error) probe.error = `${body.error.code}: ${body.error.message}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      probe.error = `no answer: ${cause ?? (error as Error).name}`;
    }
    probe.ms = Date.now() - at;
    this.probes.push(probe);
  }
}
