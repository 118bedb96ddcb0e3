import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { planRelease, registryPrefix, ReleaseError, readReleaseSource } from '../release/release';
import { REPO_ROOT } from '../runtime/node-child';

const quote = (arg: string) => (/^[\w./:=@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

export function registerReleaseCommand(program: Command): void {
  program
    .command('release')
    .description(
      'build the api, worker and web app images tagged <version> and <version>-<commit> (docker), optionally push them',
    )
    .option('--push <registry>', 'also push every tag to this registry (e.g. registry.example.com/team)')
    .option('--dry-run', 'print the docker commands instead of running them')
    .action((options: { push?: string; dryRun?: boolean }) => {
      const source = readReleaseSource(REPO_ROOT);
      const { commands, warning } = planRelease(source, options);
      if (warning) console.error(`contrail: warning: ${warning}`);
      if (options.dryRun) {
        for (const args of commands) console.log(['docker', ...args].map(quote).join(' '));
        return;
      }
      for (const args of commands) {
        console.log(`$ ${['docker', ...args].map(quote).join(' ')}`);
        const result = spawnSync('docker', args, { cwd: REPO_ROOT, stdio: 'inherit' });
        if (result.error) throw new ReleaseError(`cannot run docker: ${result.error.message}`);
        if (result.status !== 0) throw new ReleaseError(`docker ${args[0]} failed (exit ${result.status})`);
      }
      console.log(`released ${source.version} (${source.shortCommit}); deploy it with, in infra/.env:`);
      console.log(`  CONTRAIL_VERSION=${source.version}-${source.shortCommit}`);
      if (options.push) console.log(`  CONTRAIL_REGISTRY=${registryPrefix(options.push)}`);
    });
}
