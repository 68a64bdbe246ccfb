// Part 2: how long `node dist/index.js` takes to start and how much memory it needs, as a ratio
// to bare Node, measured in alternating runs so that both see the same machine load.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, runnerInputEnv } from '../scripts/local-runner.mjs'
import { benchInputs, startBenchEmulator } from './bench-snapshot.mjs'
import { median } from './stats.mjs'
import { timedNode } from './timed-node.mjs'

const ROUNDS = 20
const DIST = join(ROOT, 'dist')

/**
 * @typedef {{ wallMs: number, peakMiB: number, ratio: number }} StartupFigure
 * @typedef {{
 *   runtime: import('./runtimes.mjs').Runtime, rounds: number,
 *   bare: StartupFigure, missingInput: StartupFigure,
 *   firstResponse: StartupFigure & { responseSentMs: number }, distBytes: number, entryBytes: number
 * }} StartupResult
 */

/**
 * @param {import('./runtimes.mjs').Runtime} runtime
 * @returns {Promise<StartupResult>}
 */
export async function measureStartup(runtime) {
  /** @type {number[]} */
  const responseTimes = []
  const emulator = await startBenchEmulator([{ status: 'Saved' }], {
    onRequest: () => responseTimes.push(performance.now())
  })
  const dir = mkdtempSync(join(tmpdir(), 'pai-dsw-bench-'))
  // What the runner gives every step; nothing else leaks in from this process.
  const runner = { PATH: process.env.PATH ?? '', GITHUB_ACTIONS: 'true', RUNNER_TEMP: dir }
  const step = { ...runner, GITHUB_OUTPUT: join(dir, 'output') }
  writeFileSync(step.GITHUB_OUTPUT, '')
  const cases = {
    bare: { args: ['-e', '0'], env: runner, exitCode: 0 },
    // The runner applies action.yml defaults; the required IDs are missing.
    missingInput: {
      args: [join(DIST, 'index.js')],
      env: { ...step, ...runnerInputEnv({}) },
      exitCode: 1
    },
    // timeout 0 polls once: the process ends right after handling the first response.
    firstResponse: {
      args: [join(DIST, 'index.js')],
      env: {
        ...step,
        ...runnerInputEnv(benchInputs(emulator, { timeout: '0', 'job-summary': 'false' }))
      },
      exitCode: 0
    }
  }
  /** @type {Record<keyof cases, import('./timed-node.mjs').TimedRun[]>} */
  const runs = { bare: [], missingInput: [], firstResponse: [] }
  /** @type {number[]} */
  const responseSent = []
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, spec] of /** @type {[keyof cases, typeof cases.bare][]} */ (
        Object.entries(cases)
      )) {
        const started = performance.now()
        responseTimes.length = 0
        const run = await timedNode(runtime.path, spec.args, spec.env)
        if (run.exitCode !== spec.exitCode) {
          throw new Error(
            `${name}: exit code ${run.exitCode}, expected ${spec.exitCode}:\n${run.stdout}`
          )
        }
        if (name === 'firstResponse') responseSent.push((responseTimes[0] ?? NaN) - started)
        runs[name].push(run)
      }
    }
  } finally {
    await emulator.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const bareMs = median(runs.bare.map(run => run.wallMs))
  /** @param {import('./timed-node.mjs').TimedRun[]} samples @returns {StartupFigure} */
  const figure = samples => {
    const wallMs = median(samples.map(run => run.wallMs))
    return { wallMs, peakMiB: median(samples.map(run => run.peakMiB)), ratio: wallMs / bareMs }
  }
  return {
    runtime,
    rounds: ROUNDS,
    bare: figure(runs.bare),
    missingInput: figure(runs.missingInput),
    firstResponse: { ...figure(runs.firstResponse), responseSentMs: median(responseSent) },
    distBytes: directorySize(DIST),
    entryBytes: statSync(join(DIST, 'index.js')).size
  }
}

/** @param {string} dir */
function directorySize(dir) {
  let bytes = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size
  }
  return bytes
}
