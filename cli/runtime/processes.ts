import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  logDir: string;
  /** Every output line, for the console; the log file always gets all of them. */
  onLine?: (line: string) => void;
  /** Node children get an IPC channel, and stop by themselves when this process dies. */
  ipc?: boolean;
}

/**
 * Starts a child in its own process group (so a terminal's Ctrl-C reaches only `contrail up`, which
 * then stops the children in order), writes its output to `<logDir>/<name>.log` and records its pid,
 * so a later start can clear a process left behind by a killed one.
 */
export function startProcess(options: SpawnOptions): ManagedProcess {
  fs.mkdirSync(options.logDir, { recursive: true });
  const log = fs.createWriteStream(path.join(options.logDir, `${options.name}.log`), { flags: 'a' });
  const child = spawn(options.command, options.args, {
    env: options.env ?? process.env,
    detached: true,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const pidFile = path.join(options.logDir, `${options.name}.pid`);
  if (child.pid) fs.writeFileSync(pidFile, String(child.pid));
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      log.write(`${line}\n`);
      options.onLine?.(line);
    });
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      fs.rmSync(pidFile, { force: true });
      log.end();
      resolve(code);
    });
    child.once('error', (error) => {
      log.write(`failed to start: ${error.message}\n`);
      resolve(null);
    });
  });
  if (options.ipc) child.unref();
  return {
    name: options.name,
    child,
    exited,
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Kills a process a previous, killed run left behind (only if it still looks like `expect`). */
export function killLeftover(logDir: string, name: string, expect: string): void {
  const pidFile = path.join(logDir, `${name}.pid`);
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  try {
    if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(expect)) process.kill(-pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
  fs.rmSync(pidFile, { force: true });
}
