import fs from 'node:fs';
import path from 'node:path';
import { RELEASE_IMAGES } from '../cli/release/release';
import { contrailServices, loadCompose, REPO_ROOT } from './support/compose-file';
import { copiesOf, execForm, instructionsOf, keywordsOf, readDockerfile } from './support/dockerfile';
import { dockerIgnored } from './support/docker-ignore';
import { importGraph } from './support/import-graph';
import { devEnv, dockerfileOf, entryPointOf } from './support/stack';

// What `npm ci --omit=dev` installs at the top of node_modules: where `require('x')` finds x.
const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
};
const productionPackages = Object.entries(lock.packages)
  .filter(([key, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && !entry.dev && !entry.devOptional)
  .map(([key]) => key.slice('node_modules/'.length));
const compose = loadCompose(devEnv());
// Tools that only developer commands locate (`contrail test` starts jest, `contrail up` builds the
// web app with vite); images never run them.
const DEVELOPER_TOOLS = ['jest', 'vite'];

describe.each(RELEASE_IMAGES.map((image) => [image.dockerfile]))('%s', (file) => {
  const dockerfile = readDockerfile(file);
  const { runtime, stages } = dockerfile;
  const servicesBuilt = contrailServices(compose).filter(([, s]) => dockerfileOf(s).file === file);

  it('builds in stages and ships only the last one', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const names = stages.map((s) => s.name);
    for (const copy of copiesOf(runtime).filter((c) => c.from)) expect(names).toContain(copy.from);
    expect(keywordsOf(runtime)).not.toContain('ARG'); // nothing of the build leaks in as an argument
  });

  it('starts from a pinned Node image, the same for every Contrail image', () => {
    for (const stage of stages) expect(stage.image).toMatch(/^node:\d+\.\d+\.\d+-[\w-]+$/);
    expect(runtime.image).toBe(readDockerfile(RELEASE_IMAGES[0].dockerfile).runtime.image);
  });

  it('runs as a user that is not root', () => {
    const users = instructionsOf(runtime, 'USER').map((u) => u.getArgumentsContent());
    expect(users.at(-1)).toMatch(/^(?!root$|0$)\w+$/);
    expect(keywordsOf(runtime).lastIndexOf('USER')).toBeLessThan(keywordsOf(runtime).indexOf('CMD'));
  });

  it('checks its own health with the probe compose uses', () => {
    const [healthcheck] = instructionsOf(runtime, 'HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const probe = execForm(healthcheck!);
    expect(probe.slice(0, 2)).toEqual(['node', 'infra/docker/healthcheck.cjs']);
    expect(copiesOf(runtime).some((c) => c.sources.includes('infra/docker/healthcheck.cjs'))).toBe(true);
    for (const [, service] of servicesBuilt.filter(([, s]) => s.restart !== 'no')) {
      expect(service.healthcheck?.test).toEqual(['CMD', ...probe]);
    }
  });

  it('installs production dependencies only in the image it ships', () => {
    const modules = copiesOf(runtime).find((c) => c.destination === './node_modules');
    const source = stages.find((s) => s.name === modules?.from);
    const installs = source ? instructionsOf(source, 'RUN').map((r) => r.getArgumentsContent()) : [];
    expect(installs.some((run) => /npm ci --omit=dev --ignore-scripts/.test(run ?? ''))).toBe(true);
  });

  // Each service built from this file runs an entry point; whatever that loads must be in the image.
  it.each(servicesBuilt.map(([name, service]) => [name, entryPointOf(service)]))(
    'copies what %s needs to run %s, and its packages are production dependencies',
    (_service, entry) => {
      const graph = importGraph(entry);
      const copies = copiesOf(runtime);
      const provided = (file: string) =>
        // The last COPY that writes a path is the one whose file the image keeps.
        copies.findLast(({ from, sources }) =>
          sources.some((s) => {
            const source = from ? path.relative('/app', s) : s.replace(/\/$/, '');
            return file === source || file.startsWith(`${source}/`);
          }),
        );
      for (const file of graph.files) {
        const copy = provided(file);
        expect({ file, copied: Boolean(copy) }).toEqual({ file, copied: true });
        if (!copy!.from) expect({ file, ignored: dockerIgnored(file) }).toEqual({ file, ignored: false });
      }
      expect([...graph.packages].filter((p) => !productionPackages.includes(p))).toEqual([]);
      const tools = [...productionPackages, ...DEVELOPER_TOOLS];
      expect([...graph.located].filter((p) => !tools.includes(p))).toEqual([]);
    },
  );
});

describe('the images build what their code cannot do without', () => {
  it('generates the Prisma client in a build stage for every image whose code uses it', () => {
    for (const { dockerfile: file } of RELEASE_IMAGES) {
      const dockerfile = readDockerfile(file);
      const entries = contrailServices(compose)
        .filter(([, s]) => dockerfileOf(s).file === file)
        .map(([, s]) => entryPointOf(s));
      const usesClient = entries.some((e) =>
        [...importGraph(e).files].some((f) => f.startsWith('core/db/generated/')),
      );
      const generated = copiesOf(dockerfile.runtime).find((c) => c.destination === './core/db/generated');
      if (!usesClient) continue;
      expect({ file, copiesClient: Boolean(generated) }).toEqual({ file, copiesClient: true });
      const build = dockerfile.stages.find((s) => s.name === generated!.from)!;
      expect(
        instructionsOf(build, 'RUN').some((r) =>
          /node prisma\/generate\.cjs/.test(r.getArgumentsContent() ?? ''),
        ),
      ).toBe(true);
    }
  });

  it('builds the web app bundle (npm run build:webapp) and ships webapp/dist beside its server', () => {
    const dockerfile = readDockerfile('infra/docker/webapp.Dockerfile');
    const dist = copiesOf(dockerfile.runtime).find((c) => c.destination === './webapp/dist');
    expect(dist?.sources).toEqual(['/app/webapp/dist']);
    const build = dockerfile.stages.find((s) => s.name === dist?.from)!;
    expect(
      instructionsOf(build, 'RUN').some((r) => /npm run build:webapp/.test(r.getArgumentsContent() ?? '')),
    ).toBe(true);
  });
});

describe('.dockerignore', () => {
  // Whatever git keeps out (data, installs, generated code, local env and secrets) stays out of
  // the build context too, and so does the history.
  const gitIgnored = fs
    .readFileSync(path.join(REPO_ROOT, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it.each(gitIgnored)('leaves out what .gitignore leaves out: %s', (pattern) => {
    const sample = pattern.replace(/^\/|\/$/g, '').replace(/\*/g, 'sample');
    expect(dockerIgnored(`${sample}/inner-file`) || dockerIgnored(sample)).toBe(true);
    if (!pattern.startsWith('/')) expect(dockerIgnored(`some/folder/${sample}`)).toBe(true);
  });

  it('leaves out the git history and keeps the sources', () => {
    expect(dockerIgnored('.git/HEAD')).toBe(true);
    for (const file of [
      'package.json',
      'package-lock.json',
      'api/main.ts',
      'core/config.ts',
      'prisma/schema.prisma',
    ]) {
      expect({ file, ignored: dockerIgnored(file) }).toEqual({ file, ignored: false });
    }
  });
});
