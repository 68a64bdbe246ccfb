import type { Clock } from '../clock.js'

/** How late a request scheduled at the deadline may leave: a timer's lateness, not more time. */
export const START_SLACK_MS = 100

/**
 * The step's one deadline, made once when the step starts and handed to every part of it — the
 * instance listing, the snapshot listing, a create, the wait — so that none of them re-derives
 * it, and "check once" (`timeout: 0`, what the user asked for) is never confused with "no time
 * left" (what a long listing can leave).
 */
export class Deadline {
  private constructor(
    readonly clock: Clock,
    /** When the step started, on `clock`. */
    readonly startedAt: number,
    /** The `timeout` input. */
    readonly timeoutMs: number
  ) {}

  static start(clock: Clock, timeoutMs: number): Deadline {
    return new Deadline(clock, clock.now(), timeoutMs)
  }

  /** `timeout: 0`: look once, never wait; listings are read whole (the page cap bounds them). */
  get checkOnce(): boolean {
    return this.timeoutMs === 0
  }

  /** The clock time the step ends by. */
  get at(): number {
    return this.startedAt + this.timeoutMs
  }

  /**
   * The last clock time a request of the step may start at: the deadline (the final poll is
   * scheduled exactly there, and a timer fires a moment late: `START_SLACK_MS` is that moment),
   * or any time when checking once (its requests are one attempt each, listings stop at the
   * page cap).
   */
  get lastStartAt(): number {
    return this.checkOnce ? Infinity : this.at + START_SLACK_MS
  }

  /** Whether the deadline has passed: no request may start any more (never when checking once). */
  get passed(): boolean {
    return this.clock.now() > this.lastStartAt
  }

  remaining(): number {
    return Math.max(0, this.at - this.clock.now())
  }

  elapsed(): number {
    return this.clock.now() - this.startedAt
  }
}
