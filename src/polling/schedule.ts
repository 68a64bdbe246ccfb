export interface BackoffPolicy {
  initialMs: number
  maxMs: number
}

/**
 * Delay before poll `n + 1` (n = polls made so far, from 1): doubles from `initialMs` up to
 * `maxMs`, then takes up to 10% off at random. Jitter only shortens the delay, so the cap stays a
 * promise: a finished snapshot is noticed within `maxMs`, and many concurrent waiters still spread
 * out. `random` returns [0, 1) and is injected so simulations and tests are reproducible.
 */
export function pollDelay(policy: BackoffPolicy, n: number, random: () => number): number {
  const grown = policy.initialMs * 2 ** Math.min(Math.max(n - 1, 0), 30)
  const capped = Math.min(policy.maxMs, grown)
  return Math.round(capped * (1 - 0.1 * random()))
}

/** When the snapshot waited for is predicted to finish, on the waiter's clock. */
export interface FinishWindow {
  fromMs: number
  toMs: number
}

/**
 * When to poll next. The usual schedule runs on its own timeline (`pollDelay` after each of its
 * polls). A predicted window puts a poll every `initialMs` from `initialMs` after its start (a
 * snapshot finishing in it is seen within `initialMs`) to the first at or after its end; those
 * polls replace the usual ones that fall among them (the timeline moves on past them, drawing the
 * same jitter). So before the window the polls are exactly the usual ones, no delay is ever longer
 * than the usual one, and after the window the polls fall where the usual schedule puts them.
 */
export class PollSchedule {
  private usualPolls = 0
  private usualAt: number

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number,
    startedAt: number
  ) {
    this.usualAt = startedAt
  }

  /**
   * The delay after a poll made at `now`, given the window predicted so far. Asked between polls
   * (before the next usual one), as when a window arrives during a sleep, it only re-plans.
   */
  delayAfterPoll(now: number, window?: FinishWindow): number {
    // This poll was (or stood in for) the usual one: the usual timeline moves on from it.
    if (now >= this.usualAt) this.passUsualPoll(now)
    if (!window || now >= window.toMs) return this.usualAt - now
    // The first poll for the window is `initialMs` into it: it sees a snapshot finished at its start.
    if (now < window.fromMs)
      return Math.min(this.usualAt, window.fromMs + this.policy.initialMs) - now
    const next = now + this.policy.initialMs
    // The window's polls stand in for the usual ones up to the next of them.
    while (this.usualAt <= next) this.passUsualPoll(this.usualAt)
    return next - now
  }

  private passUsualPoll(at: number): void {
    this.usualPolls++
    // At least 1 ms, so that standing in for the usual polls always ends.
    this.usualAt = at + Math.max(1, pollDelay(this.policy, this.usualPolls, this.random))
  }
}
