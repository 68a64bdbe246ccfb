import type { Clock } from '../clock.js'
import type { Transport } from './transport.js'

export interface RateLimiter {
  /** Resolves when the caller may send its request. */
  acquire(): Promise<void>
}

/**
 * At most `perSecond` starts per second across every caller, spaced evenly: a fleet-wide check
 * must not trip the account's API throttling, however many snapshots it waits for at once.
 * Reservations are handed out synchronously, so concurrent callers are queued in call order.
 */
export function createRateLimiter(perSecond: number, clock: Clock): RateLimiter {
  const spacingMs = 1000 / perSecond
  let nextSlot = -Infinity
  return {
    acquire() {
      const now = clock.now()
      const slot = Math.max(now, nextSlot)
      nextSlot = slot + spacingMs
      return slot > now ? clock.sleep(slot - now) : Promise.resolve()
    }
  }
}

/** The same transport, with every request first waiting for the shared limiter. */
export function rateLimitedTransport(transport: Transport, limiter: RateLimiter): Transport {
  return {
    send: async request => {
      // A slot taken while undici still loads would be spent before the request could leave.
      await transport.prepare?.()
      await limiter.acquire()
      return transport.send(request)
    },
    prepare: () => transport.prepare?.() ?? Promise.resolve(),
    close: () => transport.close()
  }
}
