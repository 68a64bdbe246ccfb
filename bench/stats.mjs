// Order statistics for benchmark samples.

/**
 * The value below which `p` percent of the samples fall (nearest rank).
 * @param {readonly number[]} samples
 * @param {number} p 0–100
 */
export function percentile(samples, p) {
  if (samples.length === 0) throw new Error('percentile of no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return /** @type {number} */ (sorted[Math.min(Math.max(rank, 1), sorted.length) - 1])
}

/** @param {readonly number[]} samples */
export const median = samples => percentile(samples, 50)

/** @param {readonly number[]} values */
export const sum = values => values.reduce((total, value) => total + value, 0)
