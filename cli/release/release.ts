import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The images a release builds, each from its Dockerfile, all with the repository root as context. */
export const RELEASE_IMAGES = [
  { name: 'contrail-api', dockerfile: 'infra/docker/api.Dockerfile' },
  { name: 'contrail-worker', dockerfile: 'infra/docker/worker.Dockerfile' },
  { name: 'contrail-webapp', dockerfile: 'infra/docker/webapp.Dockerfile' },
] as const;

export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

export interface ReleaseSource {
  version: string;
  commit: string;
  shortCommit: string;
  /** Uncommitted changes: the images would not be what the commit says. */
  dirty: boolean;
}

function git(root: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new ReleaseError(`git ${args.join(' ')} failed in ${root}: ${(result.stderr ?? '').trim()}`);
  }
  return result.stdout.trim();
}

export function readReleaseSource(root: string): ReleaseSource {
  const manifest = path.join(root, 'package.json');
  if (!fs.existsSync(manifest)) throw new ReleaseError(`no package.json in ${root}`);
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string };
  if (!version) throw new ReleaseError(`package.json in ${root} has no version`);
  return {
    version,
    commit: git(root, ['rev-parse', 'HEAD']),
    shortCommit: git(root, ['rev-parse', '--short=12', 'HEAD']),
    dirty: git(root, ['status', '--porcelain']) !== '',
  };
}

/** `registry.example.com/team` -> `registry.example.com/team/`: the prefix of every image name. */
export function registryPrefix(registry: string | undefined): string {
  if (!registry) return '';
  const trimmed = registry.replace(/\/+$/, '');
  if (!/^[\w.-]+(:\d+)?(\/[\w.-]+)*$/.test(trimmed)) {
    throw new ReleaseError(`--push expects a registry such as registry.example.com/team, got "${registry}"`);
  }
  return `${trimmed}/`;
}

/** The docker commands of a release, as docker's argument lists: build each image, then push its tags. */
export function releaseCommands(source: ReleaseSource, registry?: string): string[][] {
  const prefix = registryPrefix(registry);
  const builds: string[][] = [];
  const pushes: string[][] = [];
  for (const image of RELEASE_IMAGES) {
    const tags = [source.version, `${source.version}-${source.shortCommit}`].map(
      (tag) => `${prefix}${image.name}:${tag}`,
    );
    builds.push([
      'build',
      '--file',
      image.dockerfile,
      ...tags.flatMap((tag) => ['--tag', tag]),
      '--label',
      `org.opencontainers.image.version=${source.version}`,
      '--label',
      `org.opencontainers.image.revision=${source.commit}`,
      '.',
    ]);
    if (registry) pushes.push(...tags.map((tag) => ['push', tag]));
  }
  return [...builds, ...pushes];
}

/**
 * What `contrail release` does: the docker commands, and a warning when the working tree has
 * uncommitted changes. A real release refuses those (the images would not be what the commit
 * says); a dry run only warns.
 */
export function planRelease(
  source: ReleaseSource,
  options: { push?: string; dryRun?: boolean },
): { commands: string[][]; warning?: string } {
  const commands = releaseCommands(source, options.push);
  if (!source.dirty) return { commands };
  const problem = `uncommitted changes: images built now would not match commit ${source.shortCommit}`;
  if (!options.dryRun) throw new ReleaseError(`${problem}; commit or stash them first`);
  return { commands, warning: `${problem} (a real release refuses)` };
}
