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
