// Part 1: what each polling policy costs in API calls and in detection delay, simulated on a
// virtual clock: ours through the real waiter, the peers through their documented formulas.
import { readActionYml } from '../scripts/local-runner.mjs'
import { fixedDelay, simulatePeerWait, smithyDelay } from './policies.mjs'
import { normalDraw, seededRandom } from './seeded-random.mjs'
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
 * @typedef {(finishedAtMs: number, random: () => number, nominalMs: number) => Promise<SimulatedWait> | SimulatedWait} Waiter
 * @typedef {{ name: string, label: string, wait: Waiter, jitterOf?: string, maxWaitMs?: number }} Policy
 *   `jitterOf`: the policy whose jitter stream this one shares (same usual polls, fair comparison);
 *   `maxWaitMs`: the longest wait the tool allows (longer ones are simulated as if it could)
 * @typedef {{ calls: number, delayMedianMs: number, delayP95Ms: number, predictedShare?: number }} CellResult
 * @typedef {{ durationMs: number, results: Map<string, CellResult> }} DurationResult
 */

/** Where the virtual clock starts: the snapshot waited for is created then. */
const CREATED_AT = Date.UTC(2026, 0, 1)
/** Past snapshots most history scenarios give the predictor, one a day before the wait. */
const HISTORY_SAMPLES = 20

/**
 * @param {number} ms
 * @param {number} share
 * @param {() => number} random
 */
const uniformAround = (ms, share, random) => ms * (1 - share + 2 * share * random())

/**
 * How long a snapshot of a `nominalMs` duration takes: each one, past or waited for, an
 * independent draw.
 * @typedef {(nominalMs: number, random: () => number) => number} DurationDraw
 */

/** @type {DurationDraw} */
export const uniformFinish = (nominalMs, random) => uniformAround(nominalMs, FINISH_SPREAD, random)

/**
 * An instance's past snapshots and the one waited for. `draw(nominal, k, random)` is how long the
 * snapshot `k` snapshots before this one took (k = 0: this one), an independent draw each.
 * @typedef {object} HistoryScenario
 * @property {string} key
 * @property {string} label
 * @property {string} name
 * @property {number} samples past snapshots the predictor sees
 * @property {(nominalMs: number, k: number, random: () => number) => number} draw
 */

/** @type {HistoryScenario[]} */
export const HISTORY_SCENARIOS = [
  {
    key: 'uniform',
    label: 'uniform ±10%',
    name: 'past snapshots and this one each uniform over the duration ±10%',
    samples: HISTORY_SAMPLES,
    draw: (d, _, random) => uniformFinish(d, random)
  },
  {
    key: 'log-normal',
    label: 'log-normal σ 8%',
    name: 'past snapshots and this one each log-normal around the duration, σ 8%',
    samples: HISTORY_SAMPLES,
    draw: (d, _, random) => d * Math.exp(0.08 * normalDraw(random))
  },
  {
    key: 'drift',
    label: 'drift +1%/snapshot',
    name: 'each snapshot 1% longer than the one before (this one: the duration), each ±10%',
    samples: HISTORY_SAMPLES,
    draw: (d, k, random) => uniformFinish(d * 1.01 ** -k, random)
  },
  {
    key: '5 samples',
    label: '5 samples',
    name: 'only 5 past snapshots, they and this one each uniform over the duration ±10%',
    samples: 5,
    draw: (d, _, random) => uniformFinish(d, random)
  },
  {
    key: 'two sizes',
    label: 'two sizes',
    name: 'two image sizes: each snapshot, this one too, at the duration or 1.6× it (even odds), ±10%',
    samples: HISTORY_SAMPLES,
    draw: (d, _, random) => uniformFinish(random() < 0.5 ? d : 1.6 * d, random)
  },
  {
    key: 'noisy',
    label: 'noisy ±50%',
    name: 'past snapshots and this one each uniform over the duration ±50%',
    samples: HISTORY_SAMPLES,
    draw: (d, _, random) => uniformAround(d, 0.5, random)
  },
  {
    key: 'misleading',
    label: 'misleading',
    name: 'this snapshot takes twice as long as the past ones: they half the duration ±10%, it the duration ±10%',
    samples: HISTORY_SAMPLES,
    draw: (d, k, random) => uniformFinish(k === 0 ? d : d / 2, random)
  },
  {
    key: 'none',
    label: 'no history',
    name: 'a new instance: no past snapshot; this one uniform over the duration ±10%',
    samples: 0,
    draw: (d, _, random) => uniformFinish(d, random)
  }
]

/**
 * The service's times are whole seconds: `2026-01-01T00:00:00Z`, the fraction cut off.
 * @param {number} ms
 */
const serviceTime = ms => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')

/**
 * The instance's past snapshots as ListInstanceSnapshot would list them, newest first, one a day
 * (at a random fraction of a second) before `createdAt`.
 * @param {number[]} durations
 * @param {number} createdAt
 * @param {() => number} random
 */
function pastSnapshots(durations, createdAt, random) {
  return durations.map((took, i) => {
    const created = createdAt - (i + 1) * 24 * 3_600_000 + Math.floor(1000 * random())
    return {
      SnapshotId: `snp-past-${i}`,
      Status: 'Saved',
      GmtCreateTime: serviceTime(created),
      GmtModifiedTime: serviceTime(created + took)
    }
  })
}

/**
 * Ours: the real waitForSnapshot, with the action.yml defaults and a clock whose sleeps only move
 * a number forward; with a history scenario, the real history-aware predictor too, reading past
 * snapshots drawn afresh for each run, and this one created at a random fraction of a second.
 * @param {typeof import('../src/check/waiter.js')} waiter
 * @param {(name: string, value: string) => number} parseDuration
 * @param {{ scenario: HistoryScenario, prediction: typeof import('../src/history/prediction.js'), seed: number }} [history]
 * @returns {Policy}
 */
export function ourPolicy(waiter, parseDuration, history) {
  const inputs = readActionYml().inputs
  const pollIntervalMs = parseDuration('poll-interval', inputs['poll-interval']?.default ?? '')
  const maxPollIntervalMs = parseDuration(
    'max-poll-interval',
    inputs['max-poll-interval']?.default ?? ''
  )
  const historyRandom = seededRandom(history?.seed ?? 0)
  return {
    name: history
      ? `this action with history-aware polling, ${history.scenario.name}`
      : `this action (defaults: ${pollIntervalMs / 1000} s doubling to ${maxPollIntervalMs / 1000} s, up to 10% shorter at random)`,
    label: history ? `history-aware, ${history.scenario.label}` : 'this action',
    // The same jitter as today's schedule: any difference in delay is the prediction's doing.
    jitterOf: 'this action',
    async wait(finishedAtMs, random, nominalMs) {
      const createdAt = CREATED_AT + Math.floor(1000 * historyRandom())
      let now = createdAt
      let predicted = false
      /** @type {import('../src/clock.js').Clock} */
      const clock = { now: () => now, sleep: async ms => void (now += ms) }
      const log = {
        info: (/** @type {string} */ line) => void (predicted ||= line.startsWith('The last')),
        warning() {},
        debug() {}
      }
      const scenario = history?.scenario
      const past =
        scenario &&
        pastSnapshots(
          Array.from({ length: scenario.samples }, (_, i) =>
            scenario.draw(nominalMs, i + 1, historyRandom)
          ),
          createdAt,
          historyRandom
        )
      const predictFinish =
        history &&
        history.prediction.finishPredictor({
          instanceId: 'dsw-bench',
          history: async () => past ?? [],
          successStatuses: ['Saved'],
          pollIntervalMs,
          clock,
          clockSkewMs: () => 0,
          log
        })
      const outcome = await waiter.waitForSnapshot({
        subject: 'snapshot',
        predictFinish,
        poll: async () => ({
          snapshot: {
            SnapshotId: 'snp-bench',
            Status: now - createdAt >= finishedAtMs ? 'Saved' : 'Pushing',
            ImageUrl: 'registry.example.com/bench/env:v1',
            GmtCreateTime: serviceTime(createdAt)
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
        log
      })
      if (outcome.result !== 'success') throw new Error(`simulated wait ended: ${outcome.message}`)
      // The history page is one more request, when the predictor read it.
      const historyCalls = history ? 1 : 0
      return { calls: outcome.attempts + historyCalls, detectedAtMs: now - createdAt, predicted }
    }
  }
}

/** The aliyun CLI's `--waiter` allows a timeout of at most 600 s. */
export const ALIYUN_MAX_WAIT_MS = 10 * MINUTE

/** @type {Policy[]} */
export const PEER_POLICIES = [
  {
    name: 'aliyun CLI `--waiter` (fixed 5 s; its timeout is at most 600 s)',
    label: 'aliyun CLI --waiter, 5 s',
    delay: fixedDelay(5_000),
    maxWaitMs: ALIYUN_MAX_WAIT_MS
  },
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
 * Every policy sees the same finish times (one seeded stream per duration, drawn by `finish`), and
 * its own seeded jitter: the comparison is fair and the same on every run of the benchmark.
 * @param {Policy[]} policies
 * @param {DurationDraw} [finish]
 * @returns {Promise<DurationResult[]>}
 */
export async function simulatePolicies(policies, finish = uniformFinish) {
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
      let predicted = 0
      for (let run = 0; run < RUNS; run++) {
        const finishedAtMs = finish(durationMs, finishRandom)
        const wait = await policy.wait(finishedAtMs, jitter, durationMs)
        calls.push(wait.calls)
        delays.push(wait.detectedAtMs - finishedAtMs)
        if (wait.predicted) predicted++
      }
      results.set(policy.name, {
        calls: median(calls),
        delayMedianMs: median(delays),
        delayP95Ms: percentile(delays, 95),
        predictedShare: predicted / RUNS
      })
    }
    table.push({ durationMs, results })
  }
  return table
}
