import { bySeverity, worstResult } from '../verdict/results.js'
import type { WaitOutcome } from '../check/waiter.js'

/**
 * The outcomes by instance, the instances with the worst results first (each instance's in the
 * order they came).
 */
export function groupByInstance(outcomes: readonly WaitOutcome[]): [string, WaitOutcome[]][] {
  const groups = new Map<string, WaitOutcome[]>()
  for (const o of outcomes) {
    const id = o.instanceId ?? ''
    const group = groups.get(id)
    if (group) group.push(o)
    else groups.set(id, [o])
  }
  return [...groups].sort(([, a], [, b]) => bySeverity(worstResult(a), worstResult(b)))
}

/** One instance's outcomes, the worst first (sorting is stable: otherwise as they came). */
export const worstFirst = (group: readonly WaitOutcome[]): WaitOutcome[] =>
  [...group].sort((a, b) => bySeverity(a.result, b.result))

/**
 * The one order in which the step reports its outcomes — the job summary's rows, the
 * annotations, the failures in the error, and which snapshot the single-snapshot outputs
 * describe: by instance, the worst instance first, and the worst outcome first within each.
 */
export function inReportOrder(outcomes: readonly WaitOutcome[]): WaitOutcome[] {
  return groupByInstance(outcomes).flatMap(([, group]) => worstFirst(group))
}
