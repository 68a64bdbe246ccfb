import { pollDelay } from './backoff.js'
import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { ApiError, errorMessage } from './errors.js'
import { decideRetry, serverRequestedDelay } from './retry-policy.js'
import type { Snapshot, SnapshotResponse } from './snapshot.js'

export type WaitResult = 'success' | 'failure' | 'timeout' | 'error' | 'cancelled'

export interface StatusChange {
  status: string
  /** Milliseconds since the wait started. */
  atMs: number
}

export interface WaitLog {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export interface WaitOptions {
  /** `snapshot snp-… of instance dsw-…`, for log lines and errors. */
  subject: string
  poll: () => Promise<SnapshotResponse>
  successStatuses: readonly string[]
  failureStatuses: readonly string[]
  timeoutMs: number
  pollIntervalMs: number
  maxPollIntervalMs: number
  /** How long a snapshot that is not found is waited for (it may just have been created). */
  notFoundTimeoutMs: number
  clock: Clock
  random: () => number
  log: WaitLog
  signal?: AbortSignal
}

export interface WaitOutcome {
  result: WaitResult
  /** What the user reads in the error: why the wait ended this way. */
  message: string
  snapshot?: Snapshot
  requestId?: string
  status?: string
  attempts: number
  waitedMs: number
  timeline: StatusChange[]
  error?: unknown
}

/** Statuses the API documents as in progress: anything else unexpected deserves a warning. */
const KNOWN_PENDING = new Set(['committing', 'pushing'])

const lower = (values: readonly string[]) => new Set(values.map(v => v.toLowerCase()))

/**
 * Polls until the snapshot reaches a success or failure status, the timeout passes, or a permanent
 * error occurs. The first poll is immediate; the last sleep is shortened so that a final poll
 * lands at the deadline. Transient errors (throttling, 5xx, network) are retried within the
 * timeout. Never throws: every ending is an outcome, so callers can always set their outputs.
 */
export async function waitForSnapshot(options: WaitOptions): Promise<WaitOutcome> {
  const { clock, log, subject } = options
  const success = lower(options.successStatuses)
  const failure = lower(options.failureStatuses)
  const started = clock.now()
  const deadline = started + options.timeoutMs
  const policy = { initialMs: options.pollIntervalMs, maxMs: options.maxPollIntervalMs }
  const warnedUnknown = new Set<string>()
  const timeline: StatusChange[] = []
  let last: SnapshotResponse | undefined
  let lastError: unknown
  let attempts = 0
  const failuresByKind = new Map<string, number>()

  const outcome = (result: WaitResult, message: string, error?: unknown): WaitOutcome => ({
    result,
    message,
    snapshot: last?.snapshot,
    requestId: last?.requestId,
    status: last?.snapshot.Status,
    attempts,
    waitedMs: clock.now() - started,
    timeline,
    error
  })

  for (;;) {
    attempts++
    let delay = pollDelay(policy, attempts, options.random)
    try {
      last = await options.poll()
      lastError = undefined
      const status = last.snapshot.Status ?? ''
      const elapsed = clock.now() - started
      log.debug(
        `Poll ${attempts}: ${subject} is ${status || '(no status)'} (RequestId ${last.requestId})`
      )
      if (timeline.at(-1)?.status !== status) {
        timeline.push({ status, atMs: elapsed })
        log.info(`[${formatDuration(elapsed)}] ${subject}: ${status || '(no status)'}`)
      }
      const key = status.toLowerCase()
      if (success.has(key)) return outcome('success', `${subject} is ${status}`)
      if (failure.has(key)) return outcome('failure', describeFailure(subject, last.snapshot))
      if (!KNOWN_PENDING.has(key) && !warnedUnknown.has(key)) {
        warnedUnknown.add(key)
        log.warning(
          `${subject} has status '${status}', which is neither in success-statuses ` +
            `(${options.successStatuses.join(', ')}) nor in failure-statuses ` +
            `(${options.failureStatuses.join(', ')}); still waiting`
        )
      }
    } catch (error) {
      if (options.signal?.aborted) return cancelled()
      const kind = error instanceof ApiError ? error.kind : 'unexpected'
      const decision = decideRetry(error, {
        elapsedMs: clock.now() - started,
        notFoundTimeoutMs: options.notFoundTimeoutMs,
        earlierOfKind: failuresByKind.get(kind) ?? 0
      })
      failuresByKind.set(kind, (failuresByKind.get(kind) ?? 0) + 1)
      const note = decision.note ? ` (${decision.note})` : ''
      if (!decision.retry) return outcome('error', `${errorMessage(error)}${note}`, error)
      lastError = error
      delay = Math.max(delay, serverRequestedDelay(error))
      const remaining = deadline - clock.now()
      if (remaining > 0) {
        // One line per failed attempt: what happened and when the next try is, never a stack.
        const next = formatDuration(Math.min(delay, remaining))
        log.info(`Attempt ${attempts}: ${errorMessage(error)}${note}; retrying in ${next}`)
      }
    }

    const remaining = deadline - clock.now()
    if (remaining <= 0) return timedOut()
    await clock.sleep(Math.min(delay, remaining), options.signal)
    if (options.signal?.aborted) return cancelled()
  }

  function cancelled(): WaitOutcome {
    const status = last?.snapshot.Status
    return outcome(
      'cancelled',
      `Cancelled after ${formatDuration(clock.now() - started)} while waiting for ${subject}` +
        (status ? ` (last status ${status})` : '')
    )
  }

  function timedOut(): WaitOutcome {
    const waited = formatDuration(clock.now() - started)
    const status = last?.snapshot.Status
    const since = timeline.at(-1)
    const seen = status
      ? `its last status was ${status} (since ${formatDuration(since?.atMs ?? 0)} into the wait)`
      : 'no status was received'
    const error = lastError ? `; the last request failed: ${errorMessage(lastError)}` : ''
    const next =
      options.timeoutMs === 0
        ? 'timeout is 0, so the snapshot was checked once'
        : 'raise the timeout input if the snapshot needs longer'
    return outcome(
      'timeout',
      `Timed out after ${waited} waiting for ${subject}: ${seen}${error} (${attempts} request(s); ${next})`,
      lastError
    )
  }
}

function describeFailure(subject: string, snapshot: Snapshot): string {
  const reason = [snapshot.ReasonCode, snapshot.ReasonMessage].filter(Boolean).join(': ')
  return `${subject} ended with status ${snapshot.Status}${reason ? `: ${reason}` : ' (the service gave no reason)'}`
}
