import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OUTPUT_CUT_MARKER, MAX_OUTPUT_BYTES } from '../../src/action/github-limits.js'
import { recordingLog } from '../helpers/recording-log.js'
import { StepReport, startLine, stepFacts } from '../../src/action/report.js'
import type { WaitOutcome } from '../../src/check/waiter.js'
import { InputError } from '../../src/errors.js'
import { parseGiven } from '../helpers/parse-inputs.js'

const KEY = { region: 'cn-hangzhou', 'access-key-id': 'LTAI-test', 'access-key-secret': 's' }
const inputs = (more: Record<string, string>) =>
  parseGiven({ 'instance-id': 'dsw-1', 'job-summary': 'false', ...KEY, ...more })

function recordingReport() {
  const { log, lines } = recordingLog()
  const outputs: [string, string][] = []
  const report = new StepReport({ setOutput: (name, value) => outputs.push([name, value]), log })
  return { report, lines, outputs }
}

const saved: WaitOutcome = {
  result: 'success',
  message: 'Snapshot snp-1 of instance dsw-1 is Saved',
  snapshotId: 'snp-1',
  imageUrl: 'registry.example.com/team/env:v1',
  snapshot: { SnapshotId: 'snp-1', Status: 'Saved', ImageUrl: 'registry.example.com/team/env:v1' },
  attempts: 1,
  waitedMs: 0,
  timeline: []
}
const STEP = { instanceId: 'dsw-1', requests: 1, waitedMs: 0, now: 0 }

describe('StepReport', () => {
  it('sets each output value once, again only when it changes, cut to the output limit', () => {
    const { report, outputs } = recordingReport()
    report.setOutputs({ 'snapshot-id': 'snp-1' })
    report.setOutputs({ 'snapshot-id': 'snp-1', status: 'Saved' })
    report.setOutputs({
      'snapshot-id': 'snp-2',
      'reason-message': 'x'.repeat(MAX_OUTPUT_BYTES + 5)
    })
    expect(outputs.map(([name]) => name)).toEqual([
      'snapshot-id',
      'status',
      'snapshot-id',
      'reason-message'
    ])
    const cut = outputs.at(-1)![1]
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES)
    expect(cut.endsWith(OUTPUT_CUT_MARKER)).toBe(true)
  })

  it('ends a check with its outputs and the image of each success', async () => {
    const { report, lines, outputs } = recordingReport()
    await report.checked([saved], STEP, inputs({ 'snapshot-id': 'snp-1' }), {})
    expect(Object.fromEntries(outputs)).toMatchObject({
      result: 'success',
      'image-url': saved.imageUrl
    })
    expect(lines).toEqual([`info: ${saved.message}: ${saved.imageUrl}`])
  })

  it('fails a lone snapshot with its own message, and lists several failures', async () => {
    const failed = { ...saved, result: 'failure' as const, message: 'Snapshot snp-1 failed' }
    const one = recordingReport()
    await one.report.checked([failed], STEP, inputs({ 'snapshot-id': 'snp-1' }), {})
    expect(one.lines).toEqual(['fail: Snapshot snp-1 failed'])
    const several = recordingReport()
    await several.report.checked([saved, failed], STEP, inputs({ 'snapshot-id': 'all' }), {})
    expect(several.lines.at(-1)).toBe(
      'fail: 1 of 2 snapshots did not succeed:\n- Snapshot snp-1 failed'
    )
  })

  it('still sets outputs when the step ends without a verdict, and keeps a verdict already set', async () => {
    const bad = recordingReport()
    bad.report.failed(new InputError('timeout', 'must be a duration'), false)
    expect(Object.fromEntries(bad.outputs)).toEqual({
      result: 'error',
      attempts: '0',
      'waited-seconds': '0'
    })
    expect(bad.lines).toEqual(["fail: Input 'timeout' must be a duration"])

    const cancelled = recordingReport()
    cancelled.report.failed(new Error('aborted'), true)
    expect(Object.fromEntries(cancelled.outputs)).toMatchObject({ result: 'cancelled' })
    // Not an expected failure: its stack is there for a debug run.
    expect(cancelled.lines[0]).toMatch(/^debug: Error: aborted\n\s+at /)
    expect(cancelled.lines.at(-1)).toBe('fail: Cancelled: aborted')
    const stackless = recordingReport()
    const bare = new Error('no stack')
    delete bare.stack
    stackless.report.failed(bare, false)
    expect(stackless.lines).toEqual(['fail: no stack'])

    const late = recordingReport()
    await late.report.checked([saved], STEP, inputs({ 'snapshot-id': 'snp-1' }), {})
    late.report.failed(new Error('summary broke'), false)
    expect(late.outputs.filter(([name]) => name === 'result')).toEqual([['result', 'success']])
  })
})

describe('startLine', () => {
  it('says what is waited for, where and how long, or that it is checked once', () => {
    expect(startLine(inputs({ 'snapshot-id': 'snp-1', timeout: '10m' }))).toBe(
      'Waiting up to 10m for snapshot snp-1 of instance dsw-1 at pai-dsw.cn-hangzhou.aliyuncs.com'
    )
    expect(startLine(inputs({ 'snapshot-id': 'latest', timeout: '0' }))).toBe(
      'Checking the latest snapshot of instance dsw-1 at pai-dsw.cn-hangzhou.aliyuncs.com once (timeout 0: no waiting)'
    )
    expect(startLine(inputs({ 'instance-id': 'dsw-1, dsw-2', 'snapshot-id': 'all' }))).toContain(
      'every snapshot of instances dsw-1, dsw-2'
    )
    expect(startLine(inputs({ 'instance-id': 'all', 'snapshot-id': 'latest' }))).toContain(
      'the latest snapshot of every instance selected'
    )
  })
})

describe('StepReport limits', () => {
  const failedOne = (i: number): WaitOutcome => ({
    ...saved,
    result: 'failure',
    message: `Snapshot snp-${i} failed`,
    snapshotId: `snp-${i}`
  })

  it('lists 20 failures in the final error and counts the rest', async () => {
    const { report, lines } = recordingReport()
    const failures = Array.from({ length: 23 }, (_, i) => failedOne(i))
    await report.checked(failures, STEP, inputs({ 'snapshot-id': 'all' }), {})
    const final = lines.at(-1)!.split('\n')
    expect(final[0]).toBe('fail: 23 of 23 snapshots did not succeed:')
    expect(final).toHaveLength(22)
    expect(final.at(-1)).toBe('- … and 3 more')
  })

  it('says where every failure is listed: the job summary, or the snapshots output', async () => {
    const failures = Array.from({ length: 12 }, (_, i) => failedOne(i))
    const withSummary = recordingReport()
    const summaryInputs = inputs({ 'snapshot-id': 'all', 'job-summary': 'true' })
    await withSummary.report.checked(failures, STEP, summaryInputs, {})
    expect(withSummary.lines.filter(l => l.startsWith('error: ')).at(-1)).toContain(
      'the job summary lists them all'
    )
    const without = recordingReport()
    await without.report.checked(failures, STEP, inputs({ 'snapshot-id': 'all' }), {})
    expect(without.lines.filter(l => l.startsWith('error: ')).at(-1)).toContain(
      'the snapshots output lists them all'
    )
  })

  it('warns when the snapshots output leaves snapshots out, and only then', async () => {
    const many = Array.from({ length: 12_000 }, (_, i) => ({
      ...saved,
      snapshotId: `snp-${i}`,
      snapshot: { ...saved.snapshot, SnapshotId: `snp-${i}` }
    }))
    const { report, lines } = recordingReport()
    await report.checked(many, STEP, inputs({ 'snapshot-id': 'all' }), {})
    const warnings = lines.filter(l => l.startsWith('warning: '))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^warning: The snapshots output leaves out \d+ of 12000 snapshots \(successes first\) to stay under the 1 MB limit of an output; the job summary counts them all$/
    )
    const few = recordingReport()
    await few.report.checked(many.slice(0, 3), STEP, inputs({ 'snapshot-id': 'all' }), {})
    expect(few.lines.filter(l => l.startsWith('warning: '))).toEqual([])
  })

  it('writes the job summary when job-summary is true, and only then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'))
    const file = join(dir, 'summary.md')
    process.env.GITHUB_STEP_SUMMARY = file
    try {
      for (const on of ['false', 'true']) {
        writeFileSync(file, '')
        const { report } = recordingReport()
        const stepInputs = inputs({ 'snapshot-id': 'snp-1', 'job-summary': on })
        await report.checked([saved], STEP, stepInputs, { GITHUB_STEP_SUMMARY: file })
        expect(readFileSync(file, 'utf8').includes('snp-1')).toBe(on === 'true')
      }
    } finally {
      delete process.env.GITHUB_STEP_SUMMARY
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('closes with the count of warnings past the annotation limit', () => {
    const { report, lines } = recordingReport()
    for (let i = 0; i < 11; i++) report.log.warning(`w${i}`)
    report.close()
    expect(lines.at(-1)).toMatch(/^warning: 2 more warnings in the log/)
  })
})

describe('stepFacts and the first line', () => {
  it('names the snapshots asked for, a new one by its name', () => {
    expect(startLine(inputs({ 'snapshot-id': 'snp-1, snp-2' }))).toContain(
      'for snapshot snp-1, snp-2 of instance dsw-1'
    )
    const made = inputs({
      'snapshot-id': 'new',
      'snapshot-name': 'nightly',
      'image-url': 'registry.example.com/team/env:v1'
    })
    expect(startLine(made)).toContain('for a new snapshot nightly of instance dsw-1')
  })

  it('carries max-age for latest and all, the instance only when there is one', () => {
    const tooOld = new Map([['dsw-1', 2]])
    const latest = stepFacts(inputs({ 'snapshot-id': 'latest', 'max-age': '1d' }), tooOld)
    expect(latest).toMatchObject({ instanceId: 'dsw-1', tooOld: { maxAgeMs: 86_400_000 } })
    const all = stepFacts(inputs({ 'snapshot-id': 'all', 'max-age': '2h' }), tooOld)
    expect(all.tooOld).toEqual({ maxAgeMs: 7_200_000, byInstance: tooOld })
    expect(stepFacts(inputs({ 'snapshot-id': 'latest' }), tooOld).tooOld).toBeUndefined()
    const several = inputs({ 'instance-id': 'dsw-1, dsw-2', 'snapshot-id': 'latest' })
    expect(stepFacts(several, tooOld).instanceId).toBe('')
  })
})
