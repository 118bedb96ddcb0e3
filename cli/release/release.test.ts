import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCompose, readEnvFile } from '../../infra/support/compose-file';
import { REPO_ROOT } from '../runtime/node-child';
import { planRelease, RELEASE_IMAGES, ReleaseError, readReleaseSource, releaseCommands } from './release';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const contrail = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/contrail.cjs'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });

describe('contrail release', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const commit = git(REPO_ROOT, 'rev-parse', 'HEAD');
  const short = commit.slice(0, 12);

  it('--dry-run prints the docker build of each image, tagged with the version and the commit', () => {
    const result = contrail('release', '--dry-run');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(
      ['api', 'worker', 'webapp'].map(
        (name) =>
          `docker build --file infra/docker/${name}.Dockerfile --tag contrail-${name}:${version} ` +
          `--tag contrail-${name}:${version}-${short} --label org.opencontainers.image.version=${version} ` +
          `--label org.opencontainers.image.revision=${commit} .`,
      ),
    );
  });

  it('--push adds a registry to every tag and pushes each one after all the builds', () => {
    const lines = contrail('release', '--dry-run', '--push', 'registry.example.com/data/')
      .stdout.trim()
      .split('\n');
    expect(
      lines
        .slice(0, 3)
        .every(
          (l) => l.startsWith('docker build ') && l.includes('--tag registry.example.com/data/contrail-'),
        ),
    ).toBe(true);
    expect(lines.slice(3)).toEqual(
      RELEASE_IMAGES.flatMap(({ name }) => [
        `docker push registry.example.com/data/${name}:${version}`,
        `docker push registry.example.com/data/${name}:${version}-${short}`,
      ]),
    );
  });

  it('names the images exactly as the compose file runs them', () => {
    const compose = loadCompose({
      ...readEnvFile(path.join(REPO_ROOT, 'infra/env/prod.env.example')),
      CONTRAIL_REGISTRY: 'registry.example.com/data/',
      CONTRAIL_VERSION: `${version}-${short}`,
    });
    const source = { version, commit, shortCommit: short, dirty: false };
    const pushed = releaseCommands(source, 'registry.example.com/data')
      .filter(([verb]) => verb === 'push')
      .map(([, tag]) => tag);
    for (const service of Object.values(compose.services).filter((s) => s.build))
      expect(pushed).toContain(service.image);
  });

  it('rejects a registry that is not one, with the option named', () => {
    const result = contrail('release', '--dry-run', '--push', 'not a registry');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      '--push expects a registry such as registry.example.com/team, got "not a registry"',
    );
  });

  it('refuses to release uncommitted changes, and only warns in a dry run', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-release-'));
    fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ version: '9.9.9' }));
    git(repo, 'init', '-q');
    git(
      repo,
      '-c',
      'user.email=t@example.com',
      '-c',
      'user.name=t',
      'commit',
      '-qm',
      'init',
      '--allow-empty',
    );
    git(repo, 'add', 'package.json');
    git(repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'version');
    expect(readReleaseSource(repo)).toMatchObject({
      version: '9.9.9',
      dirty: false,
      commit: git(repo, 'rev-parse', 'HEAD'),
    });
    expect(planRelease(readReleaseSource(repo), {}).warning).toBeUndefined();

    fs.writeFileSync(path.join(repo, 'new-file.ts'), '');
    const dirty = readReleaseSource(repo);
    expect(() => planRelease(dirty, {})).toThrow(
      /^uncommitted changes: images built now would not match commit/,
    );
    expect(planRelease(dirty, { dryRun: true }).warning).toMatch(/\(a real release refuses\)$/);
    expect(() => readReleaseSource(path.join(repo, 'missing'))).toThrow(ReleaseError);
  });
});
