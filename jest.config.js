/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 120_000,
  // Temporal servers and workers are heavy: two cores, so at most two files at once.
  maxWorkers: 2,
  setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
};
