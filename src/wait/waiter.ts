import { pollDelay } from './backoff.js'
import type { Clock } from '../clock.js'
import type { Deadline } from './deadline.js'
import { ApiError, errorMessage } from '../errors.js'
import { retryLine, serverRequestedDelay } from './retry-policy.js'
import type { SnapshotResponse } from '../aliyun/snapshot.js'
import {
  SnapshotTracker,
  type SuccessRules,
  type WaitLog,
  type WaitOutcome
} from './snapshot-tracker.js'

export type { StatusChange, WaitLog, WaitOutcome, WaitResult } from './snapshot-tracker.js'
export { Deadline } from './deadline.js'

export interface PollingOptions extends SuccessRules {
  /** The step's deadline: the wait ends by it (after one check, with `timeout: 0`). */
  deadline: Deadline
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
    pollRound: async () => new Map([[id, await options.poll()]])
  })
  return outcome!
}

type Retry = { what: string; note?: string }

/** Gives each tracker its answer; returns the retries to log for those the answer left out. */
function observeRound(
  asked: readonly SnapshotTracker[],
  answers: Map<string, SnapshotResponse>,
  elapsedMs: number
): Retry[] {
  const retries: Retry[] = []
  for (const tracker of asked) {
    const answer = answers.get(tracker.snapshotId)
    if (answer) {
      tracker.observe(answer, elapsedMs)
      continue
    }
    // Only a listing can leave a snapshot out: it was deleted, or not listed yet.
    const error = new ApiError({
      operation: 'ListInstanceSnapshot',
      kind: 'not-found',
      serviceMessage: 'snapshot is no longer listed (deleted?)'
    })
    const decision = tracker.failed(error, elapsedMs)
    if (decision.retry) {
      retries.push({ what: `${tracker.subject}: ${errorMessage(error)}`, note: decision.note })
    }
  }
  return retries
}

/**
 * The same wait for several snapshots whose states one round of requests tells at once (a listing),
 * each reaching its own ending; the rounds stop when every snapshot has one.
 */
export async function waitForSnapshots(options: BatchWaitOptions): Promise<WaitOutcome[]> {
  const { clock, log } = options
  const started = clock.now()
  const elapsed = () => clock.now() - started
  const spentBefore = started - options.deadline.startedAt
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
    const retries: Retry[] = []
    try {
      const answers = await options.pollRound(asked.map(t => t.snapshotId))
      retries.push(...observeRound(asked, answers, elapsed()))
    } catch (error) {
      if (options.signal?.aborted) break
      // One failed request fails the round for every snapshot it asked about.
      const [decision] = asked.map(tracker => tracker.failed(error, elapsed()))
      if (decision?.retry) retries.push({ what: errorMessage(error), note: decision.note })
      delay = Math.max(delay, serverRequestedDelay(error))
    }
    if (pending().length === 0) return outcomes()

    const remaining = options.deadline.remaining()
    if (remaining <= 0) {
      for (const tracker of pending()) {
        tracker.timeOut(elapsed(), options.deadline.checkOnce, spentBefore)
      }
      return outcomes()
    }
    for (const { what, note } of retries) {
      log.info(retryLine(round, what, note, Math.min(delay, remaining)))
    }
    await clock.sleep(Math.min(delay, remaining), options.signal)
    if (options.signal?.aborted) break
  }
  for (const tracker of pending()) tracker.cancel(elapsed())
  return outcomes()
}
