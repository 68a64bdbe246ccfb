import type { Snapshot } from '../aliyun/snapshot.js'
import type { Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { errorMessage } from '../errors.js'
import { plural } from '../text.js'
import type { FinishWindow } from '../polling/schedule.js'
import {
  AIMED_COVERAGE,
  type FinishEstimate,
  estimateFinish,
  pastDurations
} from './finish-estimate.js'
import { parseServiceTime } from '../finding/snapshot-age.js'
import type { WaitLog } from '../verdict/snapshot-tracker.js'

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
 * History-aware polling: given the first in-progress answer about a snapshot (and the ID asked
 * for, which an answer may leave out), when it should finish on the waiter's clock — its creation
 * plus what the instance's past snapshots took — or undefined (no creation time, history unreadable or unusable), in which case the usual schedule
 * runs unchanged. Says once, in the log, what it predicted.
 */
export function finishPredictor(
  options: PredictorOptions
): (id: string, snapshot: Snapshot) => Promise<FinishWindow | undefined> {
  const { instanceId, log } = options
  return async (id, snapshot) => {
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
    if ('refused' in estimate) {
      log.info(`Polling ${id} on the usual schedule; instance ${instanceId}: ${estimate.refused}`)
      return undefined
    }
    log.info(predictionLine(instanceId, id, estimate, options.pollIntervalMs))
    const createdHere = created - options.clockSkewMs()
    return { fromMs: createdHere + estimate.fromMs, toMs: createdHere + estimate.toMs }
  }
}

/**
 * What the history says, in one line: "The last 20 snapshots of instance dsw-1 took 13m–16m
 * (each about 1.0% longer than the one before); most snapshots of this instance finish between
 * 14m40s and 15m50s after they are created (the window aims at 95%): checking snp-1 every 5s then".
 */
function predictionLine(
  instanceId: string,
  snapshotId: string,
  estimate: FinishEstimate,
  pollIntervalMs: number
): string {
  const trend = estimate.trendPerSnapshot
  const trendNote =
    trend === 0
      ? ''
      : ` (each about ${(100 * Math.abs(trend)).toFixed(1)}% ${trend < 0 ? 'shorter' : 'longer'} ` +
        'than the one before)'
  return (
    `The last ${plural(estimate.samples, 'snapshot')} of instance ${instanceId} took ` +
    `${formatDuration(estimate.shortestMs)}–${formatDuration(estimate.longestMs)}${trendNote}; ` +
    `most snapshots of this instance finish between ${formatDuration(estimate.fromMs)} and ` +
    `${formatDuration(estimate.toMs)} after they are created (the window aims at ` +
    `${Math.round(100 * AIMED_COVERAGE)}%): checking ${snapshotId} every ` +
    `${formatDuration(pollIntervalMs)} then`
  )
}

/** Runs `read` on first use only; every caller shares its answer (or its failure). */
export function once<T>(read: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined
  return () => (answer ??= read())
}
