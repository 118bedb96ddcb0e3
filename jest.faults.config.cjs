// `npm run test:faults`: the fault-injection suite (tests/faults). Long (several minutes) and with
// servers of its own (a Postgres, a Temporal dev server on SQLite, a loop-mounted data folder),
// so it is not part of `npm test`: see docs/RELIABILITY.md.
'use strict';
const base = require('./jest.config.cjs');

module.exports = {
  testEnvironment: base.testEnvironment,
  roots: ['<rootDir>/tests/faults'],
  testMatch: ['**/*.fault.ts'],
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  moduleFileExtensions: base.moduleFileExtensions,
  testTimeout: 15 * 60_000,
  maxWorkers: 1,
};
