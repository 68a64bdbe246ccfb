import type { WaitOutcome } from '../check/waiter.js'
import { plural } from '../text.js'
import type { Log } from './log.js'

// Every limit GitHub puts on what one step shows, and the rule that keeps each
// (runner-commands.md): past them GitHub drops what comes without a sign, or fails the step.

/** Error annotations GitHub shows per step, and as many warnings; it drops the rest unseen. */
export const ANNOTATIONS_PER_STEP = 10

/** Error annotations the failures may take: failing the step takes one of them. */
const FAILURE_ANNOTATIONS = ANNOTATIONS_PER_STEP - 1

/** The step's log with GitHub's annotation limit kept: warnings past it become log lines. */
export interface ReportLog extends Log {
  /** The step's last word on warnings: how many did not get an annotation. */
  closeWarnings(): void
}

/** `log`, whose warnings are annotations while GitHub shows them, then lines in the log. */
export function cappedLog(log: Log): ReportLog {
  // The last warning annotation is kept for the note that says how many more there were.
  let warningsLeft = ANNOTATIONS_PER_STEP - 1
  let warningsInLog = 0
  return {
    ...log,
    warning: text => {
      if (warningsLeft-- > 0) return log.warning(text)
      warningsInLog++
      log.info(`Warning: ${text}`)
    },
    closeWarnings: () => {
      if (warningsInLog === 0) return
      log.warning(
        `${plural(warningsInLog, 'more warning')} in the log, on lines that start with "Warning:" ` +
          `(GitHub shows ${ANNOTATIONS_PER_STEP} warning annotations per step)`
      )
      warningsInLog = 0
    }
  }
}

/** One error annotation per failure, worst first, as many as GitHub shows; the last says what is left. */
export function annotateFailures(
  log: Pick<Log, 'error'>,
  failed: readonly WaitOutcome[],
  listedIn: string
): void {
  const shown = failed.slice(0, FAILURE_ANNOTATIONS)
  const more = failed.length - shown.length
  shown.forEach((o, i) => {
    const what = o.snapshotId ? `Snapshot ${o.snapshotId}` : `Instance ${o.instanceId ?? ''}`
    const last = more > 0 && i === shown.length - 1
    const note = last
      ? ` (and ${plural(more, 'more snapshot')} that did not succeed: ${listedIn} lists them all)`
      : ''
    log.error(`${o.message}${note}`, `${what} (${o.result})${last ? ` and ${more} more` : ''}`)
  })
}

/** Longest reason text an output holds; the whole reason stays in the service's own records. */
export const MAX_OUTPUT_TEXT = 64 * 1024

/** Every output stays at or under this many bytes of UTF-8 (GitHub keeps 1 MB per job output). */
export const MAX_OUTPUT_BYTES = 1_000_000

/** What an output that had to be cut as text ends with. */
export const OUTPUT_CUT_MARKER = '… (cut: an output holds at most 1,000,000 bytes)'

/** Bytes of UTF-8: what GitHub counts against an output's limit. */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text)

/**
 * The one size rule of every output, applied to the very string the output gets: the first of
 * `candidates` (the fullest first, each cut more than the one before) that fits in
 * MAX_OUTPUT_BYTES. Should none fit, the last, cut to fit and ending with OUTPUT_CUT_MARKER.
 */
export function firstThatFits(candidates: Iterable<string>): string {
  let last = ''
  for (const value of candidates) {
    if (utf8Bytes(value) <= MAX_OUTPUT_BYTES) return value
    last = value
  }
  // Whole characters only: encodeInto never writes part of one.
  const room = new Uint8Array(MAX_OUTPUT_BYTES - utf8Bytes(OUTPUT_CUT_MARKER))
  const { read } = new TextEncoder().encodeInto(last, room)
  return `${last.slice(0, read)}${OUTPUT_CUT_MARKER}`
}

/**
 * The longest prefix of `items` whose JSON, written by `entryJson` one item at a time between
 * brackets and commas, fits in `maxBytes` of UTF-8.
 */
export function prefixWithin<T>(
  items: readonly T[],
  maxBytes: number,
  entryJson: (item: T) => string = item => JSON.stringify(item)
): T[] {
  let bytes = 2
  const kept: T[] = []
  for (const item of items) {
    bytes += utf8Bytes(entryJson(item)) + (kept.length ? 1 : 0)
    if (bytes > maxBytes) break
    kept.push(item)
  }
  return kept
}

/**
 * A job summary larger than 1 MiB is dropped whole by the runner: the report stays well under it,
 * leaving out rows past this budget.
 */
export const SUMMARY_BUDGET_BYTES = 800 * 1024

/** The least a person watching the step is told about a wait: at most this long apart. */
export const MAX_SILENCE_MS = 60_000

/**
 * How often a progress line is written: every 6 poll-intervals (30 s with the default 5 s), never
 * more often than every 10 s nor less often than every 30 s, well within `MAX_SILENCE_MS`.
 */
export function progressInterval(pollIntervalMs: number): number {
  return Math.min(30_000, Math.max(10_000, 6 * pollIntervalMs))
}

/** Folded lines kept between two progress lines; more are counted, not kept. */
export const MAX_FOLDED_LINES = 1000
