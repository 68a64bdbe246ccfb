import type { Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { cut, plural, sentence } from '../text.js'
import { Deadline } from '../polling/deadline.js'
import { type InstancesRequest, checkInstances, checksSeveral } from '../check/instances.js'
import type { CheckDependencies } from '../check/instance-check.js'
import type { WaitOutcome } from '../check/waiter.js'
import type { WaitResult } from '../verdict/results.js'
import { MAX_FOLDED_LINES, MAX_SILENCE_MS, progressInterval } from './github-limits.js'

/** What the progress line needs of one waited snapshot (a SnapshotTracker). */
export interface ProgressItem {
  readonly subject: string
  readonly outcome?: { result: WaitResult }
  readonly lastSnapshot?: { Status?: string }
}

export interface ProgressLog {
  info(message: string): void
  /** Lines folded under one title (a group in the log): there on demand, not in the way. */
  group?(title: string, lines: readonly string[]): void
}

export interface ProgressOptions {
  clock: Clock
  deadline: Deadline
  log: ProgressLog
  /** Requests the step has sent so far. */
  requests: () => number
  pollIntervalMs: number
  /** Several snapshots (or instances): their per-snapshot lines are folded, counts shown. */
  several: boolean
}

/** Waiting statuses named one by one in a progress line; the rest are counted together. */
const MAX_NAMED_STATUSES = 4

const SETTLED_WORDS: Record<WaitResult, string> = {
  success: 'succeeded',
  failure: 'failed',
  error: 'could not be checked',
  timeout: 'timed out',
  cancelled: 'cancelled'
}

/** Longest status a progress line repeats (it came from outside). */
const MAX_STATUS_TEXT = 40

/**
 * The step's progress, shared by every wait of the step: a visible line every
 * `progressInterval`, however long the polls are apart, with the status, the time waited, the
 * requests made and the time left. With several snapshots, per-snapshot lines are folded.
 */
export class StepProgress {
  private readonly items: ProgressItem[] = []
  private folded: string[] = []
  private foldedLeftOut = 0
  private lastReportAt: number
  private readonly everyMs: number

  constructor(private readonly options: ProgressOptions) {
    this.lastReportAt = options.clock.now()
    this.everyMs = progressInterval(options.pollIntervalMs)
  }

  track(item: ProgressItem): void {
    this.items.push(item)
  }

  /** A line about the whole step: never folded. */
  notice(line: string): void {
    this.options.log.info(line)
  }

  /** A line about one snapshot or instance: folded when the step checks several. */
  detail(line: string): void {
    if (!this.options.several) return this.options.log.info(line)
    if (this.folded.length < MAX_FOLDED_LINES) this.folded.push(line)
    else this.foldedLeftOut++
  }

  /**
   * When a sleeping loop must wake to report, however far its next poll is: polls usually come
   * sooner (max-poll-interval is 30 s by default) and report on their own.
   */
  get dueAt(): number {
    return this.lastReportAt + MAX_SILENCE_MS
  }

  /**
   * Called after each poll round and at `dueAt`: reports when one is due. Polls come up to 10%
   * early (the schedule's jitter), so a poll 27 s after the last line counts as the 30 s one;
   * otherwise lines would often come a whole poll later, nearly a minute apart.
   */
  tick(): void {
    if (this.options.clock.now() - this.lastReportAt >= this.everyMs * 0.9) this.report()
  }

  /** The last word: the folded lines still held and, for several snapshots, the totals. */
  finish(): void {
    if (!this.options.several) return
    this.flushFolded()
    const results = countBy(this.items, i =>
      i.outcome ? SETTLED_WORDS[i.outcome.result] : 'ended'
    )
    const waited = formatDuration(this.options.deadline.elapsed())
    const requests = plural(this.options.requests(), 'request')
    this.options.log.info(
      `Checked ${plural(this.items.length, 'snapshot')}: ${listCounts(results)} (${requests} in ${waited})`
    )
  }

  private report(): void {
    this.lastReportAt = this.options.clock.now()
    this.flushFolded()
    const waited = formatDuration(this.options.deadline.elapsed())
    const line = this.options.several ? this.countsLine(waited) : this.singleLine(waited)
    this.options.log.info(`${line} (${this.requestsAndTimeLeft()})`)
  }

  private singleLine(waited: string): string {
    const item = this.items.find(i => !i.outcome) ?? this.items.at(-1)
    if (!item) return `[${waited}] Still finding the snapshot to wait for`
    const status = item.lastSnapshot?.Status
    const state = status ? `is still ${cut(status, MAX_STATUS_TEXT)}` : 'has no status yet'
    return `[${waited}] ${sentence(item.subject)} ${state}`
  }

  private countsLine(waited: string): string {
    const total = this.items.length
    if (total === 0) return `[${waited}] Still finding the snapshots to check`
    const settled = this.items.filter(i => i.outcome)
    const waiting = this.items.filter(i => !i.outcome)
    const results = countBy(settled, i => SETTLED_WORDS[i.outcome!.result])
    const statuses = countBy(waiting, i => i.lastSnapshot?.Status || 'no status yet')
    let line = `[${waited}] ${settled.length} of ${plural(total, 'snapshot')} settled`
    if (settled.length) line += ` (${listCounts(results)})`
    if (waiting.length) line += `; ${waiting.length} still waiting (${listCounts(statuses)})`
    return line
  }

  private requestsAndTimeLeft(): string {
    const left = this.options.deadline.remaining()
    return `${plural(this.options.requests(), 'request')} so far, ${formatDuration(left)} left`
  }

  private flushFolded(): void {
    if (this.folded.length === 0) return
    const more = this.foldedLeftOut ? ` (${this.foldedLeftOut} more not shown)` : ''
    const title = `Status of each snapshot: ${plural(this.folded.length, 'line')}${more}`
    const { log } = this.options
    if (log.group) log.group(title, this.folded)
    else for (const line of this.folded) log.info(line)
    this.folded = []
    this.foldedLeftOut = 0
  }
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

/** `20 Pushing, 8 Committing, 3 other`: the largest counts first, a few named (cut short). */
function listCounts(counts: ReadonlyMap<string, number>): string {
  const sorted = [...counts].sort(([, a], [, b]) => b - a)
  const named = sorted
    .slice(0, MAX_NAMED_STATUSES)
    .map(([key, n]) => `${n} ${cut(key, MAX_STATUS_TEXT)}`)
  const others = sorted.slice(MAX_NAMED_STATUSES).reduce((sum, [, n]) => sum + n, 0)
  if (others) named.push(`${others} other`)
  return named.join(', ')
}

/**
 * Checks the instances with the step's progress line: with several snapshots, the lines about
 * each one are folded and the progress line counts them.
 */
export async function checkInstancesWatched(
  request: InstancesRequest,
  deps: CheckDependencies
): Promise<WaitOutcome[]> {
  const deadline = request.deadline ?? Deadline.start(deps.clock, request.timeoutMs)
  const progress = new StepProgress({
    ...deps,
    deadline,
    requests: () => deps.client.requestCount,
    pollIntervalMs: request.pollIntervalMs,
    several: checksSeveral(request)
  })
  const log = { ...deps.log, info: (line: string) => progress.detail(line) }
  const outcomes = await checkInstances({ ...request, deadline }, { ...deps, log, progress })
  progress.finish()
  return outcomes
}
