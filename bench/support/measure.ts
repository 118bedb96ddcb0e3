import os from 'node:os';

export interface Measurement {
  wallMs: number;
  cpuMs: number;
}

/** Runs `work` `times` times (after one warm-up) and returns each run's wall and CPU time. */
export async function measure(times: number, work: () => unknown): Promise<Measurement[]> {
  await work();
  const runs: Measurement[] = [];
  for (let i = 0; i < times; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await work();
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    runs.push({ wallMs, cpuMs: (used.user + used.system) / 1000 });
  }
  return runs;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const rate = (rows: number, ms: number) => `${(((rows / ms) * 1000) / 1e6).toFixed(2)}M rows/s`;

/** The machine's load, printed with every figure: on a shared 2-core machine it moves them a lot. */
export const loadNote = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`;
