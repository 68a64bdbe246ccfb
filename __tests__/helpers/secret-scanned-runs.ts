import { afterEach, expect } from '@jest/globals'
import { type ActionRun, type RunOptions, runAction } from '../../scripts/local-runner.mjs'
import { type Emulator, type EmulatorOptions, emulatorPerTest } from './emulator-per-test.js'
import { secretLeaks, secretsGiven } from './secret-leaks.js'

/**
 * For an e2e test file: emulators per test, and runs of dist/index.js with debug logging on. After
 * each test, every run's full output is scanned for every secret the test's emulators know (keys,
 * tokens, the ID tokens and credentials they issued) or the run was given; none may show outside
 * `::add-mask::`.
 */
export function secretScannedRuns() {
  const startTestEmulator = emulatorPerTest()
  const emulators: Emulator[] = []
  const runs: { run: ActionRun; secrets: string[] }[] = []

  afterEach(() => {
    const secrets = emulators.flatMap(emulator => emulator.secrets())
    const leaks = runs.flatMap(({ run, secrets: given }) =>
      secretLeaks(run, [...secrets, ...given])
    )
    emulators.length = 0
    runs.length = 0
    expect(leaks).toEqual([])
  })

  return {
    async startEmulator(options?: EmulatorOptions): Promise<Emulator> {
      const emulator = await startTestEmulator(options)
      emulators.push(emulator)
      return emulator
    },
    async runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
      const env = { RUNNER_DEBUG: '1', ...options.env }
      const run = await runAction(inputs, { ...options, env })
      runs.push({ run, secrets: secretsGiven(inputs, env) })
      return run
    }
  }
}
