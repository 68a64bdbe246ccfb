// Mutation testing of every module of src/ (see CONTRIBUTING.md, "Mutation testing").
// `npm run test:mutation`; the report is written to reports/mutation/ and summed up in MUTATION.md
// by `node scripts/mutation-report.mjs`.
// StrykerJS runs through npx (the test:mutation script pins its versions), not from node_modules.
// TypeScript is given there as `typescript@npm:typescript@6.0.3` so that npx installs it next to
// the checker: a plain `typescript@…` is satisfied by this project's copy, which code in npx's
// cache cannot import, and the checker's peer dependency then pulls TypeScript 7, which lacks the
// compiler API that StrykerJS calls.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  mutate: ['src/**/*.ts'],
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: { configFile: 'jest.unit.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Two cores here: Stryker splits this between type-checkers and test runners (2 and 2).
  concurrency: 4,
  // A mutant that loops forever is caught by this; the tests themselves never wait on the wall clock.
  timeoutMS: 3000,
  // Static mutants (module-level constants) re-run every test with a fresh module: costly, and the
  // constants that matter are pinned by tests of the values they produce.
  ignoreStatic: true,
  // Committed, so that a re-run after a small change tests only the mutants whose code or tests
  // changed. A run of some modules (`-- --mutate …`) updates it too: StrykerJS keeps the results
  // of the modules it did not mutate.
  incremental: true,
  incrementalFile: 'mutation/stryker-incremental.json',
  thresholds: { high: 90, low: 80, break: null },
  // bench/ stays: unit tests import its seeded randomness (history's finish-estimate tests).
  ignorePatterns: ['dist', 'reports', '/mutation', '.ci', 'docs']
}
