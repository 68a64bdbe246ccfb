import { describe, expect, it } from '@jest/globals'
import { fixedDelay, simulatePeerWait, smithyDelay } from '../bench/policies.mjs'
import { seededRandom } from '../bench/seeded-random.mjs'

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
