// Part 1: what each polling policy costs in API calls and in detection delay, simulated on a
// virtual clock: ours through the real waiter, the peers through their documented formulas.
import { readActionYml } from '../scripts/local-runner.mjs'
import { fixedDelay, simulatePeerWait, smithyDelay } from './policies.mjs'
import { seededRandom } from './seeded-random.mjs'
import { median, percentile } from './stats.mjs'
import { FIXED_15S } from './targets.mjs'

const MINUTE = 60_000
export const DURATIONS_MS = [
  MINUTE / 2,
  2 * MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  60 * MINUTE
]
export const RUNS = 2000
/** Snapshots do not finish on the second: each run's finish time is spread ±10% around it. */
const FINISH_SPREAD = 0.1
/** Long enough for the 60-minute snapshot (whose users would raise the 30-minute default). */
const SIMULATED_TIMEOUT_MS = 3 * 60 * MINUTE

/**
 * @typedef {import('./policies.mjs').SimulatedWait} SimulatedWait
 * @typedef {(finishedAtMs: number, random: () => number) => Promise<SimulatedWait> | SimulatedWait} Waiter
 * @typedef {{ name: string, label: string, wait: Waiter, jitterOf?: string }} Policy
 *   `jitterOf`: the policy whose jitter stream this one shares (same usual polls, fair comparison)
 * @typedef {{ calls: number, delayMedianMs: number, delayP95Ms: number }} CellResult
 * @typedef {{ durationMs: number, results: Map<string, CellResult> }} DurationResult
 */

/** Where the virtual clock starts: the snapshot waited for is created then. */
const CREATED_AT = Date.UTC(2026, 0, 1)
/** Past snapshots each history scenario gives the predictor, one a day before the wait. */
const HISTORY_SAMPLES = 20

/**
 * What an instance's past snapshots took, for a snapshot that will take `finishedAtMs`.
 * @typedef {{ label: string, name: string, pastDurations: (finishedAtMs: number, random: () => number) => number[] }} HistoryScenario
 */

/** @type {HistoryScenario[]} */
export const HISTORY_SCENARIOS = [
  {
    label: 'history: predictive',
    name: 'history that predicts well: past snapshots took this one’s duration ±10%',
    pastDurations: (f, random) => spread(f, 0.1, random)
  },
  {
    label: 'history: noisy',
    name: 'noisy history: past snapshots took this one’s duration ±50%',
    pastDurations: (f, random) => spread(f, 0.5, random)
  },
  {
    label: 'history: misleading',
    name: 'misleading history: this snapshot takes twice as long as the past ones (±10%)',
    pastDurations: (f, random) => spread(f / 2, 0.1, random)
  },
  { label: 'history: none', name: 'no history: a new instance', pastDurations: () => [] }
]

/**
 * @param {number} ms
 * @param {number} fraction
 * @param {() => number} random
 */
function spread(ms, fraction, random) {
  return Array.from(
    { length: HISTORY_SAMPLES },
    () => ms * (1 - fraction + 2 * fraction * random())
  )
}

/**
 * The instance's past snapshots as ListInstanceSnapshot would list them, newest first.
 * @param {number[]} durations
 */
function pastSnapshots(durations) {
  return durations.map((took, i) => {
    const created = CREATED_AT - (i + 1) * 24 * 3_600_000
    return {
      SnapshotId: `snp-past-${i}`,
      Status: 'Saved',
      GmtCreateTime: new Date(created).toISOString(),
      GmtModifiedTime: new Date(created + took).toISOString()
    }
  })
}

/**
 * Ours: the real waitForSnapshot, with the action.yml defaults and a clock whose sleeps only move
 * a number forward; with a history scenario, the real history-aware predictor too.
 * @param {typeof import('../src/wait/waiter.js')} waiter
 * @param {(name: string, value: string) => number} parseDuration
 * @param {{ scenario: HistoryScenario, prediction: typeof import('../src/wait/history-prediction.js'), seed: number }} [history]
 * @returns {Policy}
 */
export function ourPolicy(waiter, parseDuration, history) {
  const inputs = readActionYml().inputs
  const pollIntervalMs = parseDuration('poll-interval', inputs['poll-interval']?.default ?? '')
  const maxPollIntervalMs = parseDuration(
    'max-poll-interval',
    inputs['max-poll-interval']?.default ?? ''
  )
  const silent = { info() {}, warning() {}, debug() {} }
  const historyRandom = seededRandom(history?.seed ?? 0)
  return {
    name: history
      ? `this action with history-aware polling, ${history.scenario.name}`
      : `this action (defaults: ${pollIntervalMs / 1000} s doubling to ${maxPollIntervalMs / 1000} s, up to 10% shorter at random)`,
    label: history ? history.scenario.label : 'this action',
    // The same jitter as today's schedule: any difference in delay is the prediction's doing.
    jitterOf: 'this action',
    async wait(finishedAtMs, random) {
      let now = CREATED_AT
      /** @type {import('../src/clock.js').Clock} */
      const clock = { now: () => now, sleep: async ms => void (now += ms) }
      const past =
        history && pastSnapshots(history.scenario.pastDurations(finishedAtMs, historyRandom))
      const predictFinish =
        history &&
        history.prediction.finishPredictor({
          instanceId: 'dsw-bench',
          history: async () => past ?? [],
          successStatuses: ['Saved'],
          pollIntervalMs,
          clock,
          clockSkewMs: () => 0,
          log: silent
        })
      const outcome = await waiter.waitForSnapshot({
        subject: 'snapshot',
        predictFinish,
        poll: async () => ({
          snapshot: {
            SnapshotId: 'snp-bench',
            Status: now - CREATED_AT >= finishedAtMs ? 'Saved' : 'Pushing',
            ImageUrl: 'registry.example.com/bench/env:v1',
            GmtCreateTime: new Date(CREATED_AT).toISOString()
          },
          requestId: ''
        }),
        successStatuses: ['Saved'],
        failureStatuses: ['Failed'],
        deadline: waiter.Deadline.start(clock, SIMULATED_TIMEOUT_MS),
        pollIntervalMs,
        maxPollIntervalMs,
        notFoundTimeoutMs: 0,
        clock,
        random,
        log: silent
      })
      if (outcome.result !== 'success') throw new Error(`simulated wait ended: ${outcome.message}`)
      // The history page is one more request, when the predictor read it.
      const historyCalls = history ? 1 : 0
      return { calls: outcome.attempts + historyCalls, detectedAtMs: now - CREATED_AT }
    }
  }
}

/** @type {Policy[]} */
export const PEER_POLICIES = [
  { name: FIXED_15S, label: 'AWS CLI, 15 s', delay: fixedDelay(15_000) },
  {
    name: 'AWS SDK v3 waiter default (2–120 s, jittered exponential)',
    label: 'AWS SDK v3, 2–120 s',
    delay: smithyDelay(2_000, 120_000)
  },
  {
    name: 'amazon-ecs-deploy-task-definition (15–120 s, same formula)',
    label: 'ECS deploy, 15–120 s',
    delay: smithyDelay(15_000, 120_000)
  }
].map(({ delay, ...policy }) => ({
  ...policy,
  wait: (finishedAtMs, random) => simulatePeerWait(delay, finishedAtMs, random)
}))

/**
 * Every policy sees the same finish times (one seeded stream per duration), and its own seeded
 * jitter: the comparison is fair and the same on every run of the benchmark.
 * @param {Policy[]} policies
 * @returns {Promise<DurationResult[]>}
 */
export async function simulatePolicies(policies) {
  /** @type {DurationResult[]} */
  const table = []
  for (const [d, durationMs] of DURATIONS_MS.entries()) {
    /** @type {Map<string, CellResult>} */
    const results = new Map()
    for (const [p, policy] of policies.entries()) {
      const finishRandom = seededRandom(1_000 + d)
      const stream = policies.findIndex(other => other.label === policy.jitterOf)
      const jitter = seededRandom(100_000 * ((stream < 0 ? p : stream) + 1) + d)
      const calls = []
      const delays = []
      for (let run = 0; run < RUNS; run++) {
        const finishedAtMs = durationMs * (1 - FINISH_SPREAD + 2 * FINISH_SPREAD * finishRandom())
        const wait = await policy.wait(finishedAtMs, jitter)
        calls.push(wait.calls)
        delays.push(wait.detectedAtMs - finishedAtMs)
      }
      results.set(policy.name, {
        calls: median(calls),
        delayMedianMs: median(delays),
        delayP95Ms: percentile(delays, 95)
      })
    }
    table.push({ durationMs, results })
  }
  return table
}
