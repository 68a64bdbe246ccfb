import { describe, expect, it } from '@jest/globals'
import { pollDelay } from '../../src/polling/schedule.js'

const policy = { initialMs: 5000, maxMs: 30_000 }

describe('pollDelay', () => {
  it('doubles from the first interval up to the cap without jitter at random = 0', () => {
    const delays = [1, 2, 3, 4, 5, 50].map(n => pollDelay(policy, n, () => 0))
    expect(delays).toEqual([5000, 10_000, 20_000, 30_000, 30_000, 30_000])
  })

  it('only ever shortens a delay, by at most 10%', () => {
    for (const n of [1, 3, 8]) {
      const full = pollDelay(policy, n, () => 0)
      const most = pollDelay(policy, n, () => 0.999999)
      expect(most).toBeLessThan(full)
      expect(most).toBeGreaterThanOrEqual(full * 0.9)
    }
  })
})
