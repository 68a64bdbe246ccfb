import base from './jest.config.js'

/**
 * The unit tests alone: what mutation testing runs on every mutant. The end-to-end and emulator
 * suites start processes and servers, which mutants of `src/` cannot change (they run `dist/`).
 */
export default {
  ...base,
  reporters: ['default'],
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '<rootDir>/__tests__/e2e/',
    '<rootDir>/__tests__/emulator/',
    // It reads the last build's bundler stats; mutants never change what was bundled.
    '<rootDir>/__tests__/licenses.test.ts',
    // It hashes src/, which StrykerJS instruments in its sandbox: it would fail every run there.
    '<rootDir>/__tests__/mutation-freshness.test.ts',
    // It starts the emulator and runs the official chain in a process per configuration: too
    // slow for every mutant; the unit tests of credentials/ cover the same rules.
    '<rootDir>/__tests__/credentials/official-chain-oracle.test.ts'
  ]
}
