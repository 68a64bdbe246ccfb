import { describe, expect, it } from '@jest/globals'
import type { HttpRequest } from '../../src/http/transport.js'
import { createRateLimiter, rateLimitedTransport } from '../../src/http/rate-limiter.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

/** A virtual clock whose sleeps resolve only when the test advances time, like real timers. */
class SteppedClock extends VirtualClock {
  private timers: { at: number; resolve: () => void }[] = []

  override async sleep(ms: number): Promise<void> {
    return new Promise(resolve => this.timers.push({ at: this.time + ms, resolve }))
  }

  /** Moves time forward, firing due timers in order and letting their callers run. */
  async advanceTo(time: number): Promise<void> {
    // Let callers that may already go run at the current time first.
    await new Promise(resolve => setImmediate(resolve))
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at)
      const next = this.timers[0]
      if (!next || next.at > time) break
      this.timers.shift()
      this.time = next.at
      next.resolve()
      await new Promise(resolve => setImmediate(resolve))
    }
    this.time = time
  }
}

describe('createRateLimiter', () => {
  it('holds 20 concurrent callers to 5 starts per second, in call order', async () => {
    const clock = new SteppedClock()
    const limiter = createRateLimiter(5, clock)
    const started: [number, number][] = []
    const callers = Array.from({ length: 20 }, (_, i) =>
      limiter.acquire().then(() => started.push([i, clock.now()]))
    )
    await clock.advanceTo(10_000)
    await Promise.all(callers)
    expect(started.map(([i]) => i)).toEqual([...Array(20).keys()])
    expect(started.map(([, at]) => at)).toEqual(Array.from({ length: 20 }, (_, i) => i * 200))
    // In any one-second window, at most 5 starts.
    for (const [, at] of started) {
      expect(
        started.filter(([, other]) => other >= at && other < at + 1000).length
      ).toBeLessThanOrEqual(5)
    }
  })

  it('lets a caller through at once after an idle spell', async () => {
    const clock = new SteppedClock()
    const limiter = createRateLimiter(2, clock)
    await limiter.acquire()
    await clock.advanceTo(5000)
    let passed = false
    void limiter.acquire().then(() => (passed = true))
    await new Promise(resolve => setImmediate(resolve))
    expect(passed).toBe(true)
  })

  it('applies to every request sent through a limited transport', async () => {
    const clock = new SteppedClock()
    const sent: number[] = []
    const transport = rateLimitedTransport(
      {
        send: async (_request: HttpRequest) => {
          sent.push(clock.now())
          return { status: 200, headers: {}, body: '{}' }
        },
        close: async () => undefined
      },
      createRateLimiter(4, clock)
    )
    const request = { url: 'http://127.0.0.1/', method: 'GET', headers: {}, timeoutMs: 1 }
    const all = Promise.all([1, 2, 3].map(() => transport.send(request)))
    await clock.advanceTo(1000)
    await all
    expect(sent).toEqual([0, 250, 500])
  })
})
