import { describe, expect, it } from '@jest/globals'
import { groupByInstance, inReportOrder } from '../../src/action/report-order.js'
import type { WaitOutcome, WaitResult } from '../../src/check/waiter.js'

const outcome = (snapshotId: string, result: WaitResult, instanceId?: string): WaitOutcome => ({
  result,
  ...(instanceId ? { instanceId } : {}),
  message: `${snapshotId}: ${result}`,
  snapshotId,
  attempts: 1,
  waitedMs: 0,
  timeline: []
})

describe('the report order', () => {
  it('groups by instance, the worst instance first, under no ID when the outcome has none', () => {
    // What a step over several instances reports when it could not list them: no instance.
    const unlisted = outcome('', 'error')
    const fine = outcome('snp-1', 'success', 'dsw-1')
    const failed = outcome('snp-2', 'failure', 'dsw-2')
    expect(groupByInstance([fine, unlisted, failed])).toEqual([
      ['', [unlisted]],
      ['dsw-2', [failed]],
      ['dsw-1', [fine]]
    ])
  })

  it('puts the worst outcome first within each instance, the rest as they came', () => {
    const a = outcome('snp-a', 'success', 'dsw-1')
    const b = outcome('snp-b', 'timeout', 'dsw-1')
    const c = outcome('snp-c', 'success', 'dsw-1')
    const d = outcome('snp-d', 'success', 'dsw-2')
    expect(inReportOrder([d, a, b, c])).toEqual([b, a, c, d])
  })
})
