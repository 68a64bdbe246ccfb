// Part 1: what each polling policy costs in API calls and in detection delay, simulated on a
// virtual clock: ours through the real waiter, the peers through their documented formulas.
import { readActionYml } from '../scripts/local-runner.mjs'
import { fixedDelay, simulatePeerWait, smithyDelay } from './policies.mjs'
import { seededRandom } from './seeded-random.mjs'
import { median, percentile } from './stats.mjs'
import { FIXED_15S } from './targets.mjs'

const MINUTE = 60_000
const DURATIONS_MS = [MINUTE / 2, 2 * MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE]
export const RUNS = 2000
/** Snapshots do not finish on the second: each run's finish time is spread ±10% around it. */
const FINISH_SPREAD = 0.1
/** Long enough for the 60-minute snapshot (whose users would raise the 30-minute default). */
const SIMULATED_TIMEOUT_MS = 3 * 60 * MINUTE

/**
 * @typedef {import('./policies.mjs').SimulatedWait} SimulatedWait
 * @typedef {(finishedAtMs: number, random: () => number) => Promise<SimulatedWait> | SimulatedWait} Waiter
 * @typedef {{ name: string, label: string, wait: Waiter }} Policy
 * @typedef {{ calls: number, delayMedianMs: number, delayP95Ms: number }} CellResult
 * @typedef {{ durationMs: number, results: Map<string, CellResult> }} DurationResult
 */

/**
 * Ours: the real waitForSnapshot, with the action.yml defaults and a clock whose sleeps only move
 * a number forward.
 * @param {typeof import('../src/wait/waiter.js')} waiter
 * @param {(name: string, value: string) => number} parseDuration
 * @returns {Policy}
 */
export function ourPolicy(waiter, parseDuration) {
  const inputs = readActionYml().inputs
  const pollIntervalMs = parseDuration('poll-interval', inputs['poll-interval']?.default ?? '')
  const maxPollIntervalMs = parseDuration(
    'max-poll-interval',
    inputs['max-poll-interval']?.default ?? ''
  )
  const silent = { info() {}, warning() {}, debug() {} }
  return {
    name: `this action (defaults: ${pollIntervalMs / 1000} s doubling to ${maxPollIntervalMs / 1000} s, up to 10% shorter at random)`,
    label: 'this action',
    async wait(finishedAtMs, random) {
      let now = 0
      /** @type {import('../src/clock.js').Clock} */
      const clock = { now: () => now, sleep: async ms => void (now += ms) }
      const outcome = await waiter.waitForSnapshot({
        subject: 'snapshot',
        poll: async () => ({
          snapshot: {
            Status: now >= finishedAtMs ? 'Saved' : 'Pushing',
            ImageUrl: 'registry.example.com/bench/env:v1'
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
      return { calls: outcome.attempts, detectedAtMs: now }
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
      const jitter = seededRandom(100_000 * (p + 1) + d)
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
