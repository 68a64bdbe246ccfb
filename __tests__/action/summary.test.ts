import { log } from '../../src/action/log.js'
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeJobSummary } from '../../src/action/summary.js'
import { SUMMARY_BUDGET_BYTES } from '../../src/action/github-limits.js'
import type { WaitOutcome } from '../../src/check/waiter.js'

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
    // What a success hands on; a failure hands on no image.
    ...(i % 2 ? {} : { imageUrl: long('registry.example/x') }),
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
    await writeJobSummary(outcomes, step, process.env, log)
    const summary = readFileSync(file, 'utf8')
    expect(Buffer.byteLength(summary)).toBeGreaterThan(SUMMARY_BUDGET_BYTES * 0.9)
    // The budget counts more markup than is written, so the whole stays within it.
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    const rows = summary.split('<tr>').length - 2 // less the header row
    const left = Number(/<p>([\d,]+) more rows? left out/.exec(summary)?.[1]?.replace(/,/g, ''))
    // Every snapshot row and every instance row is either shown or counted.
    expect(rows + left).toBe(2000 + 7)
    expect(left).toBeGreaterThan(0)
    // The note ends the summary, on a line of its own like every other part.
    expect(summary).toMatch(/the <code>snapshots<\/code> output lists every snapshot\.<\/p>\n$/)
  })

  it('shows only the image a success hands on, never a failed snapshot’s as deployable', async () => {
    const saved = { ...failure(2, 'dsw-1'), imageUrl: 'registry.example/team/ok:1' }
    const broken = failure(1, 'dsw-1')
    broken.snapshot = { ...broken.snapshot, ImageUrl: 'registry.example/team/never-pushed:1' }
    await writeJobSummary([saved, broken], step, process.env, log)
    const fleet = readFileSync(file, 'utf8')
    expect(fleet).toContain('<code>registry.example/team/ok:1</code>')
    expect(fleet).not.toContain('never-pushed')

    core.summary.emptyBuffer()
    writeFileSync(file, '')
    await writeJobSummary([broken], step, process.env, log)
    expect(readFileSync(file, 'utf8')).toContain(
      '— (not handed on; the service reported <code>registry.example/team/never-pushed:1</code>)'
    )
  })

  it('groups rows under their instance, the instances with failures first', async () => {
    const outcomes = [
      { ...failure(2, 'dsw-ok'), result: 'success' as const },
      failure(1, 'dsw-bad'),
      { ...failure(4, 'dsw-bad'), result: 'success' as const }
    ]
    await writeJobSummary(outcomes, step, process.env, log)
    const summary = readFileSync(file, 'utf8')
    const bad = summary.indexOf('Instance dsw-bad: ❌ 1 failure · ✅ 1 success')
    const ok = summary.indexOf('Instance dsw-ok: ✅ 1 success')
    expect(bad).toBeGreaterThan(0)
    expect(ok).toBeGreaterThan(bad)
    expect(summary.indexOf('snp-1')).toBeGreaterThan(bad)
    expect(summary.indexOf('snp-1')).toBeLessThan(summary.indexOf('snp-4'))
    expect(summary.indexOf('snp-4')).toBeLessThan(ok)
  })

  it('orders instances and rows by the one severity order the step result uses', async () => {
    const as = (i: number, instanceId: string, result: WaitOutcome['result']): WaitOutcome => ({
      ...failure(i, instanceId),
      result
    })
    const outcomes = [
      as(1, 'dsw-slow', 'timeout'),
      as(2, 'dsw-broken', 'failure'),
      as(3, 'dsw-broken', 'timeout'),
      as(5, 'dsw-unreadable', 'error'),
      as(6, 'dsw-fine', 'success')
    ]
    await writeJobSummary(outcomes, step, process.env, log)
    const summary = readFileSync(file, 'utf8')
    const at = (text: string) => {
      const index = summary.indexOf(text)
      expect(index).toBeGreaterThan(0)
      return index
    }
    const order = ['Instance dsw-unreadable', 'Instance dsw-broken', 'Instance dsw-slow']
    const positions = [...order, 'Instance dsw-fine'].map(at)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    // Within an instance too: its failure before its timeout.
    expect(at('snp-2')).toBeLessThan(at('snp-3'))
    expect(summary).toContain('<strong>⚠️ 5 snapshots</strong>')
  })
})
