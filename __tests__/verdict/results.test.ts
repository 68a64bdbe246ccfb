import { describe, expect, it } from '@jest/globals'
import {
  RESULTS_WORST_FIRST,
  type WaitResult,
  bySeverity,
  worstResult
} from '../../src/verdict/results.js'

describe('the severity order', () => {
  const of = (...results: WaitResult[]) => worstResult(results.map(result => ({ result })))

  it('makes the worst result of the snapshots the step result', () => {
    expect(of('success', 'success')).toBe('success')
    expect(of('success', 'timeout')).toBe('timeout')
    expect(of('timeout', 'failure', 'success')).toBe('failure')
    expect(of('failure', 'error')).toBe('error')
    expect(of('error', 'cancelled', 'failure')).toBe('cancelled')
  })

  it('calls a step that checked nothing an error', () => {
    expect(of()).toBe('error')
  })

  it('sorts worst first, every result in one order', () => {
    const shuffled: WaitResult[] = ['success', 'timeout', 'cancelled', 'failure', 'error']
    expect([...shuffled].sort(bySeverity)).toEqual(RESULTS_WORST_FIRST)
    expect(RESULTS_WORST_FIRST).toEqual(['cancelled', 'error', 'failure', 'timeout', 'success'])
    expect(bySeverity('failure', 'failure')).toBe(0)
  })
})
