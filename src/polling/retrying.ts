import { errorMessage } from '../errors.js'
import { isNotSent } from '../http/rate-limiter.js'
import { type LoopPacing, loopUntilDone } from './loop.js'
import { FailureHistory, serverRequestedDelay } from './retry-policy.js'

export interface RetryOptions extends LoopPacing {
  notFoundTimeoutMs: number
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled')
    this.name = 'CancelledError'
  }
}

/**
 * Runs a one-off call (such as finding which snapshots to wait for) with the waiter's retry rules:
 * transient failures are retried on the polling backoff until the deadline; anything else, or
 * the last failure at the deadline, is thrown (a request refused at the deadline is no failure
 * of its own: the one before it is thrown).
 */
export async function retrying<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  const failures = new FailureHistory(options.notFoundTimeoutMs)
  let value: T | undefined
  let lastError: unknown
  const ending = await loopUntilDone(options, async () => {
    try {
      value = await operation()
      return { done: true }
    } catch (error) {
      if (options.signal?.aborted) return { done: false, retries: [], retryAfterMs: 0 }
      // Refused at the deadline, never sent: the last failure that was sent says what went wrong.
      if (isNotSent(error)) {
        lastError ??= error
        return { done: false, retries: [], retryAfterMs: 0 }
      }
      lastError = error
      const decision = failures.record(error, options.deadline.elapsed())
      if (!decision.retry) throw error
      const retry = { what: errorMessage(error), note: decision.note }
      return { done: false, retries: [retry], retryAfterMs: serverRequestedDelay(error) }
    }
  })
  if (ending === 'cancelled') throw new CancelledError()
  if (ending === 'deadline') throw lastError
  return value as T
}
