/**
 * CPU time spent by the processes a benchmark drives (the API, Postgres, the benchmark itself),
 * read from Linux's /proc. Unlike a rate, CPU time per request barely moves with what else the
 * machine runs, so it gives the ceiling the cores set: cores / CPU per unit of work.
 */
import fs from 'node:fs';
import os from 'node:os';

/** Linux counts process CPU in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const MS_PER_TICK = 10;

const pids = () => fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));

/** utime + stime of one process in ms, 0 once it is gone. */
function processCpuMs(pid: string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/** The process listening on a TCP port of this machine, or undefined (not Linux, or not ours to see). */
export function pidListeningOn(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cells = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; the socket's inode is the tenth cell.
      if (cells[1]?.endsWith(`:${hexPort}`) && cells[3] === '0A') inodes.add(`socket:[${cells[9]}]`);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const pid of pids()) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (inodes.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) return pid;
      } catch {
        // the descriptor closed while we looked
      }
    }
  }
  return undefined;
}

/** Every Postgres process (server, backends, background workers) on this machine. */
function postgresPids(): string[] {
  return pids().filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
    } catch {
      return false;
    }
  });
}

export interface CpuSample {
  api: number;
  postgres: number;
  self: number;
}

export interface CpuMeter {
  /** Whether /proc shows the API's process (Linux, same machine). */
  readonly available: boolean;
  sample(): CpuSample;
}

/** Samples the API listening on `apiPort`, all of Postgres, and this process. */
export function cpuMeter(apiPort: number): CpuMeter {
  const apiPid = fs.existsSync('/proc/self/stat') ? pidListeningOn(apiPort) : undefined;
  return {
    available: apiPid !== undefined,
    sample: () => ({
      api: apiPid ? processCpuMs(apiPid) : NaN,
      // A backend that exits between two samples takes its time with it: Postgres may be
      // under-counted a little (pools keep their connections), never over-counted.
      postgres: postgresPids().reduce((sum, pid) => sum + processCpuMs(pid), 0),
      self: processCpuMs(String(process.pid)),
    }),
  };
}

/**
 * CPU per unit of work between two samples, and the rate the machine's cores allow if they did
 * nothing else and the three overlapped perfectly: an upper bound, not a forecast.
 */
export function cpuPerUnit(before: CpuSample, after: CpuSample, units: number) {
  const api = (after.api - before.api) / units;
  const postgres = (after.postgres - before.postgres) / units;
  const self = (after.self - before.self) / units;
  const total = api + postgres + self;
  return { api, postgres, self, total, ceilingPerSecond: (os.cpus().length * 1000) / total };
}
