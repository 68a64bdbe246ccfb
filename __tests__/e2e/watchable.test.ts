// A step people can watch (issue 17) through `node dist/index.js`: progress lines on a scaled clock,
// folded per-snapshot lines, annotations within GitHub's limits, and outputs that agree with the
// result when several snapshots are checked.
import { describe, expect, it } from '@jest/globals'
import type { ActionRun } from '../../scripts/local-runner.mjs'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { errorLine, errorLines } from '../helpers/run-inspection.js'

const KEY = { accessKeyId: 'watch-key-id', accessKeySecret: 'watch-key-secret-0123456789' }
const { startEmulator, runAction } = secretScannedRuns()

type SnapshotSpec = NonNullable<EmulatorOptions['snapshots']>[number]

function snapshot(
  instanceId: string,
  snapshotId: string,
  timeline: SnapshotSpec['timeline'],
  extra: Partial<SnapshotSpec> = {}
): SnapshotSpec {
  return {
    instanceId,
    snapshotId,
    imageUrl: `registry.example/team/${instanceId}:${snapshotId}`,
    timeline,
    ...extra
  }
}

const failed = (instanceId: string, snapshotId: string) =>
  snapshot(instanceId, snapshotId, [{ status: 'Failed' }], {
    fields: { ReasonCode: 'CommitFailed', ReasonMessage: `disk full on ${snapshotId}` }
  })

function run(emu: Emulator, inputs: Record<string, string>, env?: Record<string, string>) {
  return runAction(
    {
      endpoint: emu.url,
      'access-key-id': KEY.accessKeyId,
      'access-key-secret': KEY.accessKeySecret,
      'history-aware-polling': 'false',
      ...inputs
    },
    env ? { env } : {}
  )
}

/** The lines a person sees: neither debug lines nor the folded ones inside a group. */
function visibleLines(log: string): string[] {
  const shown: string[] = []
  let folded = false
  for (const line of log.split('\n')) {
    if (line.startsWith('::group::')) folded = true
    else if (line.startsWith('::endgroup::')) folded = false
    else if (!folded && line && !line.startsWith('::debug::')) shown.push(line)
  }
  return shown
}

describe('progress', () => {
  it('shows where a long wait is, between status changes, with per-poll detail at debug', async () => {
    // poll-interval 1 s: a progress line every 10 s (6 poll-intervals, at least 10 s).
    const emu = await startEmulator({
      credentials: [KEY],
      snapshots: [
        snapshot('dsw-1', 'snp-1', [{ status: 'Pushing', ms: 13_000 }, { status: 'Saved' }])
      ]
    })
    const result = await run(emu, {
      'instance-id': 'dsw-1',
      'snapshot-id': 'snp-1',
      'poll-interval': '1s',
      'max-poll-interval': '4s',
      timeout: '1m'
    })
    expect(result.exitCode).toBe(0)
    const progress = visibleLines(result.log).filter(l => l.includes('is still Pushing'))
    expect(progress.length).toBeGreaterThanOrEqual(1)
    expect(progress[0]).toMatch(
      /^\[\d+s\] Snapshot snp-1 of instance dsw-1 is still Pushing \(\d+ requests so far, [45]\ds left\)$/
    )
    // Every poll is told at debug level, only status changes and progress are visible.
    const polls = emu.requests.filter(r => r.action === 'GetInstanceSnapshot').length
    expect(result.log.match(/::debug::Poll \d+:/g)).toHaveLength(polls)
    expect(polls).toBeGreaterThanOrEqual(6)
    const aboutSnapshot = visibleLines(result.log).filter(l => l.includes('snp-1'))
    expect(aboutSnapshot.length).toBeLessThan(polls)
  }, 30_000)

  it('folds the lines of each snapshot and counts them, for a check of many', async () => {
    const snapshots = Array.from({ length: 40 }, (_, i) =>
      i < 3 ? failed('dsw-1', `snp-${i}`) : snapshot('dsw-1', `snp-${i}`, [{ status: 'Saved' }])
    )
    const emu = await startEmulator({ credentials: [KEY], snapshots })
    const result = await run(emu, { 'instance-id': 'dsw-1', 'snapshot-id': 'all', timeout: '0' })
    expect(result.outputs.result).toBe('failure')
    expect(result.log).toContain('::group::Status of each snapshot: 41 lines')
    const shown = visibleLines(result.log)
    expect(shown.join('\n')).toMatch(
      /^Checked 40 snapshots: 37 succeeded, 3 failed \(1 request in \d+ms\)$/m
    )
    // The start, the counts, three annotations and the error: not a line per snapshot.
    expect(shown.length).toBeLessThan(12)
  }, 30_000)
})

describe('annotations within GitHub limits', () => {
  const twelveFailed = () => Array.from({ length: 12 }, (_, i) => failed('dsw-1', `snp-f${i}`))

  it('annotates the first failures and says in the last how many more there are', async () => {
    const emu = await startEmulator({ credentials: [KEY], snapshots: twelveFailed() })
    const result = await run(emu, { 'instance-id': 'dsw-1', 'snapshot-id': 'all', timeout: '0' })
    const errors = errorLines(result.log)
    // 9 annotations and the step's own error: GitHub shows 10 per step.
    expect(errors).toHaveLength(10)
    expect(errors[8]).toMatch(/^::error title=Snapshot snp-f\d+ \(failure\) and 3 more::/)
    expect(errors[8]).toContain(
      '(and 3 more snapshots that did not succeed: the job summary lists them all)'
    )
    expect(errorLine(result.log)).toContain('12 of 12 snapshots did not succeed')
    // The summary does list all twelve.
    expect(new Set(result.summary.match(/snp-f\d+/g)).size).toBe(12)
  }, 30_000)

  it('points at the snapshots output when there is no job summary', async () => {
    const emu = await startEmulator({ credentials: [KEY], snapshots: twelveFailed() })
    const result = await run(emu, {
      'instance-id': 'dsw-1',
      'snapshot-id': 'all',
      timeout: '0',
      'job-summary': 'false'
    })
    expect(errorLines(result.log)[8]).toContain('the snapshots output lists them all')
    expect(JSON.parse(result.outputs.snapshots!)).toHaveLength(12)
  }, 30_000)

  it('keeps warnings within 10 annotations, the last saying how many more are in the log', async () => {
    const odd = Array.from({ length: 12 }, (_, i) =>
      snapshot('dsw-1', `snp-w${i}`, [{ status: `Odd${i}` }])
    )
    const emu = await startEmulator({ credentials: [KEY], snapshots: odd })
    const result = await run(emu, { 'instance-id': 'dsw-1', 'snapshot-id': 'all', timeout: '0' })
    const warnings = result.log.split('\n').filter(l => l.startsWith('::warning'))
    expect(warnings).toHaveLength(10)
    expect(warnings[9]).toBe(
      '::warning::3 more warnings in the log, on lines that start with "Warning:" ' +
        '(GitHub shows 10 warning annotations per step)'
    )
    expect(
      result.log.match(/^Warning: Snapshot snp-w\d+ of instance dsw-1 has status/gm)
    ).toHaveLength(3)
  }, 30_000)
})

describe('outputs with several snapshots', () => {
  const instances = ['dsw-a', 'dsw-b', 'dsw-c']
  const check = (emu: Emulator): Promise<ActionRun> =>
    run(emu, { 'instance-id': 'all', 'snapshot-id': 'latest', timeout: '0' })

  // dsw-c's snapshot Saved, or still Pushing (a timeout, which a failure outweighs).
  it.each(['Saved', 'Pushing'])(
    'describe the snapshot that decided the result, never a success next to a failure (dsw-c %s)',
    async lastStatus => {
      const emu = await startEmulator({
        credentials: [KEY],
        instances,
        snapshots: [
          snapshot('dsw-a', 'snp-a', [{ status: 'Saved' }]),
          failed('dsw-b', 'snp-b'),
          snapshot('dsw-c', 'snp-c', [{ status: lastStatus }])
        ]
      })
      const result = await check(emu)
      expect(result.outputs).toMatchObject({
        result: 'failure',
        status: 'Failed',
        'snapshot-id': 'snp-b',
        'instance-id': 'dsw-b',
        'reason-code': 'CommitFailed'
      })
    },
    30_000
  )

  it('describe the first snapshot, of the first instance given, when every one succeeded', async () => {
    const emu = await startEmulator({
      credentials: [KEY],
      instances,
      snapshots: instances.map(id => snapshot(id, `snp-${id}`, [{ status: 'Saved' }]))
    })
    // The instances as given (a listing's order is the service's to choose).
    const result = await run(emu, {
      'instance-id': 'dsw-b,dsw-a,dsw-c',
      'snapshot-id': 'latest',
      timeout: '0'
    })
    expect(result.outputs).toMatchObject({
      result: 'success',
      status: 'Saved',
      'instance-id': 'dsw-b',
      'snapshot-id': 'snp-dsw-b',
      'image-url': 'registry.example/team/dsw-b:snp-dsw-b'
    })
  }, 30_000)
})

describe('a log that reads as sentences', () => {
  it('says "no waiting" for timeout 0, and counts in words', async () => {
    const emu = await startEmulator({
      credentials: [KEY],
      instances: ['dsw-a', 'dsw-b'],
      snapshots: [
        snapshot('dsw-a', 'snp-a', [{ status: 'Pushing' }]),
        snapshot('dsw-b', 'snp-b', [{ status: 'Saved' }])
      ]
    })
    const result = await run(emu, { 'instance-id': 'all', 'snapshot-id': 'all', timeout: '0' })
    expect(result.log).toContain('once (timeout 0: no waiting)')
    expect(result.log).toContain('Checking every snapshot of 2 instances')
    expect(result.log).toContain(
      'Snapshot snp-a of instance dsw-a was checked once, with no waiting (timeout 0): its status was Pushing'
    )
    expect(result.log).not.toMatch(/\(s\)|\b0ms\b.*waiting|the all /)
  }, 30_000)
})
