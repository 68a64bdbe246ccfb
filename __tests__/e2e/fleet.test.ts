// Fleet checks through `node dist/index.js`: several IDs, `latest`, and `all` across pages.
import { describe, expect, it } from '@jest/globals'
import type { ActionRun } from '../../scripts/local-runner.mjs'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { callsTo, errorLines } from '../helpers/run-inspection.js'

const KEY = { accessKeyId: 'fleet-key-id', accessKeySecret: 'fleet-key-secret-0123456789' }
const INSTANCE = 'dsw-fleet001'
// Every run has debug logging on, and its output is scanned for secrets after each test.
const { startEmulator: startTestEmulator, runAction } = secretScannedRuns()

type SnapshotSpec = NonNullable<EmulatorOptions['snapshots']>[number]

function snapshot(
  n: number,
  timeline: SnapshotSpec['timeline'],
  extra: Partial<SnapshotSpec> = {}
): SnapshotSpec {
  const id = `snp-${String(n).padStart(4, '0')}`
  return {
    instanceId: INSTANCE,
    snapshotId: id,
    snapshotName: `env-${n}`,
    imageUrl: `registry.example/team/env:${n}`,
    imageId: `image-${n}`,
    // Older snapshots first: snapshot n was created n minutes after midnight.
    gmtCreateTime: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString().replace('.000Z', 'Z'),
    timeline,
    ...extra
  }
}

function emulate(snapshots: SnapshotSpec[], extra: EmulatorOptions = {}): Promise<Emulator> {
  return startTestEmulator({ credentials: [KEY], snapshots, instances: [INSTANCE], ...extra })
}

function run(emu: Emulator, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({
    'instance-id': INSTANCE,
    endpoint: emu.url,
    'access-key-id': KEY.accessKeyId,
    'access-key-secret': KEY.accessKeySecret,
    'poll-interval': '50ms',
    'max-poll-interval': '100ms',
    'max-requests-per-second': '50',
    timeout: '10s',
    // Exact poll counts: the emulator counts a history page as a poll of each snapshot on it.
    'history-aware-polling': 'false',
    ...inputs
  })
}

const calls = (emu: Emulator, action: string) => callsTo(emu, action).length

describe('latest', () => {
  it('waits for the newest snapshot and describes it in the single outputs', async () => {
    const emu = await emulate([
      snapshot(1, [{ status: 'Saved' }]),
      snapshot(3, [{ status: 'Pushing', polls: 2 }, { status: 'Saved' }]),
      snapshot(2, [{ status: 'Failed' }])
    ])
    const result = await run(emu, { 'snapshot-id': 'latest' })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      result: 'success',
      'snapshot-id': 'snp-0003',
      'snapshot-name': 'env-3',
      status: 'Saved',
      'image-url': 'registry.example/team/env:3'
    })
    expect(result.log).toContain(`The latest snapshot of instance ${INSTANCE} is snp-0003`)
    // The listing is the first poll: one List, then Gets only while it is still pushing.
    expect(calls(emu, 'ListInstanceSnapshot')).toBe(1)
    expect(calls(emu, 'GetInstanceSnapshot')).toBe(2)
    expect(result.outputs.attempts).toBe('3')
    expect(JSON.parse(result.outputs.snapshots!)).toHaveLength(1)
  })

  it('picks the newest snapshot that passes the filters', async () => {
    const emu = await emulate([
      snapshot(1, [{ status: 'Saved' }], {
        snapshotName: 'nightly-1',
        labels: [{ Key: 'env', Value: 'prod' }]
      }),
      snapshot(2, [{ status: 'Saved' }], {
        snapshotName: 'nightly-2',
        labels: [{ Key: 'env', Value: 'dev' }]
      }),
      snapshot(3, [{ status: 'Saved' }], {
        snapshotName: 'manual-3',
        labels: [{ Key: 'env', Value: 'prod' }]
      })
    ])
    const result = await run(emu, {
      'snapshot-id': 'latest',
      'snapshot-name-prefix': 'nightly-',
      'snapshot-labels': 'env=prod'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['snapshot-id']).toBe('snp-0001')
  })

  it('fails clearly on an instance with no snapshots', async () => {
    const emu = await emulate([])
    const result = await run(emu, { 'snapshot-id': 'latest' })
    expect(result.exitCode).toBe(1)
    expect(errorLines(result.log)).toEqual([
      `::error::Instance ${INSTANCE} has no snapshots: check instance-id`
    ])
    expect(result.outputs).toMatchObject({
      result: 'error',
      'instance-id': INSTANCE,
      attempts: '1'
    })
  })
})

describe('several snapshot IDs', () => {
  it('waits for each concurrently and fails listing the one that failed, with its reason', async () => {
    const emu = await emulate([
      snapshot(1, [{ status: 'Pushing', polls: 3 }, { status: 'Saved' }]),
      snapshot(2, [{ status: 'Pushing', polls: 1 }, { status: 'Failed' }], {
        reasonCode: 'ImagePushFailed',
        reasonMessage: 'registry quota exceeded'
      }),
      snapshot(3, [{ status: 'Saved' }])
    ])
    const result = await run(emu, { 'snapshot-id': 'snp-0001, snp-0002\nsnp-0003' })
    expect(result.exitCode).toBe(1)
    const failure = `Snapshot snp-0002 of instance ${INSTANCE} ended with status Failed: ImagePushFailed: registry quota exceeded`
    expect(errorLines(result.log)).toEqual([
      `::error title=Snapshot snp-0002 (failure)::${failure}`,
      `::error::1 of 3 snapshots did not succeed:%0A- ${failure}`
    ])
    // Single-value outputs describe the snapshot that decided the result, not the first given.
    expect(result.outputs).toMatchObject({
      result: 'failure',
      'snapshot-id': 'snp-0002',
      status: 'Failed',
      'reason-code': 'ImagePushFailed'
    })
    const entries = JSON.parse(result.outputs.snapshots!)
    expect(
      entries.map((e: { snapshotId: string; result: string }) => [e.snapshotId, e.result])
    ).toEqual([
      ['snp-0001', 'success'],
      ['snp-0002', 'failure'],
      ['snp-0003', 'success']
    ])
    expect(entries[1]).toMatchObject({ reasonCode: 'ImagePushFailed', message: failure })
    expect(calls(emu, 'GetInstanceSnapshot')).toBe(4 + 2 + 1)
  })
})

describe('all', () => {
  it('checks 250 snapshots across pages in 3 requests, with a readable report', async () => {
    const snapshots = Array.from({ length: 250 }, (_, i) => {
      const n = i + 1
      if (n === 7)
        return snapshot(n, [{ status: 'Failed' }], {
          reasonCode: 'CommitFailed',
          reasonMessage: 'disk full'
        })
      if (n === 100) return snapshot(n, [{ status: 'Pushing' }])
      return snapshot(n, [{ status: 'Saved' }])
    })
    const emu = await emulate(snapshots)
    const result = await run(emu, { 'snapshot-id': 'all', timeout: '0' })
    // As the README says: 100 a page, so 250 snapshots take 3 requests.
    expect(calls(emu, 'ListInstanceSnapshot')).toBe(3)
    expect(emu.requests).toHaveLength(3)
    expect(result.outputs.attempts).toBe(String(emu.requests.length))
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('failure')

    const entries: { snapshotId: string; result: string; status: string }[] = JSON.parse(
      result.outputs.snapshots!
    )
    expect(entries).toHaveLength(250)
    expect(entries.filter(e => e.result === 'success')).toHaveLength(248)
    expect(entries.find(e => e.snapshotId === 'snp-0007')).toMatchObject({
      result: 'failure',
      status: 'Failed'
    })
    expect(entries.find(e => e.snapshotId === 'snp-0100')).toMatchObject({
      result: 'timeout',
      status: 'Pushing'
    })
    // The single outputs describe the failure (it outweighs the one still Pushing), not the newest.
    expect(result.outputs).toMatchObject({ 'snapshot-id': 'snp-0007', status: 'Failed' })

    expect(result.summary).toContain(`PAI-DSW snapshots of ${INSTANCE}`)
    expect(result.summary).toContain(
      '250 snapshots</strong>: ❌ 1 failure · ⏱️ 1 timed out · ✅ 248 success'
    )
    const rows = result.summary.split('<tr>').slice(2)
    expect(rows).toHaveLength(250)
    expect(rows[0]).toContain('snp-0007 &#40;env-7&#41;')
    expect(rows[0]).toContain('❌ Failed')
    expect(rows[0]).toContain('CommitFailed: disk full')
    expect(rows[1]).toContain('⏱️ Pushing')
    expect(rows[2]).toContain('✅ Saved')
    expect(rows[2]).toMatch(/<td>\d+d<\/td>/)

    const annotations = errorLines(result.log).filter(l => l.startsWith('::error title='))
    expect(annotations).toHaveLength(2)
  })

  it('polls through the listing until every snapshot is done, honouring filters', async () => {
    const emu = await emulate([
      snapshot(1, [{ status: 'Pushing', polls: 2 }, { status: 'Saved' }], {
        labels: [{ Key: 'team', Value: 'ml' }]
      }),
      snapshot(2, [{ status: 'Committing', polls: 1 }, { status: 'Saved' }], {
        labels: [{ Key: 'team', Value: 'ml' }]
      }),
      snapshot(3, [{ status: 'Failed' }], { labels: [{ Key: 'team', Value: 'web' }] })
    ])
    const result = await run(emu, { 'snapshot-id': 'all', 'snapshot-labels': 'team=ml' })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)
    const entries = JSON.parse(result.outputs.snapshots!)
    expect(entries.map((e: { snapshotId: string }) => e.snapshotId)).toEqual([
      'snp-0002',
      'snp-0001'
    ])
    expect(calls(emu, 'GetInstanceSnapshot')).toBe(0)
    expect(calls(emu, 'ListInstanceSnapshot')).toBe(3)
  })
})
