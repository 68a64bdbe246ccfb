// A seedable random source, so that every `npm run bench` simulates exactly the same runs.

/**
 * mulberry32: small and fast, and uniform enough for jitter. Returns numbers in [0, 1), like
 * Math.random.
 * @param {number} seed
 * @returns {() => number}
 */
export function seededRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A standard normal draw (Box–Muller) from a uniform source such as `seededRandom`.
 * @param {() => number} random
 * @returns {number}
 */
export function normalDraw(random) {
  const u = 1 - random() // (0, 1]: the logarithm stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}
