import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

function run(bin: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', bin), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// The type checker and the linter carry design rules (strict types, deterministic workflows,
// no import cycles, no floating promises): a violation fails the test run like any other test.
describe('static checks', () => {
  it('type-checks strictly (tsc --noEmit)', () => {
    const { status, output } = run('typescript/bin/tsc', ['--noEmit', '-p', 'tsconfig.json']);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 180_000);

  // The browser app has its own tsconfig (DOM types, JSX, no Node): the root one leaves its .tsx out.
  it('type-checks the browser app strictly (tsc -p webapp/src)', () => {
    const { status, output } = run('typescript/bin/tsc', ['--noEmit', '-p', 'webapp/src/tsconfig.json']);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 180_000);

  it('passes ESLint, including the workflow import boundaries and import/no-cycle', () => {
    const { status, output } = run('eslint/bin/eslint.js', ['.', '--max-warnings', '0']);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 180_000);

  it('is formatted with Prettier', () => {
    const { status, output } = run('prettier/bin/prettier.cjs', ['--check', '.', '--log-level', 'warn']);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);
});
