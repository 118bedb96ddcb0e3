import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { findOrInstallChromium } from '../runtime/chromium';
import { REPO_ROOT } from '../runtime/node-child';
import { findOrInstallTemporalCli } from '../runtime/temporal-cli';

export const JEST_RESULTS = path.join(REPO_ROOT, 'test-output', 'jest-results.json');

function hasBrowserTests(dir: string): boolean {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'data' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() ? hasBrowserTests(full) : entry.name.endsWith('.browser.test.ts')) return true;
  }
  return false;
}

export function registerTestCommand(program: Command): void {
  program
    .command('test')
    .description(
      'run every test against real servers: finds or installs the Temporal CLI (and Chromium), then runs jest',
    )
    .argument('[jest-args...]', 'passed to jest (e.g. a path pattern)')
    .allowUnknownOption()
    .action((jestArgs: string[]) => {
      const say = (line: string) => console.log(`contrail: ${line}`);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        TEMPORAL_CLI_PATH: findOrInstallTemporalCli(process.env.TEMPORAL_CLI_PATH, say),
      };
      if (hasBrowserTests(REPO_ROOT)) env.CHROMIUM_PATH = findOrInstallChromium(say);
      fs.mkdirSync(path.dirname(JEST_RESULTS), { recursive: true });
      const result = spawnSync(
        process.execPath,
        [require.resolve('jest/bin/jest'), '--ci', '--json', `--outputFile=${JEST_RESULTS}`, ...jestArgs],
        { cwd: REPO_ROOT, env, stdio: 'inherit' },
      );
      process.exit(result.status ?? 1);
    });
}
