import type { Snapshot } from '../aliyun/snapshot.js'
import { parseServiceTime } from './snapshot-age.js'

/** Fewer past durations than this say too little to predict from. */
export const MIN_HISTORY_SAMPLES = 5
/** Only the newest this many: an instance's recent snapshots resemble its next one most. */
export const MAX_HISTORY_SAMPLES = 20
/** A past duration farther than this many robust deviations from the median is an outlier. */
export const OUTLIER_DEVIATIONS = 3
/** History whose robust spread is more than this share of its median is too noisy to use. */
export const MAX_RELATIVE_SPREAD = 0.25
/** The window's half-width, in robust standard errors of the median. */
export const WINDOW_STANDARD_ERRORS = 2.5
/** A standard deviation from a median absolute deviation, for normally spread data. */
const MAD_TO_SD = 1.4826
/** The standard error of a median is about this many times that of a mean. */
const MEDIAN_EFFICIENCY = 1.2533

/** What an instance's past snapshots say about how long its next one takes. */
export interface FinishEstimate {
  /** The past durations kept (outliers left out). */
  samples: number
  shortestMs: number
  longestMs: number
  medianMs: number
  /** The predicted window, as times after the snapshot was created. */
  fromMs: number
  toMs: number
}

/**
 * How long each past snapshot took, newest first: `GmtModifiedTime − GmtCreateTime` of those that
 * ended in a success status (a failure ends early and says nothing of a push), other than the one
 * waited for; at most `MAX_HISTORY_SAMPLES`.
 */
export function pastDurations(
  history: readonly Snapshot[],
  successStatuses: readonly string[],
  waitedForId: string
): number[] {
  const success = new Set(successStatuses.map(s => s.toLowerCase()))
  const durations: number[] = []
  for (const snapshot of history) {
    if (snapshot.SnapshotId === waitedForId) continue
    if (!success.has((snapshot.Status ?? '').toLowerCase())) continue
    const created = parseServiceTime(snapshot.GmtCreateTime)
    const modified = parseServiceTime(snapshot.GmtModifiedTime)
    if (created === undefined || modified === undefined || modified <= created) continue
    durations.push(modified - created)
    if (durations.length === MAX_HISTORY_SAMPLES) break
  }
  return durations
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** The median and a robust standard deviation (from the median absolute deviation). */
function robustSpread(values: readonly number[]): { medianMs: number; deviationMs: number } {
  const medianMs = median(values)
  return { medianMs, deviationMs: MAD_TO_SD * median(values.map(v => Math.abs(v - medianMs))) }
}

/**
 * When the next snapshot should finish, from past durations: outliers (more than
 * `OUTLIER_DEVIATIONS` robust deviations from the median) left out, at least
 * `MIN_HISTORY_SAMPLES` kept, and a spread of at most `MAX_RELATIVE_SPREAD` of the median. The
 * window is the median ± `WINDOW_STANDARD_ERRORS` standard errors, at least ± `minHalfWidthMs`.
 * Undefined when the history cannot say.
 */
export function estimateFinish(
  durations: readonly number[],
  minHalfWidthMs: number
): FinishEstimate | undefined {
  if (durations.length < MIN_HISTORY_SAMPLES) return undefined
  const all = robustSpread(durations)
  const kept = durations.filter(
    d => Math.abs(d - all.medianMs) <= OUTLIER_DEVIATIONS * all.deviationMs
  )
  if (kept.length < MIN_HISTORY_SAMPLES) return undefined
  const { medianMs, deviationMs } = robustSpread(kept)
  if (deviationMs > MAX_RELATIVE_SPREAD * medianMs) return undefined
  const standardError = (MEDIAN_EFFICIENCY * deviationMs) / Math.sqrt(kept.length)
  const halfWidthMs = Math.max(WINDOW_STANDARD_ERRORS * standardError, minHalfWidthMs)
  return {
    samples: kept.length,
    shortestMs: Math.min(...kept),
    longestMs: Math.max(...kept),
    medianMs,
    fromMs: Math.max(0, medianMs - halfWidthMs),
    toMs: medianMs + halfWidthMs
  }
}
