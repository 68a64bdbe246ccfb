// Part 3: one real run of dist/index.js against the emulator, as a workflow step runs it (job
// summary included): how many requests it made, and how soon it exited once the snapshot was Saved.
import { runAction } from '../scripts/local-runner.mjs'
import { SNAPSHOT, benchInputs, startBenchEmulator } from './bench-snapshot.mjs'

/** Short phases and intervals keep the run to a few seconds; the exit path is the same. */
export const E2E_SCENARIO = {
  timeline: [
    { status: 'Committing', ms: 1000 },
    { status: 'Pushing', ms: 1500 },
    { status: 'Saved' }
  ],
  inputs: { 'poll-interval': '1s', 'max-poll-interval': '2s', timeout: '1m' }
}

/**
 * @typedef {object} EndToEndResult
 * @property {number} requests
 * @property {string} result the action's `result` output
 * @property {number} savedToExitMs from the emulator reaching Saved to the process exiting
 * @property {number} lastPollToExitMs from the poll that saw Saved arriving to the process exiting
 */

/** @returns {Promise<EndToEndResult>} */
export async function measureEndToEnd() {
  const emulator = await startBenchEmulator(E2E_SCENARIO.timeline)
  let exitedAt = NaN
  try {
    const run = await runAction(
      benchInputs(emulator, E2E_SCENARIO.inputs),
      // The emulator stamps requests with Date.now(), so the exit is stamped on the same clock.
      { onSpawn: child => child.on('exit', () => (exitedAt = Date.now())) }
    )
    const savedAt = emulator.statusReachedAt(SNAPSHOT.snapshotId, 'Saved')
    const lastPoll = emulator.requests.at(-1)
    if (run.exitCode !== 0 || savedAt === undefined || !lastPoll) {
      throw new Error(`end-to-end run failed (exit code ${run.exitCode}):\n${run.log}`)
    }
    return {
      requests: emulator.requests.length,
      result: run.outputs.result ?? '',
      savedToExitMs: exitedAt - savedAt,
      lastPollToExitMs: exitedAt - lastPoll.at
    }
  } finally {
    await emulator.close()
  }
}
