import type { ManagedProcess } from './processes';

/**
 * Keeps a child running: when it exits on its own it is started again after a growing pause
 * (1 s, 2 s, 4 s… up to 30 s; the pause resets after a minute of good health).
 */
export class Supervisor {
  private current: ManagedProcess;
  private stopped = false;
  private restarts = 0;
  private startedAt = Date.now();

  constructor(
    private readonly start: () => ManagedProcess,
    private readonly onRestart: (name: string, code: number | null, delayMs: number) => void,
  ) {
    this.current = start();
    void this.watch();
  }

  private async watch(): Promise<void> {
    while (!this.stopped) {
      const code = await this.current.exited;
      if (this.stopped) return;
      if (Date.now() - this.startedAt > 60_000) this.restarts = 0;
      const delayMs = Math.min(30_000, 1000 * 2 ** this.restarts++);
      this.onRestart(this.current.name, code, delayMs);
      await new Promise((r) => setTimeout(r, delayMs));
      if (this.stopped) return;
      this.startedAt = Date.now();
      this.current = this.start();
    }
  }

  get process(): ManagedProcess {
    return this.current;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.current.stop();
  }
}
