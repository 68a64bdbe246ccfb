import { describe, expect, it } from '@jest/globals'
import { outputsFromOutcomes, snapshotsOutput } from '../../src/action/outputs.js'
import { MAX_OUTPUT_TEXT, MAX_OUTPUT_BYTES } from '../../src/action/github-limits.js'
import { cell } from '../../src/action/summary.js'
import type { WaitOutcome } from '../../src/check/waiter.js'

function outcome(i: number, result: WaitOutcome['result'], reason = ''): WaitOutcome {
  return {
    result,
    message: result === 'success' ? 'ok' : `snapshot snp-${i} failed: ${reason}`,
    snapshotId: `snp-${i}`,
    snapshot: {
      SnapshotId: `snp-${i}`,
      Status: result === 'success' ? 'Saved' : 'Failed',
      ReasonMessage: reason
    },
    attempts: 1,
    waitedMs: 0,
    timeline: []
  }
}

const step = { instanceId: 'dsw-1', requests: 3, waitedMs: 1000 }

describe('the snapshots output', () => {
  it('keeps every entry whole when it fits', () => {
    const { json, omitted } = snapshotsOutput([
      outcome(1, 'failure', 'disk full'),
      outcome(2, 'success')
    ])
    expect(omitted).toBe(0)
    expect(JSON.parse(json).map((e: { reasonMessage: string }) => e.reasonMessage)).toEqual([
      'disk full',
      ''
    ])
  })

  it('cuts long reasons first to stay under 1 MB: 250 failures with 5 KB reasons', () => {
    const outcomes = Array.from({ length: 250 }, (_, i) => outcome(i, 'failure', 'r'.repeat(5000)))
    const { json, omitted } = snapshotsOutput(outcomes)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES)
    expect(omitted).toBe(0)
    const entries = JSON.parse(json) as { snapshotId: string; reasonMessage: string }[]
    expect(entries.map(e => e.snapshotId)).toEqual(outcomes.map(o => o.snapshotId))
    expect(entries[0]!.reasonMessage).toMatch(/^r{1000}… \(4000 more characters cut\)$/)
  })

  it('past that, keeps failures first and says how many were left out', () => {
    const outcomes = Array.from({ length: 12_000 }, (_, i) =>
      outcome(i, i % 1000 === 0 ? 'failure' : 'success', 'why')
    )
    const { json, omitted } = snapshotsOutput(outcomes)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES)
    const entries = JSON.parse(json) as { result: string }[]
    expect(omitted).toBe(12_000 - entries.length)
    expect(omitted).toBeGreaterThan(0)
    expect(entries.slice(0, 12).every(e => e.result === 'failure')).toBe(true)
  })
})

describe('the single-snapshot outputs', () => {
  it('cut a huge reason, and the snapshot output holds the documented fields only', () => {
    const o = outcome(1, 'failure', 'm'.repeat(MAX_OUTPUT_TEXT + 10))
    o.snapshot = { ...o.snapshot, ...{ Extra: 'x'.repeat(500_000), Success: true } }
    const { outputs } = outputsFromOutcomes([o], step)
    expect(outputs['reason-message']).toMatch(/… \(10 more characters cut\)$/)
    const snapshot = JSON.parse(outputs.snapshot!)
    expect(Object.keys(snapshot)).toEqual([
      'SnapshotId',
      'Status',
      'ReasonMessage',
      'TruncatedFields'
    ])
    expect(snapshot.TruncatedFields).toEqual(['ReasonMessage'])
    expect(outputs.snapshot!.length).toBeLessThan(MAX_OUTPUT_TEXT + 200)
  })
})

describe('a job summary cell', () => {
  it('cannot end the table, start Markdown or carry HTML', () => {
    const payload = '</td></tr></table>\n\n# Owned\n![x](http://evil.example/x.png)<script>|a|`b`'
    const safe = cell(payload, 1000)
    // Only character references are left where markup was.
    expect(safe.replace(/&#\d+;/g, '')).not.toMatch(/[<>\n\r|`[\]()#!&]/)
    expect(safe).toContain('&#60;/td&#62;')
    expect(safe).toContain('&#33;&#91;x&#93;&#40;http')
  })

  it('is cut to its length', () => {
    expect(cell('z'.repeat(300))).toBe(`${'z'.repeat(200)}… &#40;100 more characters cut&#41;`)
  })
})
