import { ApiProber } from './api-prober';
import { type Conservation, checkConservation, waitUntilSettled } from './conservation';
import { FaultReport } from './fault-report';
import { RawFeed } from './raw-feed';
import { type FaultSystem, startFaultSystem } from './system';

/**
 * A raw file every this often, and an on-demand prediction every this often: the steady flow. An
 * ingestion run takes one file, and runs take 1.5 to 3.5 s on this loaded machine, so a file every
 * 6 s leaves the flow room to catch up after each fault.
 */
export const FEED_EVERY_MS = 6_000;
export const PROBE_EVERY_MS = 1_000;

/** The running system with its steady flow of raw files and on-demand predictions, shared by the scenarios. */
export interface Flow {
  system: FaultSystem;
  feed: RawFeed;
  prober: ApiProber;
  report: FaultReport;
  /** Stops the feed, waits until everything fed is ingested and predicted, checks conservation, restarts the feed. */
  settleAndCheck(timeoutMs?: number): Promise<Conservation>;
  stop(): Promise<void>;
}

export async function startFlow(): Promise<Flow> {
  const system = await startFaultSystem();
  const feed = new RawFeed(system.paths.rawData);
  const prober = new ApiProber(() => system.api.url);
  const report = new FaultReport();
  feed.start(FEED_EVERY_MS);
  prober.start(PROBE_EVERY_MS);
  return {
    system,
    feed,
    prober,
    report,
    async settleAndCheck(timeoutMs = 150_000) {
      feed.stop();
      try {
        await waitUntilSettled(system, feed.files, timeoutMs);
        return await checkConservation(system, feed.files, prober.probes);
      } finally {
        feed.start(FEED_EVERY_MS);
      }
    },
    async stop() {
      feed.stop();
      await prober.stop();
      await system.stop();
    },
  };
}
