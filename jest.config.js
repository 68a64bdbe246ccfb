import { availableParallelism } from 'node:os'

/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.stryker-tmp/'],
  testTimeout: 30000,
  // The end-to-end tests mostly wait (on timers, child processes and loopback sockets), so a few
  // more workers than cores finish sooner: 3 on a 2-core machine. (Jest reads a percentage above
  // 100% as a count.)
  maxWorkers: Math.ceil(availableParallelism() * 1.5),
  reporters: ['default', '<rootDir>/scripts/fault-suite-reporter.mjs']
}
