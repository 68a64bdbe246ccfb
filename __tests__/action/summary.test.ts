import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SUMMARY_BUDGET_BYTES, writeJobSummary } from '../../src/action/summary.js'
import type { WaitOutcome } from '../../src/wait/waiter.js'

// @actions/core keeps the summary file's path once it has read it: one file for the whole file.
const dir = mkdtempSync(join(tmpdir(), 'summary-'))
const file = join(dir, 'summary.md')
beforeEach(() => {
  writeFileSync(file, '')
  process.env.GITHUB_STEP_SUMMARY = file
  core.summary.emptyBuffer()
})
afterAll(() => {
  delete process.env.GITHUB_STEP_SUMMARY
  rmSync(dir, { recursive: true, force: true })
})

function failure(i: number, instanceId: string): WaitOutcome {
  const long = (what: string) => `${what} ${i} `.repeat(400)
  return {
    result: i % 2 ? 'failure' : 'success',
    instanceId,
    message: long('why'),
    snapshotId: `snp-${i}`,
    snapshot: {
      SnapshotId: `snp-${i}`,
      SnapshotName: long('name'),
      Status: i % 2 ? 'Failed' : 'Saved',
      ImageUrl: long('registry.example/x'),
      ReasonCode: 'ImagePushFailed',
      ReasonMessage: long('reason')
    },
    attempts: 1,
    waitedMs: 0,
    timeline: []
  }
}

const step = { instanceId: '', requests: 9, waitedMs: 1000, now: 0 }

describe('the job summary', () => {
  it('leaves rows out past its budget, says how many, and stays under 1 MiB', async () => {
    const outcomes = Array.from({ length: 2000 }, (_, i) => failure(i, `dsw-${i % 7}`))
    await writeJobSummary(outcomes, step)
    const summary = readFileSync(file, 'utf8')
    expect(Buffer.byteLength(summary)).toBeGreaterThan(SUMMARY_BUDGET_BYTES * 0.9)
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024)
    const rows = summary.split('<tr>').length - 2 // less the header row
    const left = Number(/<p>([\d,]+) more rows? left out/.exec(summary)?.[1]?.replace(/,/g, ''))
    // Every snapshot row and every instance row is either shown or counted.
    expect(rows + left).toBe(2000 + 7)
    expect(left).toBeGreaterThan(0)
    expect(summary).toContain('the <code>snapshots</code> output lists every snapshot')
  })

  it('groups rows under their instance, the instances with failures first', async () => {
    const outcomes = [
      { ...failure(2, 'dsw-ok'), result: 'success' as const },
      failure(1, 'dsw-bad'),
      { ...failure(4, 'dsw-bad'), result: 'success' as const }
    ]
    await writeJobSummary(outcomes, step)
    const summary = readFileSync(file, 'utf8')
    const bad = summary.indexOf('Instance dsw-bad: ❌ 1 failure · ✅ 1 success')
    const ok = summary.indexOf('Instance dsw-ok: ✅ 1 success')
    expect(bad).toBeGreaterThan(0)
    expect(ok).toBeGreaterThan(bad)
    expect(summary.indexOf('snp-1')).toBeGreaterThan(bad)
    expect(summary.indexOf('snp-1')).toBeLessThan(summary.indexOf('snp-4'))
    expect(summary.indexOf('snp-4')).toBeLessThan(ok)
  })
})
