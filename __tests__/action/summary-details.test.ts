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
      snapshot: { SnapshotId: 'snp-1', Labels: [{ Key: 'team', Value: 'ml' }] }
    })
    const created = { snapshotName: 'deploy-42', imageUrl: 'registry.example/team/env:42' }
    const summary = await summaryOf([made], { ...step, created })
    expect(summary).toContain('<h2>New PAI-DSW snapshot</h2>')
    expect(summary).toContain(
      '<th>Created by this step</th><td>deploy-42, pushed to <code>registry.example/team/env:42</code></td>'
    )
    expect(summary).toContain('<th>Labels</th><td>team=ml</td>')
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
