import type { Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { ApiError } from '../errors.js'
import type { HttpRequest, Transport } from './transport.js'

export interface RateLimiter {
  /**
   * Resolves true when the caller may send its request; false, at once and without taking a turn,
   * when its turn would come after `lastStartAt` (on the limiter's clock).
   */
  acquire(lastStartAt?: number): Promise<boolean>
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
    async acquire(lastStartAt = Infinity) {
      const now = clock.now()
      const slot = Math.max(now, nextSlot)
      if (slot > lastStartAt) return false
      nextSlot = slot + spacingMs
      if (slot > now) await clock.sleep(slot - now)
      return true
    }
  }
}

/** The step's deadline as requests see it (`Deadline` in src/polling/deadline.ts is one). */
export interface RequestDeadline {
  /** The last clock time a request may start at; Infinity when any time will do. */
  readonly lastStartAt: number
  /** The `timeout` input, for the error that says why a request was not sent. */
  readonly timeoutMs: number
}

/** The code of a request refused because the step's deadline had passed: it was never sent. */
export const NOT_SENT = 'NOT_SENT'

/** Whether a request failed because it was refused at the deadline, never sent. */
export function isNotSent(error: unknown): boolean {
  return error instanceof ApiError && error.code === NOT_SENT
}

/**
 * The step's transport: every request first waits for the shared limiter, and none starts after
 * the step's deadline — one whose turn would come later is refused at once, without waiting, as a
 * network failure (so every loop ends it the way it ends a request that ran out of time).
 */
export function rateLimitedTransport(
  transport: Transport,
  limiter: RateLimiter,
  /** The step's deadline, once it has started (none before: requests start any time). */
  deadline: () => RequestDeadline | undefined = () => undefined
): Transport {
  return {
    send: async request => {
      // A slot taken while undici still loads would be spent before the request could leave.
      await transport.prepare?.()
      const limit = deadline()
      if (!(await limiter.acquire(limit?.lastStartAt))) throw notSent(request, limit!)
      return transport.send(request)
    },
    prepare: () => transport.prepare?.() ?? Promise.resolve(),
    close: () => transport.close()
  }
}

function notSent(request: HttpRequest, deadline: RequestDeadline): ApiError {
  return new ApiError({
    operation: `${request.method} ${new URL(request.url).pathname}`,
    kind: 'network',
    code: NOT_SENT,
    serviceMessage: `not sent: the step's timeout (${formatDuration(deadline.timeoutMs)}) had passed`
  })
}
