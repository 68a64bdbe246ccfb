import { type FinishWindow, PollSchedule } from './schedule.js'
import type { Clock } from '../clock.js'
import type { Deadline } from './deadline.js'
import { retryLine } from './retry-policy.js'

/** The step's progress line as the loop sees it: when it is due, and a beat after each attempt. */
export interface ProgressBeat {
  readonly dueAt: number
  tick(): void
}

/** How a loop of attempts is paced: shared by the waiter and by one-off calls. */
export interface LoopPacing {
  /** The step's deadline: no attempt is scheduled after it. */
  deadline: Deadline
  pollIntervalMs: number
  maxPollIntervalMs: number
  clock: Clock
  random: () => number
  log: { info(message: string): void }
  signal?: AbortSignal
  /** When the snapshot is predicted to finish: polls gather there (read before each delay). */
  finishWindow?: FinishWindow
  /** The step's progress line: told after each attempt, and woken for when a sleep is long. */
  progress?: ProgressBeat
  /**
   * The least time an attempt needs: one that would start with less left before the deadline is
   * not made (the loop ends as at the deadline). None: a last attempt lands at the deadline.
   */
  minAttemptMs?: number
}

/** A failure worth another attempt, as its retry line tells it. */
export interface Retry {
  what: string
  note?: string
}

/** What one attempt left: done, or to be tried again (after any pause the server asked for). */
export type AttemptResult =
  { done: true } | { done: false; retries: readonly Retry[]; retryAfterMs: number }

export type LoopEnding = 'done' | 'deadline' | 'cancelled'

/**
 * The one backoff loop. Attempt `n` runs at once; until one says it is done, the next runs after
 * the polling delay (or the pause the server asked for, if longer), cut short so that a last
 * attempt lands at the deadline. Each retry is logged with the delay it waits.
 */
export async function loopUntilDone(
  pacing: LoopPacing,
  attempt: (n: number) => Promise<AttemptResult>
): Promise<LoopEnding> {
  const { clock, signal } = pacing
  const policy = { initialMs: pacing.pollIntervalMs, maxMs: pacing.maxPollIntervalMs }
  const schedule = new PollSchedule(policy, pacing.random, clock.now())
  for (let n = 1; ; n++) {
    const result = await attempt(n)
    if (result.done) return 'done'
    if (signal?.aborted) return 'cancelled'
    pacing.progress?.tick()
    const remaining = pacing.deadline.remaining()
    if (remaining <= 0) return 'deadline'
    const scheduled = schedule.delayAfterPoll(clock.now(), pacing.finishWindow)
    const wanted = Math.max(scheduled, result.retryAfterMs)
    const { minAttemptMs } = pacing
    if (minAttemptMs !== undefined && remaining - wanted < minAttemptMs) return 'deadline'
    const delay = Math.min(wanted, remaining)
    for (const { what, note } of result.retries) {
      pacing.log.info(retryLine(n, what, note, delay))
    }
    await sleepReporting(pacing, delay)
    if (signal?.aborted) return 'cancelled'
  }
}

/** Sleeps `ms`, waking whenever the progress line is due so that a long sleep is never silent. */
async function sleepReporting(pacing: LoopPacing, ms: number): Promise<void> {
  const { clock, signal, progress } = pacing
  const wakeAt = clock.now() + ms
  while (progress && progress.dueAt < wakeAt && !signal?.aborted) {
    await clock.sleep(Math.max(0, progress.dueAt - clock.now()), signal)
    progress.tick()
  }
  await clock.sleep(Math.max(0, wakeAt - clock.now()), signal)
}
