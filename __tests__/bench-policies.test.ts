import { describe, expect, it } from '@jest/globals'
import { fixedDelay, simulatePeerWait, smithyDelay } from '../bench/policies.mjs'
import { HISTORY_SCENARIOS, PEER_POLICIES } from '../bench/polling.mjs'
import { seededRandom } from '../bench/seeded-random.mjs'
import { HISTORY_GOALS, historyTargets } from '../bench/targets.mjs'

const sdkDefault = smithyDelay(2000, 120_000)

describe('the benchmark models of the standard waiters', () => {
  it('AWS SDK v3: the first delay is minDelay, then uniform in [min, min(min·2^(n−1), max)]', () => {
    expect([1, 2, 3, 6, 7, 20].map(n => sdkDefault(n, () => 0))).toEqual([
      2000, 2000, 2000, 2000, 2000, 2000
    ])
    const ceilings = [1, 2, 3, 6, 7, 20].map(n => sdkDefault(n, () => 1))
    expect(ceilings).toEqual([2000, 4000, 8000, 64_000, 120_000, 120_000])
    expect(sdkDefault(4, () => 0.5)).toBe(2000 + 0.5 * (16_000 - 2000))
  })

  it('the ECS deploy action: the same formula from 15 s to 120 s', () => {
    const ecs = smithyDelay(15_000, 120_000)
    expect([1, 2, 3, 4, 5].map(n => ecs(n, () => 1))).toEqual([
      15_000, 30_000, 60_000, 120_000, 120_000
    ])
  })

  it('waits on a virtual clock: first poll at once, one poll per delay, stops at the first seen', () => {
    // AWS CLI: polls at 0, 15, … 105 s; a snapshot finished at 100 s is seen at 105 s.
    expect(simulatePeerWait(fixedDelay(15_000), 100_000, Math.random)).toEqual({
      calls: 8,
      detectedAtMs: 105_000
    })
    // Already finished: one call, seen at once.
    expect(simulatePeerWait(sdkDefault, 0, Math.random)).toEqual({ calls: 1, detectedAtMs: 0 })
    // SDK at its slowest: 0, 2, 6, 14, 30, 62, 126 s.
    expect(simulatePeerWait(sdkDefault, 100_000, () => 1)).toEqual({
      calls: 7,
      detectedAtMs: 126_000
    })
  })

  it('uses a seeded random source that repeats itself and stays in [0, 1)', () => {
    const draws = Array.from({ length: 1000 }, seededRandom(7))
    expect(Array.from({ length: 1000 }, seededRandom(7))).toEqual(draws)
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...draws)).toBeLessThan(1)
  })
})

describe('the benchmark history scenarios', () => {
  const D = 600_000

  it('draw every duration around the nominal one, as the scenario says, not around this one', () => {
    const draws = (key: string, k: number) => {
      const scenario = HISTORY_SCENARIOS.find(s => s.key === key)!
      const random = seededRandom(2)
      return Array.from({ length: 1000 }, () => scenario.draw(D, k, random) / D)
    }
    const uniform = draws('uniform', 3)
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(0.9)
    expect(Math.min(...uniform)).toBeLessThan(0.91)
    expect(Math.max(...uniform)).toBeLessThanOrEqual(1.1)
    expect(Math.max(...uniform)).toBeGreaterThan(1.09)
    expect(Math.max(...draws('misleading', 1))).toBeLessThanOrEqual(0.55)
    expect(Math.min(...draws('misleading', 0))).toBeGreaterThanOrEqual(0.9)
    const sizes = draws('two sizes', 0)
    expect(sizes.filter(d => d > 1.3).length).toBeGreaterThan(400)
    expect(sizes.filter(d => d < 1.2).length).toBeGreaterThan(400)
    // Drift: the snapshot 10 before this one was about 10% shorter.
    const drift = draws('drift', 10)
    expect(drift.reduce((a, b) => a + b) / drift.length).toBeCloseTo(1.01 ** -10, 2)
  })

  it('give every target a scenario, and judge a target by its goal or its alternative', () => {
    const keys = HISTORY_SCENARIOS.map(s => s.key)
    expect(Object.keys(HISTORY_GOALS).every(key => keys.includes(key))).toBe(true)
    const drift = HISTORY_SCENARIOS.find(s => s.key === 'drift')!
    const row = (durationMs: number, today: number[], aware: number[]) => ({
      durationMs,
      results: new Map([
        ['today', { calls: today[0]!, delayMedianMs: 0, delayP95Ms: today[1]! }],
        ['aware', { calls: aware[0]!, delayMedianMs: 0, delayP95Ms: aware[1]! }]
      ])
    })
    const verdict = (aware: number[]) =>
      historyTargets([
        {
          scenario: drift,
          aware: 'aware',
          awareLabel: 'aware',
          today: 'today',
          table: [120_000, 300_000, 900_000, 1_800_000].map(d => row(d, [10, 27_000], aware))
        }
      ])[0]!.met
    expect(verdict([22, 4900])).toBe(true) // ≤ 5 s at 2.2×
    expect(verdict([23, 4900])).toBe(false) // too many calls
    expect(verdict([10.5, 27_000])).toBe(true) // refused: today's p95 at ≤ 1.05×
    expect(verdict([10.5, 27_001])).toBe(false)
  })

  it('models the aliyun CLI waiter: a poll every 5 s, at most 600 s', () => {
    const aliyun = PEER_POLICIES.find(p => p.label.startsWith('aliyun'))!
    expect(aliyun.maxWaitMs).toBe(600_000)
    expect(aliyun.wait(12_000, Math.random, 12_000)).toEqual({ calls: 4, detectedAtMs: 15_000 })
  })
})
