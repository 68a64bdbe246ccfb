/** How one snapshot's wait, or the whole step, ended. */
export type WaitResult = 'success' | 'failure' | 'timeout' | 'error' | 'cancelled'

/**
 * The one severity order, worst first, for the step's `result`, the summary and the annotations.
 * A cancelled step is cancelled whatever it had seen; a check that could not be made (error)
 * weighs more than a snapshot that failed, which weighs more than one still on its way (timeout).
 */
export const RESULTS_WORST_FIRST: readonly WaitResult[] = [
  'cancelled',
  'error',
  'failure',
  'timeout',
  'success'
]

/** Sorts worst first. */
export const bySeverity = (a: WaitResult, b: WaitResult): number =>
  RESULTS_WORST_FIRST.indexOf(a) - RESULTS_WORST_FIRST.indexOf(b)

/** The step's result when several snapshots were checked: the worst of theirs (none: error). */
export function worstResult(outcomes: readonly { result: WaitResult }[]): WaitResult {
  return RESULTS_WORST_FIRST.find(result => outcomes.some(o => o.result === result)) ?? 'error'
}
