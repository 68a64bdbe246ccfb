import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/errors.js'
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

/** A transport that answers every request at once, noting when each was sent. */
const recordingTransport = (clock: { now(): number }, sent: number[]) => ({
  send: async (_request: HttpRequest) => {
    sent.push(clock.now())
    return { status: 200, headers: {}, body: '{}' }
  },
  close: async () => undefined
})

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
      recordingTransport(clock, sent),
      createRateLimiter(4, clock)
    )
    const request = { url: 'http://127.0.0.1/', method: 'GET', headers: {}, timeoutMs: 1 }
    const all = Promise.all([1, 2, 3].map(() => transport.send(request)))
    await clock.advanceTo(1000)
    await all
    expect(sent).toEqual([0, 250, 500])
  })

  it('starts no request after the deadline: one whose turn comes later is refused at once', async () => {
    const clock = new SteppedClock()
    const sent: number[] = []
    const transport = rateLimitedTransport(
      recordingTransport(clock, sent),
      createRateLimiter(4, clock),
      () => ({ lastStartAt: 500, timeoutMs: 500 })
    )
    const request = {
      url: 'http://127.0.0.1/api/v2/instances',
      method: 'GET',
      headers: {},
      timeoutMs: 1
    }
    const settled: (number | ApiError)[] = []
    const all = Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        transport.send(request).then(
          () => settled.push(clock.now()),
          (error: ApiError) => settled.push(error)
        )
      )
    )
    // Turns at 0, 250 and 500 (exactly at the deadline: on time); 750 and 1000 come too late.
    await clock.advanceTo(500)
    await all
    expect(sent).toEqual([0, 250, 500])
    const refused = settled.filter(s => s instanceof ApiError)
    expect(refused).toHaveLength(2)
    expect(refused[0]).toMatchObject({
      operation: 'GET /api/v2/instances',
      kind: 'network',
      code: 'NOT_SENT',
      serviceMessage: "not sent: the step's timeout (500ms) had passed"
    })
    // Refused without waiting for their turns, and without taking one: the clock never passed 500.
    expect(clock.now()).toBe(500)
    await clock.advanceTo(2000)
    await expect(transport.send(request)).rejects.toMatchObject({ code: 'NOT_SENT' })
    expect(sent).toHaveLength(3)
  })

  it('lets every request through when checking once (no last start)', async () => {
    const clock = new SteppedClock(10_000)
    const limiter = createRateLimiter(1, clock)
    const turns = [1, 2, 3].map(() => limiter.acquire(Infinity))
    await clock.advanceTo(20_000)
    expect(await Promise.all(turns)).toEqual([true, true, true])
  })
})
