import { formatDuration } from '../duration.js'
import { ApiError } from '../errors.js'

/** Longest server-requested pause we honour: the official SDK caps `x-acs-retry-after` alike. */
export const MAX_RETRY_AFTER_MS = 120_000

/** Attempts at a host that has never answered before the endpoint is taken for wrong. */
export const UNREACHABLE_ATTEMPTS = 3

/** How long the service's `InternalError` on a 4xx is retried, from its first occurrence. */
export const INTERNAL_ERROR_RETRY_MS = 60_000

export interface RetryState {
  /** Milliseconds since the wait started. */
  elapsedMs: number
  /** How long "not found" is taken for eventual consistency rather than a wrong ID. */
  notFoundTimeoutMs: number
  /** Failures of this same kind so far, this one excluded. */
  earlierOfKind: number
  /** Milliseconds since the first failure of this kind (0 for the first). */
  sinceFirstOfKindMs: number
}

export type RetryDecision = { retry: true; note?: string } | { retry: false; note?: string }

/**
 * Whether a failed poll is worth another try. Transient failures always are (within the
 * overall timeout). Permanent-looking ones get a grace: a snapshot that is not found yet may
 * just have been created, a host that is not found may be a resolver's blip (retried once), and
 * a host that refuses may be restarting (three attempts in all).
 */
export function decideRetry(error: unknown, state: RetryState): RetryDecision {
  if (!(error instanceof ApiError)) return { retry: false }
  if (error.retryable) return { retry: true }
  if (error.kind === 'not-found') {
    if (state.elapsedMs < state.notFoundTimeoutMs) {
      return {
        retry: true,
        note: `not found yet; a new snapshot can take a moment to appear (waiting up to ${formatDuration(state.notFoundTimeoutMs)})`
      }
    }
    return { retry: false, note: `still not found after ${formatDuration(state.elapsedMs)}` }
  }
  if (error.kind === 'internal') {
    const limit = formatDuration(INTERNAL_ERROR_RETRY_MS)
    return state.sinceFirstOfKindMs < INTERNAL_ERROR_RETRY_MS
      ? { retry: true, note: `the service reported an internal error; retrying for up to ${limit}` }
      : { retry: false, note: `still failing after ${limit} of retries` }
  }
  if (error.kind === 'host-not-found' && state.earlierOfKind === 0) return { retry: true }
  // A refused connection may be a restart; three in a row at a silent host are a wrong endpoint.
  if (error.kind === 'unreachable' && state.earlierOfKind < UNREACHABLE_ATTEMPTS - 1) {
    return { retry: true }
  }
  return { retry: false }
}

/** Decides retries for one waited-for thing, remembering how often each kind has failed. */
export class FailureHistory {
  private readonly byKind = new Map<string, { count: number; firstAtMs: number }>()

  constructor(private readonly notFoundTimeoutMs: number) {}

  record(error: unknown, elapsedMs: number): RetryDecision {
    const kind = error instanceof ApiError ? error.kind : 'unexpected'
    const seen = this.byKind.get(kind) ?? { count: 0, firstAtMs: elapsedMs }
    this.byKind.set(kind, { ...seen, count: seen.count + 1 })
    return decideRetry(error, {
      elapsedMs,
      notFoundTimeoutMs: this.notFoundTimeoutMs,
      earlierOfKind: seen.count,
      sinceFirstOfKindMs: elapsedMs - seen.firstAtMs
    })
  }
}

/** The pause a server asked for, if any, within reason. */
export function serverRequestedDelay(error: unknown): number {
  return error instanceof ApiError ? Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS) : 0
}

/** The one log line for a failed attempt: what happened and when the next try is, never a stack. */
export function retryLine(
  attempt: number,
  what: string,
  note: string | undefined,
  delayMs: number
) {
  return `Attempt ${attempt}: ${what}${note ? ` (${note})` : ''}; retrying in ${formatDuration(delayMs)}`
}
