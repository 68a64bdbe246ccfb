import { ApiError, errorMessage } from '../errors.js'
import { isNotSent } from '../http/rate-limiter.js'
import { type LoopPacing, type ProgressBeat, type Retry, loopUntilDone } from '../polling/loop.js'
import { serverRequestedDelay } from '../polling/retry-policy.js'
import type { Snapshot, SnapshotResponse } from '../aliyun/snapshot.js'
import type { FinishWindow } from '../polling/schedule.js'
import {
  SnapshotTracker,
  type SuccessRules,
  type WaitLog,
  type WaitOutcome
} from '../verdict/snapshot-tracker.js'

export type { StatusChange, WaitLog, WaitOutcome, WaitResult } from '../verdict/snapshot-tracker.js'
export { Deadline } from '../polling/deadline.js'

/** The waiter's pacing (its deadline ends the wait, after one check with `timeout: 0`). */
export interface PollingOptions extends SuccessRules, LoopPacing {
  log: WaitLog
  /**
   * Asked once, with the first answer about a lone snapshot that is still in progress, when it
   * should finish (history-aware polling); never throws, undefined when it cannot tell. Never
   * awaited: the polls go on meanwhile, and its window applies from when it arrives.
   */
  predictFinish?: (snapshotId: string, snapshot: Snapshot) => Promise<FinishWindow | undefined>
  /** The step's progress line, which counts this wait's snapshots with every other's. */
  progress?: Pick<StepWatch, 'dueAt' | 'tick' | 'track'>
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
  const trackers = options.snapshotIds.map(
    id => new SnapshotTracker(id, options.describe(id), options, log)
  )
  for (const tracker of trackers) options.progress?.track(tracker)
  const pending = () => trackers.filter(t => !t.done)
  // The window, once predicted, moves the polls of this wait only.
  const pacing: LoopPacing = { ...options }
  let predict = trackers.length === 1 ? options.predictFinish : undefined

  const ending = await loopUntilDone(pacing, async () => {
    const asked = pending()
    try {
      const answers = await options.pollRound(asked.map(t => t.snapshotId))
      const retries = observeRound(asked, answers, elapsed())
      if (pending().length === 0) return { done: true }
      const inProgress = predict && trackers[0]!.lastSnapshot
      if (predict && inProgress && !options.deadline.checkOnce) {
        // A slow history read must never hold back a verdict a poll can give.
        void predict(trackers[0]!.snapshotId, inProgress).then(
          window => (pacing.finishWindow = window)
        )
        predict = undefined
      }
      return { done: false, retries, retryAfterMs: 0 }
    } catch (error) {
      // Cancelled, or not sent at the deadline: no poll was made, and the loop is over.
      if (options.signal?.aborted || isNotSent(error))
        return { done: false, retries: [], retryAfterMs: 0 }
      // One failed request fails the round for every snapshot it asked about.
      const [decision] = asked.map(tracker => tracker.failed(error, elapsed()))
      if (pending().length === 0) return { done: true }
      const retries = decision?.retry ? [{ what: errorMessage(error), note: decision.note }] : []
      return { done: false, retries, retryAfterMs: serverRequestedDelay(error) }
    }
  })
  if (ending === 'deadline') {
    const spentBefore = started - options.deadline.startedAt
    for (const t of pending()) t.timeOut(elapsed(), options.deadline.checkOnce, spentBefore)
  }
  if (ending === 'cancelled') for (const t of pending()) t.cancel(elapsed())
  return trackers.map(t => t.outcome!)
}

/**
 * What the check tells the step's progress line, which the action layer draws: each waited
 * snapshot, lines about the whole step, and a beat after each attempt (woken for when a sleep is long).
 */
export interface StepWatch extends ProgressBeat {
  track(tracker: SnapshotTracker): void
  notice(line: string): void
}
