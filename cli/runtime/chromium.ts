import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Finds a Chromium for the browser tests: CHROMIUM_PATH, then the usual system paths, else installs
 * Debian's `chromium` package when running as root with apt (idempotent). Playwright's own browser
 * download cannot work on these machines.
 */
export function findOrInstallChromium(log: (line: string) => void): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (fs.existsSync(configured)) return configured;
    throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
  }
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (found) return found;
  if (process.getuid?.() !== 0 || spawnSync('which', ['apt-get']).status !== 0) {
    throw new Error('No Chromium found: install it (e.g. apt-get install chromium) or set CHROMIUM_PATH');
  }
  log('installing Chromium (apt-get install chromium) for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
  }
  const installed = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!installed) throw new Error('apt-get installed chromium, but no chromium binary was found');
  return installed;
}
