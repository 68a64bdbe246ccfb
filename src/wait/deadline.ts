import type { Clock } from '../clock.js'

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

  /** When a listing must stop reading pages: the deadline, or never when checking once. */
  get listingLimit(): number {
    return this.checkOnce ? Infinity : this.at
  }

  remaining(): number {
    return Math.max(0, this.at - this.clock.now())
  }

  elapsed(): number {
    return this.clock.now() - this.startedAt
  }
}
