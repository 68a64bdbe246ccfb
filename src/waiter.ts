import { pollDelay } from './backoff.js'
import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { errorMessage } from './errors.js'
import { serverRequestedDelay } from './retry-policy.js'
import type { SnapshotResponse } from './snapshot.js'
import {
  SnapshotTracker,
  type StatusRules,
  type WaitLog,
  type WaitOutcome
} from './snapshot-tracker.js'

export type { StatusChange, WaitLog, WaitOutcome, WaitResult } from './snapshot-tracker.js'

export interface PollingOptions extends StatusRules {
  timeoutMs: number
  pollIntervalMs: number
  maxPollIntervalMs: number
  clock: Clock
  random: () => number
  log: WaitLog
  signal?: AbortSignal
}

export interface WaitOptions extends PollingOptions {
  snapshotId?: string
  /** `snapshot snp-… of instance dsw-…`, for log lines and errors. */
  subject: string
  poll: () => Promise<SnapshotResponse>
}

export interface BatchWaitOptions extends PollingOptions {
  snapshotIds: readonly string[]
  describe: (snapshotId: string) => string
  /**
   * One poll round: the current state of the snapshots still waited for, by ID. A snapshot left
   * out of the answer counts as not found; a thrown error counts against every one of them.
   */
  pollRound: (pendingIds: string[]) => Promise<Map<string, SnapshotResponse>>
  /** The error to record for a snapshot missing from a round's answer. */
  missing: (snapshotId: string) => Error
}

/**
 * Polls until the snapshot reaches a success or failure status, the timeout passes, or a permanent
 * error occurs. The first poll is immediate; the last sleep is shortened so that a final poll
 * lands at the deadline. Transient errors (throttling, 5xx, network) are retried within the
 * timeout. Never throws: every ending is an outcome, so callers can always set their outputs.
 */
export async function waitForSnapshot(options: WaitOptions): Promise<WaitOutcome> {
  const id = options.snapshotId ?? ''
  const [outcome] = await waitForSnapshots({
    ...options,
    snapshotIds: [id],
    describe: () => options.subject,
    pollRound: async () => new Map([[id, await options.poll()]]),
    missing: () => new Error('unreachable: a single poll always answers')
  })
  return outcome!
}

/**
 * The same wait for several snapshots whose states one round of requests tells at once (a listing),
 * each reaching its own ending; the rounds stop when every snapshot has one.
 */
export async function waitForSnapshots(options: BatchWaitOptions): Promise<WaitOutcome[]> {
  const { clock, log } = options
  const started = clock.now()
  const elapsed = () => clock.now() - started
  const deadline = started + options.timeoutMs
  const policy = { initialMs: options.pollIntervalMs, maxMs: options.maxPollIntervalMs }
  const trackers = options.snapshotIds.map(
    id => new SnapshotTracker(id, options.describe(id), options, log)
  )
  const pending = () => trackers.filter(t => !t.done)
  const outcomes = () => trackers.map(t => t.outcome!)
  let round = 0

  for (;;) {
    round++
    let delay = pollDelay(policy, round, options.random)
    const asked = pending()
    const retries: string[] = []
    try {
      const answers = await options.pollRound(asked.map(t => t.snapshotId))
      for (const tracker of asked) {
        const answer = answers.get(tracker.snapshotId)
        if (answer) {
          tracker.observe(answer, elapsed())
          continue
        }
        const error = options.missing(tracker.snapshotId)
        const decision = tracker.failed(error, elapsed())
        if (decision.retry)
          retries.push(describeRetry(`${tracker.subject}: ${errorMessage(error)}`, decision.note))
      }
    } catch (error) {
      if (options.signal?.aborted) break
      // One failed request fails the round for every snapshot it asked about.
      const [decision] = asked.map(tracker => tracker.failed(error, elapsed()))
      if (decision?.retry) retries.push(describeRetry(errorMessage(error), decision.note))
      delay = Math.max(delay, serverRequestedDelay(error))
    }
    if (pending().length === 0) return outcomes()

    const remaining = deadline - clock.now()
    if (remaining <= 0) {
      for (const tracker of pending()) tracker.timeOut(elapsed(), options.timeoutMs === 0)
      return outcomes()
    }
    // One line per failed attempt: what happened and when the next try is, never a stack.
    const next = formatDuration(Math.min(delay, remaining))
    for (const retry of retries) log.info(`Attempt ${round}: ${retry}; retrying in ${next}`)
    await clock.sleep(Math.min(delay, remaining), options.signal)
    if (options.signal?.aborted) break
  }
  for (const tracker of pending()) tracker.cancel(elapsed())
  return outcomes()
}

function describeRetry(what: string, note?: string): string {
  return note ? `${what} (${note})` : what
}
