import { pollDelay } from './backoff.js'
import type { Clock } from '../clock.js'
import { errorMessage } from '../errors.js'
import type { Deadline } from './deadline.js'
import { FailureHistory, retryLine, serverRequestedDelay } from './retry-policy.js'

export interface RetryOptions {
  /** The step's deadline: a failure after it is final; its start counts the not-found grace. */
  deadline: Deadline
  pollIntervalMs: number
  maxPollIntervalMs: number
  notFoundTimeoutMs: number
  clock: Clock
  random: () => number
  log: { info(message: string): void }
  signal?: AbortSignal
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
 * the last failure at the deadline, is thrown.
 */
export async function retrying<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { clock } = options
  const policy = { initialMs: options.pollIntervalMs, maxMs: options.maxPollIntervalMs }
  const failures = new FailureHistory(options.notFoundTimeoutMs)
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (options.signal?.aborted) throw new CancelledError()
      const decision = failures.record(error, options.deadline.elapsed())
      const remaining = options.deadline.remaining()
      if (!decision.retry || remaining <= 0) throw error
      const delay = Math.min(
        Math.max(pollDelay(policy, attempt, options.random), serverRequestedDelay(error)),
        remaining
      )
      options.log.info(retryLine(attempt, errorMessage(error), decision.note, delay))
      await clock.sleep(delay, options.signal)
      if (options.signal?.aborted) throw new CancelledError()
    }
  }
}
