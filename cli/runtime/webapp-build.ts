import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './node-child';

const WEBAPP = path.join(REPO_ROOT, 'webapp');
export const WEBAPP_DIST = path.join(WEBAPP, 'dist');
/** What the bundle is made of: the app, the feature spec it renders, its build config and the locked dependencies. */
const SOURCES = [
  path.join(WEBAPP, 'src'),
  path.join(WEBAPP, 'index.html'),
  path.join(WEBAPP, 'vite.config.mts'),
  path.join(REPO_ROOT, 'core', 'feature-spec'),
  path.join(REPO_ROOT, 'package-lock.json'),
];
const LOCK = path.join(WEBAPP, '.build-lock');

function newestMtime(file: string): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

/** True when webapp/dist is missing or older than any of its sources. */
export function webappIsStale(): boolean {
  const built = fs.statSync(path.join(WEBAPP_DIST, 'index.html'), { throwIfNoEntry: false });
  return !built || SOURCES.some((source) => newestMtime(source) > built.mtimeMs);
}

function viteBin(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    return undefined;
  }
}

function build(vite: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', path.join(WEBAPP, 'vite.config.mts'), '--logLevel', 'warn'],
      {
        cwd: REPO_ROOT,
        // NODE_ENV from a test run (jest sets `test`) would bundle React's development build.
        env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      for (const line of output.split('\n').filter(Boolean)) log(line);
      if (code === 0) resolve();
      else reject(new Error(`building the web app failed (vite exit ${code}):\n${output.trim()}`));
    });
  });
}

/** Holds a lock directory while `work` runs, so two starts at once (parallel test files) build once. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockIsAbandoned()) fs.rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Its holder died (or never wrote its pid and a build's worth of time has passed). */
function lockIsAbandoned(): boolean {
  const pidFile = path.join(LOCK, 'pid');
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8')) || 0;
  } catch {
    // Not written yet, or the lock was just released.
  }
  if (!pid) return Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 120_000;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * Builds the web app when its bundle is missing or older than its sources (`npm start` calls this,
 * so nobody runs a stale app); a no-op otherwise. Returns whether it built.
 */
export async function ensureWebappBuilt(log: (line: string) => void): Promise<boolean> {
  if (!webappIsStale()) return false;
  const vite = viteBin();
  if (!vite) {
    // An install without dev dependencies cannot build: serve the bundle it has, if any.
    if (fs.existsSync(path.join(WEBAPP_DIST, 'index.html'))) return false;
    throw new Error(
      'the web app is not built and vite is not installed: run `npm install` (with dev dependencies)',
    );
  }
  return withLock(async () => {
    if (!webappIsStale()) return false;
    log('building the web app (webapp/dist is missing or older than its sources)…');
    await build(vite, log);
    return true;
  });
}
