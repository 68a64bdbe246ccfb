import { type Snapshot, statusIn } from '../aliyun/snapshot.js'
import { parseServiceTime } from '../finding/snapshot-age.js'

/** Fewer past durations than this say too little to predict from. */
export const MIN_HISTORY_SAMPLES = 5
/** Only the newest this many: an instance's recent snapshots resemble its next one most. */
export const MAX_HISTORY_SAMPLES = 20
/** The share of next snapshots the window aims to hold: 19 in 20. */
export const AIMED_COVERAGE = 0.95
/** Outliers are looked for from this many samples on: fewer cannot tell one from the spread. */
export const MIN_SCREENED_SAMPLES = 10
/** A past duration farther than this many robust deviations from the median is an outlier. */
export const OUTLIER_DEVIATIONS = 5
/** One outlier is a stray snapshot; more far from the rest mean snapshots of two kinds. */
export const MAX_OUTLIERS = 1
/** A trend is looked for from this many samples on. */
export const MIN_TREND_SAMPLES = 16
/** A fitted trend is followed when its slope is this many standard errors from none. */
export const TREND_STANDARD_ERRORS = 2.5
/** History whose durations spread by more than this (standard deviation, relative) is refused. */
export const MAX_RELATIVE_SPREAD = 0.15
/**
 * The service's times are cut to whole seconds: a snapshot shown as created at second s was
 * created in [s, s + 1), and may finish up to this much later than its duration says.
 */
export const TIMESTAMP_RESOLUTION_MS = 1000
/** A standard deviation from a median absolute deviation, for normally spread data. */
const MAD_TO_SD = 1.4826
/**
 * Student's t quantile 0.98 for 1–19 degrees of freedom: a two-sided 96% prediction interval.
 * One point above `AIMED_COVERAGE`, for what the outlier screen and the trend test shave off.
 */
const T_QUANTILE = [
  15.895, 4.849, 3.482, 2.999, 2.757, 2.612, 2.517, 2.449, 2.399, 2.359, 2.328, 2.303, 2.282, 2.264,
  2.249, 2.235, 2.224, 2.214, 2.205
]

/** What an instance's past snapshots say about how long its next one takes. */
export interface FinishEstimate {
  /** The past durations kept (outliers left out). */
  samples: number
  shortestMs: number
  longestMs: number
  /** The next duration most likely. */
  typicalMs: number
  /** How much longer each snapshot takes than the one before (0.01: 1%), when a trend is followed. */
  trendPerSnapshot: number
  /** Where the next snapshot should finish, `AIMED_COVERAGE` of the time: after creation. */
  fromMs: number
  toMs: number
}

/** Why the history is not used, e.g. "too few past durations to predict from (3; 5 needed)". */
export interface HistoryRefusal {
  refused: string
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
  const isSuccess = statusIn(successStatuses)
  const durations: number[] = []
  for (const snapshot of history) {
    if (snapshot.SnapshotId === waitedForId) continue
    if (!isSuccess(snapshot.Status)) continue
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

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length

/** A past duration in log space (durations spread in proportion), at its place in time. */
interface Sample {
  /** Snapshots before the next one: 1 for the newest past one. */
  age: number
  ms: number
  log: number
}

/**
 * The samples without outliers (more than `OUTLIER_DEVIATIONS` robust deviations from the median),
 * or a refusal when there are more of them than `MAX_OUTLIERS`: snapshots of two kinds.
 */
function withoutOutliers(samples: readonly Sample[]): Sample[] | HistoryRefusal {
  if (samples.length < MIN_SCREENED_SAMPLES) return [...samples]
  const logs = samples.map(s => s.log)
  const centre = median(logs)
  // A floor of 0.2%: identical durations would otherwise make everything else an outlier.
  const deviation = Math.max(MAD_TO_SD * median(logs.map(v => Math.abs(v - centre))), 0.002)
  const kept = samples.filter(s => Math.abs(s.log - centre) <= OUTLIER_DEVIATIONS * deviation)
  const outliers = samples.length - kept.length
  if (outliers <= MAX_OUTLIERS) return kept
  return {
    refused:
      `the past durations fall into groups far apart (${outliers} of ${samples.length} far ` +
      'from the rest): snapshots of two kinds, such as two image sizes'
  }
}

/** The next log duration as a prediction: centre, its standard error, degrees of freedom. */
interface Prediction {
  centre: number
  /** The residual standard deviation: how far single durations stray from the model. */
  spread: number
  standardError: number
  degrees: number
  slope: number
}

/** The level model: the next duration is one more draw around the mean. */
function levelPrediction(samples: readonly Sample[]): Prediction {
  const n = samples.length
  const centre = mean(samples.map(s => s.log))
  const spread = Math.sqrt(samples.reduce((a, s) => a + (s.log - centre) ** 2, 0) / (n - 1))
  return { centre, spread, standardError: spread * Math.sqrt(1 + 1 / n), degrees: n - 1, slope: 0 }
}

/** The trend model: a straight line through the log durations, extended one snapshot on. */
function trendPrediction(samples: readonly Sample[]): Prediction & { slopeError: number } {
  const n = samples.length
  const x = samples.map(s => -s.age)
  const xMean = mean(x)
  const yMean = mean(samples.map(s => s.log))
  const sxx = x.reduce((a, v) => a + (v - xMean) ** 2, 0)
  const slope = samples.reduce((a, s, i) => a + (x[i]! - xMean) * (s.log - yMean), 0) / sxx
  const residuals = samples.map((s, i) => s.log - yMean - slope * (x[i]! - xMean))
  const spread = Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / (n - 2))
  // The next snapshot sits at x = 0, beyond the newest past one.
  const leverage = 1 / n + xMean ** 2 / sxx
  return {
    centre: yMean - slope * xMean,
    spread,
    standardError: spread * Math.sqrt(1 + leverage),
    degrees: n - 2,
    slope,
    slopeError: spread / Math.sqrt(sxx)
  }
}

/** The trend when the samples show one clearly, else the level. */
function predictNext(samples: readonly Sample[]): Prediction {
  const level = levelPrediction(samples)
  if (samples.length < MIN_TREND_SAMPLES) return level
  const trend = trendPrediction(samples)
  return Math.abs(trend.slope) >= TREND_STANDARD_ERRORS * trend.slopeError ? trend : level
}

/**
 * When the next snapshot should finish, from past durations (newest first): a prediction interval
 * for one more duration, not for their median. Durations are taken in log space (they spread in
 * proportion to their length); outliers are left out, a clear trend is followed, and the window is
 * Student's t interval (wider for few samples), widened for one-second timestamps and to at least
 * ± `minHalfWidthMs`. It aims to hold `AIMED_COVERAGE` of next durations. A refusal when the
 * samples are too few, fall into two groups, or spread too widely to be worth it.
 */
export function estimateFinish(
  durations: readonly number[],
  minHalfWidthMs: number
): FinishEstimate | HistoryRefusal {
  const few = (n: number) => ({
    refused: `too few past durations to predict from (${n}; ${MIN_HISTORY_SAMPLES} needed)`
  })
  if (durations.length < MIN_HISTORY_SAMPLES) return few(durations.length)
  const samples = withoutOutliers(durations.map((ms, i) => ({ age: i + 1, ms, log: Math.log(ms) })))
  if ('refused' in samples) return samples
  if (samples.length < MIN_HISTORY_SAMPLES) return few(samples.length)
  const next = predictNext(samples)
  if (next.spread > MAX_RELATIVE_SPREAD) {
    const percent = (share: number) => `±${Math.round(100 * share)}%`
    return {
      refused:
        `the past durations spread by ${percent(next.spread)} (standard deviation), too widely ` +
        `to predict from (at most ${percent(MAX_RELATIVE_SPREAD)})`
    }
  }
  // More degrees of freedom than the table holds (never from `pastDurations`): its last, wider.
  const half = T_QUANTILE[Math.min(next.degrees, T_QUANTILE.length) - 1]! * next.standardError
  const typicalMs = Math.exp(next.centre)
  const kept = samples.map(s => s.ms)
  return {
    samples: samples.length,
    shortestMs: Math.min(...kept),
    longestMs: Math.max(...kept),
    typicalMs,
    trendPerSnapshot: Math.expm1(next.slope),
    fromMs: Math.max(0, Math.min(Math.exp(next.centre - half), typicalMs - minHalfWidthMs)),
    toMs: Math.max(
      Math.exp(next.centre + half) + TIMESTAMP_RESOLUTION_MS,
      typicalMs + minHalfWidthMs
    )
  }
}
