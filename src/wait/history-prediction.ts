import type { Snapshot } from '../aliyun/snapshot.js'
import type { Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { errorMessage } from '../errors.js'
import { plural } from '../text.js'
import type { FinishWindow } from './backoff.js'
import { estimateFinish, pastDurations } from './finish-estimate.js'
import { parseServiceTime } from './snapshot-age.js'
import type { WaitLog } from './snapshot-tracker.js'

/** The newest page of an instance's snapshots read for their durations: one request. */
export const HISTORY_PAGE_SIZE = 50

export interface PredictorOptions {
  instanceId: string
  /** The instance's newest snapshots, newest first; read at most once per instance and step. */
  history: () => Promise<readonly Snapshot[]>
  successStatuses: readonly string[]
  pollIntervalMs: number
  clock: Clock
  /** Server time minus the runner's: `GmtCreateTime` is on the server's clock. */
  clockSkewMs: () => number
  log: WaitLog
}

/**
 * History-aware polling: given the first in-progress answer about a snapshot, when it should
 * finish on the waiter's clock — its creation plus what the instance's past snapshots took — or
 * undefined (no creation time, history unreadable or unusable), in which case the usual schedule
 * runs unchanged. Says once, in the log, what it predicted.
 */
export function finishPredictor(
  options: PredictorOptions
): (snapshot: Snapshot) => Promise<FinishWindow | undefined> {
  const { instanceId, log } = options
  return async snapshot => {
    const id = snapshot.SnapshotId ?? ''
    const created = parseServiceTime(snapshot.GmtCreateTime)
    const usual = (why: string) => {
      log.debug(`Polling ${id} on the usual schedule: ${why}`)
      return undefined
    }
    if (created === undefined) return usual('it has no readable creation time')
    let history: readonly Snapshot[]
    try {
      history = await options.history()
    } catch (error) {
      return usual(
        `the snapshots of instance ${instanceId} could not be read (${errorMessage(error)})`
      )
    }
    const durations = pastDurations(history, options.successStatuses, id)
    const estimate = estimateFinish(durations, options.pollIntervalMs)
    if (!estimate) {
      return usual(
        `${plural(durations.length, 'past duration')} of instance ${instanceId} are too few or too spread to predict from`
      )
    }
    const from = formatDuration(estimate.fromMs)
    const to = formatDuration(estimate.toMs)
    log.info(
      `The last ${plural(estimate.samples, 'snapshot')} of instance ${instanceId} took ` +
        `${formatDuration(estimate.shortestMs)}–${formatDuration(estimate.longestMs)}; checking ` +
        `every ${formatDuration(options.pollIntervalMs)} from ${from} to ${to} after ${id} was created`
    )
    const createdHere = created - options.clockSkewMs()
    return { fromMs: createdHere + estimate.fromMs, toMs: createdHere + estimate.toMs }
  }
}

/** Runs `read` on first use only; every caller shares its answer (or its failure). */
export function once<T>(read: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined
  return () => (answer ??= read())
}
