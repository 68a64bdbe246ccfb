import { formatDuration } from '../duration.js'
import { ApiError, errorMessage } from '../errors.js'
import { CancelledError } from '../polling/retrying.js'
import type { WaitOutcome, WaitResult } from './snapshot-tracker.js'

/** The outcome of a check that ended before any wait: nothing found, or nothing to wait for. */
export function notWaited(result: WaitResult, message: string, waitedMs: number): WaitOutcome {
  return { result, message, snapshotId: '', attempts: 0, waitedMs, timeline: [] }
}

/** The outcome when finding (or creating) what to wait for did not succeed. */
export function failedBeforeWait(
  doing: { failed: string; while: string },
  error: unknown,
  waitedMs: number
): WaitOutcome {
  if (error instanceof CancelledError) return cancelledWhile(doing.while, waitedMs)
  const transient = error instanceof ApiError && error.retryable
  const result = transient ? 'timeout' : 'error'
  return { ...notWaited(result, `${doing.failed}: ${errorMessage(error)}`, waitedMs), error }
}

/** The outcome of a step cancelled before any wait began. */
export function cancelledWhile(doing: string, waitedMs: number): WaitOutcome {
  return notWaited(
    'cancelled',
    `Cancelled after ${formatDuration(waitedMs)} while ${doing}`,
    waitedMs
  )
}
