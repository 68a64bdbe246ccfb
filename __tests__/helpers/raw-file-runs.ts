import { afterEach, expect } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ActionRun, type RunOptions, runAction } from '../../scripts/local-runner.mjs'
import { type Emulator, type EmulatorOptions, emulatorPerTest } from './emulator-per-test.js'
import { secretLeaks, secretsGiven } from './secret-leaks.js'
import { runnerOutputs } from './untrusted-output.js'

/** A run, with the GITHUB_OUTPUT file as the action wrote it, byte for byte. */
export interface RawFileRun extends ActionRun {
  /** The GITHUB_OUTPUT file's text. `outputs` holds it read as the runner reads it. */
  outputFile: string
}

/**
 * Like secretScannedRuns(), for tests that judge the files themselves: emulators per test, runs of
 * dist/index.js with debug logging on, whose GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files are kept
 * as written (`outputFile`, `summary`), and `outputs` parsed from that file by the runner's rules
 * (see untrusted-output.ts) rather than the local runner's. After each test, every run's log,
 * outputs and summary are scanned for the secrets its emulators know or it was given.
 */
export function rawFileRuns() {
  const startTestEmulator = emulatorPerTest()
  const emulators: Emulator[] = []
  const runs: { run: RawFileRun; secrets: string[] }[] = []

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
    async runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<RawFileRun> {
      const dir = mkdtempSync(join(tmpdir(), 'pai-dsw-raw-'))
      const outputPath = join(dir, 'output')
      const summaryPath = join(dir, 'summary')
      writeFileSync(outputPath, '')
      writeFileSync(summaryPath, '')
      const env = {
        RUNNER_DEBUG: '1',
        ...options.env,
        GITHUB_OUTPUT: outputPath,
        ...(options.noSummaryFile ? {} : { GITHUB_STEP_SUMMARY: summaryPath })
      }
      try {
        const run = await runAction(inputs, { ...options, env })
        const outputFile = readFileSync(outputPath, 'utf8')
        const raw: RawFileRun = {
          ...run,
          outputs: runnerOutputs(outputFile).values,
          summary: readFileSync(summaryPath, 'utf8'),
          outputFile
        }
        runs.push({ run: raw, secrets: secretsGiven(inputs, env) })
        return raw
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
}
