// The polling policies users would otherwise get, modelled as the anchors describe them
// (/work/shared/reference/anchors.md), and a waiter loop that runs them on a virtual clock.

/**
 * The delay before poll n + 1, given n polls so far (n ≥ 1); `random` returns [0, 1).
 * @typedef {(polls: number, random: () => number) => number} DelayPolicy
 */

/**
 * A fixed delay, as the AWS CLI's `aws … wait …` (15 s).
 * @param {number} ms
 * @returns {DelayPolicy}
 */
export const fixedDelay = ms => () => ms

/**
 * @smithy/util-waiter, behind every AWS SDK v3 waiter: uniform in [min, min(min·2^(n−1), max)].
 * The SDK's default is 2–120 s; the ECS deploy action uses 15–120 s.
 * @param {number} minMs
 * @param {number} maxMs
 * @returns {DelayPolicy}
 */
export function smithyDelay(minMs, maxMs) {
  return (polls, random) => {
    const ceiling = Math.min(minMs * 2 ** (polls - 1), maxMs)
    return minMs + random() * (ceiling - minMs)
  }
}

/**
 * @typedef {object} SimulatedWait
 * @property {number} calls API calls made, the one that saw the snapshot finished included
 * @property {number} detectedAtMs when that call was made, from the start of the wait
 * @property {boolean} [predicted] whether a history-aware wait predicted a window
 */

/**
 * Waits the way the peers do: the first poll at once, then one poll after each delay, until a
 * poll sees the snapshot finished. Time is a number, so hours take microseconds.
 * @param {DelayPolicy} delay
 * @param {number} finishedAtMs
 * @param {() => number} random
 * @returns {SimulatedWait}
 */
export function simulatePeerWait(delay, finishedAtMs, random) {
  let now = 0
  for (let calls = 1; ; calls++) {
    if (now >= finishedAtMs) return { calls, detectedAtMs: now }
    now += delay(calls, random)
  }
}
