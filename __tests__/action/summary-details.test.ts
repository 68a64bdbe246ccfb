// The job summary of one snapshot, the fleet's rows, the link to the run and a summary that cannot
// be written. Its own file: @actions/github reads the run's ID once, when first loaded, and
// @actions/core keeps the summary file's path once it has read it.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type StepFacts, writeJobSummary } from '../../src/action/summary.js'
import type { WaitOutcome } from '../../src/check/waiter.js'

process.env.GITHUB_RUN_ID = '4242'
process.env.GITHUB_REPOSITORY = 'octo-org/deploy'
process.env.GITHUB_SERVER_URL = 'https://github.example'

const dir = mkdtempSync(join(tmpdir(), 'summary-details-'))
const file = join(dir, 'summary.md')
// @actions/core writes to the file the process's environment names; the step reads `env`.
process.env.GITHUB_STEP_SUMMARY = file
const env = { GITHUB_STEP_SUMMARY: file, GITHUB_REPOSITORY: 'octo-org/deploy' }
const warnings: string[] = []
const log = { warning: (line: string) => warnings.push(line) }
beforeEach(() => {
  rmSync(file, { recursive: true, force: true })
  writeFileSync(file, '')
  core.summary.emptyBuffer()
  warnings.length = 0
})
afterAll(() => {
  for (const name of [
    'GITHUB_RUN_ID',
    'GITHUB_REPOSITORY',
    'GITHUB_SERVER_URL',
    'GITHUB_STEP_SUMMARY'
  ])
    delete process.env[name]
  rmSync(dir, { recursive: true, force: true })
})

const HOUR = 3_600_000
const step: StepFacts = { instanceId: 'dsw-1', requests: 3, waitedMs: 61_000, now: 10 * HOUR }

function outcome(overrides: Partial<WaitOutcome> = {}): WaitOutcome {
  return {
    result: 'success',
    instanceId: 'dsw-1',
    message: 'saved',
    snapshotId: 'snp-1',
    imageUrl: 'registry.example/team/env:1',
    snapshot: { SnapshotId: 'snp-1', Status: 'Saved', ImageUrl: 'registry.example/team/env:1' },
    attempts: 1,
    waitedMs: 0,
    timeline: [],
    ...overrides
  }
}

async function summaryOf(outcomes: WaitOutcome[], facts: StepFacts = step): Promise<string> {
  await writeJobSummary(outcomes, facts, env, log)
  return readFileSync(file, 'utf8')
}

describe('the summary of one snapshot', () => {
  it('names the snapshot this step created, its labels, and marks a status not reported', async () => {
    const made = outcome({
      // The answer named neither the snapshot nor its status: the ID asked for stands in.
      snapshot: { Labels: [{ Key: 'team', Value: 'ml' }] }
    })
    const created = { snapshotName: 'deploy-42', imageUrl: 'registry.example/team/env:42' }
    const summary = await summaryOf([made], { ...step, created })
    expect(summary).toContain('<h2>New PAI-DSW snapshot</h2>')
    expect(summary).toContain(
      '<th>Created by this step</th><td>deploy-42, pushed to <code>registry.example/team/env:42</code></td>'
    )
    expect(summary).toContain('<th>Labels</th><td>team=ml</td>')
    expect(summary).toContain('<th>Snapshot</th><td>snp-1</td>')
    expect(summary).toContain('<th>Status</th><td>—</td>')
    expect(summary).toContain('<th>Requests</th><td>3 in 1m1s</td>')
    expect(summary).not.toContain('<th>Why</th>')
  })

  it('tells a failed snapshot row by row, with its status timeline', async () => {
    const failed = outcome({
      result: 'failure',
      message: 'Snapshot snp-9 failed: ImagePushFailed',
      snapshotId: 'snp-9',
      imageUrl: undefined,
      snapshot: {
        SnapshotId: 'snp-9',
        SnapshotName: 'nightly',
        InstanceId: 'dsw-1',
        Status: 'Failed',
        ImageUrl: 'registry.example/team/env:9',
        GmtCreateTime: '2026-12-01T10:00:00Z',
        GmtModifiedTime: '2026-12-01T10:05:00Z',
        Labels: [
          { Key: 'team', Value: 'ml' },
          { Key: 'tier', Value: 'gpu' }
        ]
      },
      timeline: [
        { atMs: 0, status: 'Committing' },
        { atMs: 65_000, status: '' }
      ]
    })
    const row = (name: string, value: string) => `<tr><th>${name}</th><td>${value}</td></tr>`
    const summary = await summaryOf([failed], { ...step, waitedMs: 65_000 })
    expect(summary.slice(0, summary.indexOf('<a href'))).toBe(
      '<h2>PAI-DSW snapshot</h2>\n<table>' +
        row('Result', '❌ Failure') +
        row('Snapshot', 'snp-9 &#40;nightly&#41;') +
        row('Instance', 'dsw-1') +
        row('Status', 'Failed') +
        row(
          'Image URL',
          '— (not handed on; the service reported <code>registry.example/team/env:9</code>)'
        ) +
        row('Created', '2026-12-01T10:00:00Z') +
        row('Modified', '2026-12-01T10:05:00Z') +
        row('Labels', 'team=ml, tier=gpu') +
        row('Requests', '3 in 1m5s') +
        row('Why', 'Snapshot snp-9 failed: ImagePushFailed') +
        '</table>\n<h3>Status timeline</h3>\n<table><tr><th>After</th><th>Status</th></tr>' +
        '<tr><td>0ms</td><td>Committing</td></tr><tr><td>1m5s</td><td>—</td></tr></table>\n'
    )
  })

  it('says nothing of a creation when the step made no snapshot it could name', async () => {
    const created = { snapshotName: 'deploy-42', imageUrl: 'registry.example/team/env:42' }
    const unnamed = outcome({ result: 'error', snapshotId: '', snapshot: undefined })
    const summary = await summaryOf([unnamed], { ...step, created })
    expect(summary).toContain('<h2>PAI-DSW snapshot</h2>')
    expect(summary).not.toContain('Created by this step')
    expect(summary).toContain('<th>Snapshot</th><td>—</td>')
    for (const row of ['Created', 'Modified', 'Labels'])
      expect(summary).toContain(`<th>${row}</th><td>—</td>`)
    expect(summary).not.toContain('Status timeline')
  })

  it('writes nothing when the step is given no summary file', async () => {
    await writeJobSummary([outcome()], step, { GITHUB_REPOSITORY: 'octo-org/deploy' }, log)
    expect(readFileSync(file, 'utf8')).toBe('')
  })

  it('shows the last 50 status changes and counts the earlier ones', async () => {
    const timeline = Array.from({ length: 53 }, (_, i) => ({ atMs: i * 1000, status: `S${i}` }))
    const summary = await summaryOf([outcome({ timeline })])
    // On a line of its own, as the link after it.
    expect(summary).toContain('<p>3 earlier status changes not shown.</p>\n')
    expect(summary).not.toContain('<td>S2</td>')
    expect(summary).toContain('<td>S3</td>')
    expect(summary).toContain('<td>S52</td>')
  })

  it('links the workflow run', async () => {
    expect(await summaryOf([outcome()])).toContain(
      '<a href="https://github.example/octo-org/deploy/actions/runs/4242">Workflow run</a>'
    )
  })

  it('leaves the link out when the step is not told its repository, or its run', async () => {
    await writeJobSummary([outcome()], step, { GITHUB_STEP_SUMMARY: file }, log)
    expect(readFileSync(file, 'utf8')).not.toContain('Workflow run')
    const { context } = await import('@actions/github')
    const runId = context.runId
    context.runId = 0
    try {
      expect(await summaryOf([outcome()])).not.toContain('Workflow run')
    } finally {
      context.runId = runId
    }
  })

  it('warns, and goes on, when the summary file cannot be written', async () => {
    rmSync(file)
    mkdirSync(file)
    await expect(summaryOf([outcome()]).catch(() => 'unread')).resolves.toBe('unread')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^Could not write the job summary: .*EISDIR/)
  })
})

describe("the fleet's rows", () => {
  it('gives each snapshot its age, an empty reason on success, and — for what is unknown', async () => {
    const created = new Date(step.now - 5 * HOUR).toISOString()
    const summary = await summaryOf([
      outcome({ snapshot: { SnapshotId: 'snp-1', Status: 'Saved', GmtCreateTime: created } }),
      outcome({
        result: 'error',
        message: 'unreadable',
        snapshotId: '',
        imageUrl: undefined,
        snapshot: undefined
      })
    ])
    expect(summary).toContain('<td>snp-1</td><td>✅ Saved</td>')
    // @actions/core writes an empty cell as a bare <td>.
    expect(summary).toContain('<td>5h</td><td></tr>')
    expect(summary).toContain('<td>—</td><td>⚠️ Error</td><td>—</td><td>—</td><td>unreadable</td>')
  })
})

describe('the fleet report', () => {
  const MIN = 60_000
  const NOW = Date.parse('2026-12-07T12:00:00Z')
  const ago = (ms: number) => new Date(NOW - ms).toISOString()
  const base = { attempts: 1, waitedMs: 0, timeline: [] }
  const failed: WaitOutcome = {
    ...base,
    result: 'failure',
    instanceId: 'dsw-a',
    message: 'Snapshot snp-1 failed',
    snapshotId: 'snp-1',
    snapshot: {
      SnapshotId: 'snp-1',
      SnapshotName: 'n1',
      Status: 'Failed',
      ReasonCode: 'ImagePushFailed',
      ReasonMessage: 'quota',
      GmtCreateTime: ago(3 * 24 * 60 * MIN)
    }
  }
  // Not a failure: its message is the reason, not the snapshot's own.
  const unread: WaitOutcome = {
    ...base,
    result: 'error',
    instanceId: 'dsw-a',
    message: 'could not read',
    snapshotId: 'snp-2',
    snapshot: {
      SnapshotId: 'snp-2',
      Status: 'Pushing',
      ReasonCode: 'X',
      ReasonMessage: 'Y',
      GmtCreateTime: ago(120 * MIN)
    }
  }
  const saved: WaitOutcome = {
    ...base,
    result: 'success',
    instanceId: 'dsw-b',
    message: 'ok',
    snapshotId: 'snp-3',
    imageUrl: 'registry.example/t/e:3',
    snapshot: { Status: 'Saved', GmtCreateTime: ago(119 * MIN) }
  }
  const nowhere: WaitOutcome = { ...base, result: 'error', message: 'no instance', snapshotId: '' }
  const header =
    '<tr><th>Snapshot</th><th>Status</th><th>Image URL</th><th>Age</th><th>Reason</th></tr>'

  it('groups several instances, worst first, with totals, ages and reasons', async () => {
    const byInstance = new Map(Array.from({ length: 12 }, (_, i) => [`dsw-${i}`, i + 1]))
    const facts: StepFacts = {
      instanceId: '',
      requests: 7,
      waitedMs: 90_000,
      now: NOW,
      tooOld: { maxAgeMs: 7 * 24 * 60 * MIN, byInstance }
    }
    const summary = await summaryOf([failed, unread, saved, nowhere], facts)
    expect(summary.slice(0, summary.indexOf('<a href'))).toBe(
      '<h2>PAI-DSW snapshots of 3 instances</h2>\n' +
        '<p><strong>⚠️ 4 snapshots</strong>: ⚠️ 2 error · ❌ 1 failure · ✅ 1 success ' +
        '(7 requests in 1m30s)</p>\n' +
        `<table>${header}` +
        '<tr><th colspan="5">Instance dsw-a: ⚠️ 1 error · ❌ 1 failure</th></tr>' +
        '<tr><td>snp-2</td><td>⚠️ Pushing</td><td>—</td><td>2h</td><td>could not read</td></tr>' +
        '<tr><td>snp-1 &#40;n1&#41;</td><td>❌ Failed</td><td>—</td><td>3d</td>' +
        '<td>ImagePushFailed: quota</td></tr>' +
        '<tr><th colspan="5">Instance —: ⚠️ 1 error</th></tr>' +
        '<tr><td>—</td><td>⚠️ Error</td><td>—</td><td>—</td><td>no instance</td></tr>' +
        '<tr><th colspan="5">Instance dsw-b: ✅ 1 success</th></tr>' +
        '<tr><td>snp-3</td><td>✅ Saved</td><td><code>registry.example/t/e:3</code></td>' +
        '<td>119m</td><td></tr></table>\n' +
        '<p>78 snapshots older than max-age 7d left out (dsw-0: 1, dsw-1: 2, dsw-2: 3, dsw-3: 4, ' +
        'dsw-4: 5, dsw-5: 6, dsw-6: 7, dsw-7: 8, dsw-8: 9, dsw-9: 10, and 2 more instances).</p>\n'
    )
  })

  it('names every instance max-age left snapshots out of, when there are few', async () => {
    const byInstance = new Map([['dsw-a', 3]])
    const facts: StepFacts = { ...step, now: NOW, tooOld: { maxAgeMs: 60 * MIN, byInstance } }
    expect(await summaryOf([failed, unread], facts)).toContain(
      '<p>3 snapshots older than max-age 1h left out (dsw-a: 3).</p>\n'
    )
  })

  it('lists the snapshots of one instance without instance rows, and no empty notes', async () => {
    const twoDays = { GmtCreateTime: ago(2 * 24 * 60 * MIN) }
    const outcomes = [failed, unread].map(o => ({ ...o, snapshot: { ...o.snapshot, ...twoDays } }))
    const facts: StepFacts = {
      instanceId: 'dsw-a',
      requests: 1,
      waitedMs: 0,
      now: NOW,
      tooOld: { maxAgeMs: MIN, byInstance: new Map() }
    }
    const summary = await summaryOf(outcomes, facts)
    expect(summary.slice(0, summary.indexOf('<a href'))).toBe(
      '<h2>PAI-DSW snapshots of dsw-a</h2>\n' +
        '<p><strong>⚠️ 2 snapshots</strong>: ⚠️ 1 error · ❌ 1 failure (1 request in 0ms)</p>\n' +
        `<table>${header}` +
        '<tr><td>snp-2</td><td>⚠️ Pushing</td><td>—</td><td>2d</td><td>could not read</td></tr>' +
        '<tr><td>snp-1 &#40;n1&#41;</td><td>❌ Failed</td><td>—</td><td>2d</td>' +
        '<td>ImagePushFailed: quota</td></tr></table>\n'
    )
  })
})
