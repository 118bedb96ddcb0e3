/**
 * Graceful, bounded shutdown for long-running processes: on SIGINT, SIGTERM, or the loss of the
 * parent that started us with an IPC channel (`contrail up` killed), run `stop` once, and exit
 * when it finishes or when `timeoutMs` has passed, whichever comes first.
 */
export function onShutdown(stop: (reason: string) => Promise<void>, timeoutMs = 10_000): void {
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(1), timeoutMs);
    timer.unref();
    stop(reason).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (process.send) process.once('disconnect', () => shutdown('parent exited'));
}
