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
 * polls); a predicted window only adds polls: one at its start, then one every `initialMs` inside
 * it. So no delay is ever longer than the usual one, and after the window (a prediction proved
 * wrong) the polls fall exactly where the usual schedule puts them.
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

  /** The delay after a poll made at `now`, given the window predicted so far. */
  delayAfterPoll(now: number, window?: FinishWindow): number {
    if (now >= this.usualAt) {
      // This poll was (or stood in for) the usual one: the usual timeline moves on from it.
      this.usualPolls++
      this.usualAt = now + pollDelay(this.policy, this.usualPolls, this.random)
    }
    let next = this.usualAt
    if (window && now < window.toMs) {
      next = Math.min(next, now >= window.fromMs ? now + this.policy.initialMs : window.fromMs)
    }
    return next - now
  }
}
