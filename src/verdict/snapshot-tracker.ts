import { formatDuration } from '../duration.js'
import { errorMessage } from '../errors.js'
import { FailureHistory, type RetryDecision } from '../polling/retry-policy.js'
import {
  type Snapshot,
  type SnapshotResponse,
  snapshotReason,
  statusIn
} from '../aliyun/snapshot.js'
import { type DeliveredImage, deliveredImage } from './delivered-image.js'
import { plural, sentence } from '../text.js'

import type { WaitResult } from './results.js'

export type { WaitResult } from './results.js'

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

export interface WaitOutcome {
  result: WaitResult
  /** The instance whose snapshot this is (set once the check knows it). */
  instanceId?: string
  /** What the user reads in the error: why the wait ended this way. */
  message: string
  snapshotId: string
  snapshot?: Snapshot
  /**
   * The image a later step may deploy, set only for a `success`: for a snapshot this step created,
   * the image asked for as the input spelled it (once the service's URL is checked to be that
   * image); for any other, the service's URL, checked well-formed. Unset on every other ending
   * (the service's raw `ImageUrl` stays in `snapshot`).
   */
  imageUrl?: string
  requestId?: string
  status?: string
  /** Poll rounds that asked about this snapshot. */
  attempts: number
  waitedMs: number
  timeline: StatusChange[]
  error?: unknown
}

export interface StatusRules {
  successStatuses: readonly string[]
  failureStatuses: readonly string[]
  /** How long a snapshot that is not found is waited for (it may just have been created). */
  notFoundTimeoutMs: number
}

/** What makes a snapshot a success: its status, and (when the step asked for one) its image. */
export interface SuccessRules extends StatusRules {
  /** The image the step asked the snapshot to push (`snapshot-id: new`). */
  expectedImageUrl?: string
}

/** Statuses the API documents as in progress: anything else unexpected deserves a warning. */
const isKnownPending = statusIn(['Committing', 'Pushing'])

/**
 * What one waited-for snapshot has been through: its statuses, failures and, once it is over,
 * its outcome. The polling loop (waiter.ts) decides when to ask; this decides what answers mean.
 */
export class SnapshotTracker {
  outcome?: WaitOutcome
  readonly timeline: StatusChange[] = []
  private last?: SnapshotResponse
  private lastError?: unknown
  private polls = 0
  private readonly isSuccess: (status: string) => boolean
  private readonly isFailure: (status: string) => boolean
  private readonly warnedUnknown = new Set<string>()
  private readonly failures: FailureHistory

  constructor(
    readonly snapshotId: string,
    /** `snapshot snp-… of instance dsw-…`, for log lines and errors. */
    readonly subject: string,
    private readonly rules: SuccessRules,
    private readonly log: WaitLog
  ) {
    this.isSuccess = statusIn(rules.successStatuses)
    this.isFailure = statusIn(rules.failureStatuses)
    this.failures = new FailureHistory(rules.notFoundTimeoutMs)
  }

  /** The subject at the start of a sentence. */
  private get Subject(): string {
    return sentence(this.subject)
  }

  get done(): boolean {
    return this.outcome !== undefined
  }

  /** The snapshot as the last answer described it. */
  get lastSnapshot(): Snapshot | undefined {
    return this.last?.snapshot
  }

  observe(response: SnapshotResponse, elapsedMs: number): void {
    this.polls++
    this.last = response
    this.lastError = undefined
    const status = response.snapshot.Status ?? ''
    this.log.debug(
      `Poll ${this.polls}: ${this.subject} is ${status || '(no status)'} (RequestId ${response.requestId})`
    )
    if (this.timeline.at(-1)?.status !== status) {
      this.timeline.push({ status, atMs: elapsedMs })
      this.log.info(`[${formatDuration(elapsedMs)}] ${this.subject}: ${status || '(no status)'}`)
    }
    if (this.isSuccess(status)) {
      // A success status is not enough: the image is what a deploy takes from this step.
      const image = this.deliveredImage()
      return 'problem' in image
        ? this.finish('failure', `${this.Subject} is ${status}, but ${image.problem}`, elapsedMs)
        : this.finish('success', `${this.Subject} is ${status}`, elapsedMs, undefined, image)
    }
    if (this.isFailure(status)) return this.finish('failure', this.describeFailure(), elapsedMs)
    const key = status.toLowerCase()
    if (!isKnownPending(status) && !this.warnedUnknown.has(key)) {
      this.warnedUnknown.add(key)
      this.log.warning(
        `${this.Subject} has status '${status}', which is neither in success-statuses ` +
          `(${this.rules.successStatuses.join(', ')}) nor in failure-statuses ` +
          `(${this.rules.failureStatuses.join(', ')}); still waiting`
      )
    }
  }

  /** Records a failed poll; ends the wait with `error` unless the failure is worth a retry. */
  failed(error: unknown, elapsedMs: number): RetryDecision {
    this.polls++
    const decision = this.failures.record(error, elapsedMs)
    this.lastError = error
    if (!decision.retry) {
      const note = decision.note ? ` (${decision.note})` : ''
      this.finish('error', `${errorMessage(error)}${note}`, elapsedMs, error)
    }
    return decision
  }

  cancel(elapsedMs: number): void {
    const status = this.last?.snapshot.Status
    this.finish(
      'cancelled',
      `Cancelled after ${formatDuration(elapsedMs)} while waiting for ${this.subject}` +
        (status ? ` (last status ${status})` : ''),
      elapsedMs
    )
  }

  /**
   * The step's timeout passed. `spentBeforeMs`: how much of it went before this wait began (on
   * listings, a create), so that the message says where the time went.
   */
  timeOut(elapsedMs: number, checkedOnce: boolean, spentBeforeMs = 0): void {
    const status = this.last?.snapshot.Status
    const error = this.lastError ? `; the last request failed: ${errorMessage(this.lastError)}` : ''
    const requests = plural(this.polls, 'request')
    if (checkedOnce) {
      const seen = status ? `its status was ${status}` : 'no status was received'
      const message =
        `${this.Subject} was checked once, with no waiting (timeout 0): ${seen}${error} ` +
        `(${requests}; a timeout above 0 waits for it to finish)`
      return this.finish('timeout', message, elapsedMs, this.lastError)
    }
    const seen = status
      ? `its last status was ${status} (since ${formatDuration(this.timeline.at(-1)?.atMs ?? 0)} into the wait)`
      : 'no status was received'
    // Below a second, finding what to wait for is not worth a word.
    const before =
      spentBeforeMs >= 1000
        ? `, after ${formatDuration(spentBeforeMs)} of the timeout went to finding it`
        : ''
    this.finish(
      'timeout',
      `Timed out after ${formatDuration(elapsedMs)} waiting for ${this.subject}${before}: ` +
        `${seen}${error} (${requests}; raise the timeout input if the snapshot needs longer)`,
      elapsedMs,
      this.lastError
    )
  }

  /** What the last answer's image URL is worth to a later step. */
  private deliveredImage(): DeliveredImage {
    return deliveredImage(this.last?.snapshot.ImageUrl, this.rules.expectedImageUrl)
  }

  private finish(
    result: WaitResult,
    message: string,
    elapsedMs: number,
    error?: unknown,
    image?: DeliveredImage
  ): void {
    this.outcome = {
      result,
      message,
      snapshotId: this.snapshotId,
      snapshot: this.last?.snapshot,
      // Only a success hands on an image: a failed or unfinished push may name a tag never pushed.
      ...(result === 'success' && image && 'imageUrl' in image ? { imageUrl: image.imageUrl } : {}),
      requestId: this.last?.requestId,
      status: this.last?.snapshot.Status,
      attempts: this.polls,
      waitedMs: elapsedMs,
      timeline: this.timeline,
      error
    }
  }

  private describeFailure(): string {
    const snapshot = this.last?.snapshot ?? {}
    const reason = snapshotReason(snapshot)
    return (
      `${this.Subject} ended with status ${snapshot.Status}` +
      (reason ? `: ${reason}` : ' (the service gave no reason)')
    )
  }
}
