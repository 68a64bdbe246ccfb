import { errorMessage } from '../errors.js'
import { isNotSent } from '../http/rate-limiter.js'
import { type LoopPacing, type Retry, loopUntilDone } from './loop.js'
import { FailureHistory, serverRequestedDelay } from './retry-policy.js'

export interface RetryOptions extends LoopPacing {
  notFoundTimeoutMs: number
  /**
   * Which failures are worth attempt `n + 1`, where the waiter's rules (retry-policy.ts) are not
   * the caller's: STS gets a few quick retries of its passing faults.
   */
  worthRetrying?: (error: unknown, n: number) => boolean
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled')
    this.name = 'CancelledError'
  }
}

/** An attempt that went well but found nothing yet: made again, its retry line saying why. */
export interface NotYet {
  notYet: Retry
}

const isNotYet = (value: unknown): value is NotYet =>
  typeof value === 'object' && value !== null && 'notYet' in value

/** The deadline passed while every attempt found nothing yet (no failure to tell). */
export class NothingYetError extends Error {
  constructor() {
    super('Nothing yet at the deadline')
    this.name = 'NothingYetError'
  }
}

/**
 * Runs a one-off call (such as finding which snapshots to wait for) with the waiter's retry rules:
 * transient failures are retried on the polling backoff until the deadline, and so is an answer
 * that says `NotYet`; anything else, or the last failure at the deadline, is thrown (a request
 * refused at the deadline is no failure of its own: the one before it is thrown; with none,
 * `NothingYetError`).
 */
export async function retrying<T>(
  operation: () => Promise<T | NotYet>,
  options: RetryOptions
): Promise<T> {
  const failures = new FailureHistory(options.notFoundTimeoutMs)
  let value: T | undefined
  let lastError: unknown
  const ending = await loopUntilDone(options, async n => {
    try {
      const answer = await operation()
      // A good answer: the failures before it are over.
      lastError = undefined
      if (isNotYet(answer)) return { done: false, retries: [answer.notYet], retryAfterMs: 0 }
      value = answer
      return { done: true }
    } catch (error) {
      if (options.signal?.aborted) return { done: false, retries: [], retryAfterMs: 0 }
      // Refused at the deadline, never sent: the last failure that was sent says what went wrong.
      if (isNotSent(error)) {
        lastError ??= error
        return { done: false, retries: [], retryAfterMs: 0 }
      }
      lastError = error
      const decision = options.worthRetrying
        ? { retry: options.worthRetrying(error, n), note: undefined }
        : failures.record(error, options.deadline.elapsed())
      if (!decision.retry) throw error
      const retry = { what: errorMessage(error), note: decision.note }
      return { done: false, retries: [retry], retryAfterMs: serverRequestedDelay(error) }
    }
  })
  if (ending === 'cancelled') throw new CancelledError()
  if (ending === 'deadline') throw lastError ?? new NothingYetError()
  return value as T
}
