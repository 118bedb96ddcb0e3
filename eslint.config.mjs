// Lint rules that carry design decisions (see STYLE.md): workflow code stays deterministic and
// imports activities as types only; no import cycles; no floating promises.
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'core/db/generated/**',
      'webapp/dist/**',
      'test-output/**',
      'coverage/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Temporal replays workflow code: it must not touch the outside world.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*'],
              message: 'Workflow code is deterministic: no Node built-ins (do it in an activity).',
            },
            {
              group: ['@prisma/*', '**/db/*', '**/db'],
              message: 'Workflow code never talks to the database: use an activity.',
            },
            {
              group: ['zod', 'axios', 'pg', 'pg-*', 'nodemailer', 'papaparse', 'arquero', 'express'],
              message: 'Workflow code does no I/O or parsing: use an activity.',
            },
            {
              group: ['**/activities', '**/activities/*'],
              allowTypeImports: true,
              message: 'Import activities as types only: proxyActivities<typeof activities>().',
            },
          ],
          paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net'].map((name) => ({
            name,
            message: 'Workflow code is deterministic: no Node built-ins (do it in an activity).',
          })),
        },
      ],
    },
  },
);
