import type { ActionRun, RunOptions } from '../../scripts/local-runner.mjs'
import { secretScannedRuns } from './secret-scanned-runs.js'
import { runnerOutputs } from './untrusted-output.js'

/**
 * Like secretScannedRuns() (emulators per test, debug logging on, every run scanned for secrets),
 * for tests that judge the files themselves: `outputs` is read from the GITHUB_OUTPUT file by the
 * runner's rules (see untrusted-output.ts) rather than the local runner's, and `outputFile` and
 * `summary` are the files as the action wrote them.
 */
export function rawFileRuns() {
  const runs = secretScannedRuns()
  return {
    startEmulator: runs.startEmulator,
    async runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
      const run = await runs.runAction(inputs, options)
      return { ...run, outputs: runnerOutputs(run.outputFile).values }
    }
  }
}
