// `max-age` (issue 18) through `node dist/index.js`: a stale latest, old failures left out under
// `all`, a snapshot that appears while the step waits, several instances, ages on the server's
// clock, and the `Labels` filter sent to ListInstances.
import { describe, expect, it } from '@jest/globals'
import type { ActionRun } from '../../scripts/local-runner.mjs'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { callsTo, errorLine, errorLines } from '../helpers/run-inspection.js'

const KEY = { accessKeyId: 'max-age-key-id', accessKeySecret: 'max-age-key-secret-0123456789' }
const { startEmulator: startTestEmulator, runAction } = secretScannedRuns()

type SnapshotSpec = NonNullable<EmulatorOptions['snapshots']>[number]

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A snapshot of `instanceId` created `ageMs` before now (on the runner's clock). */
function snapshot(
  instanceId: string,
  snapshotId: string,
  ageMs: number,
  status = 'Saved',
  extra: Partial<SnapshotSpec> = {}
): SnapshotSpec {
  return {
    instanceId,
    snapshotId,
    imageUrl: `registry.example/team/${instanceId}:${snapshotId}`,
    gmtCreateTime: new Date(Date.now() - ageMs).toISOString(),
    timeline: [{ status }],
    ...extra
  }
}

function emulate(options: EmulatorOptions): Promise<Emulator> {
  return startTestEmulator({ credentials: [KEY], ...options })
}

function run(emu: Emulator, inputs: Record<string, string>, onSpawn?: () => void) {
  return runAction(
    {
      endpoint: emu.url,
      'access-key-id': KEY.accessKeyId,
      'access-key-secret': KEY.accessKeySecret,
      'poll-interval': '50ms',
      'max-poll-interval': '100ms',
      'max-requests-per-second': '100',
      timeout: '0',
      ...inputs
    },
    onSpawn ? { onSpawn } : {}
  )
}

const entriesOf = (result: ActionRun): { instanceId: string; result: string; message: string }[] =>
  JSON.parse(result.outputs.snapshots ?? 'null')

describe('max-age with latest', () => {
  it('fails a stale newest snapshot naming the instance, its age and the limit', async () => {
    const emu = await emulate({
      snapshots: [snapshot('dsw-1', 'snp-old', 3 * DAY), snapshot('dsw-1', 'snp-older', 5 * DAY)]
    })
    const result = await run(emu, {
      'instance-id': 'dsw-1',
      'snapshot-id': 'latest',
      'max-age': '26h'
    })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('failure')
    expect(result.outputs['snapshot-id']).toBeUndefined()
    expect(result.outputs['image-url']).toBeUndefined()
    expect(entriesOf(result)).toEqual([
      expect.objectContaining({ instanceId: 'dsw-1', snapshotId: '', result: 'failure' })
    ])
    expect(errorLine(result.log)).toMatch(
      /^::error::Instance dsw-1 has no snapshot within max-age 1d2h: the newest, snp-old, was created 3d ago \(\d{4}-/
    )
    expect(callsTo(emu, 'ListInstanceSnapshot')).toHaveLength(1)
    expect(callsTo(emu, 'GetInstanceSnapshot')).toHaveLength(0)
    expect(result.summary).toContain('1 snapshot older than max-age 1d2h left out (dsw-1: 1)')
  })

  it('passes on a newest snapshot within max-age and says how old it is', async () => {
    const emu = await emulate({ snapshots: [snapshot('dsw-1', 'snp-new', 2 * HOUR)] })
    const result = await run(emu, {
      'instance-id': 'dsw-1',
      'snapshot-id': 'latest',
      'max-age': '7d'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ result: 'success', 'snapshot-id': 'snp-new' })
    expect(result.log).toMatch(
      /The latest snapshot of instance dsw-1 is snp-new; it was created 2h(\dm)? ago \(.*\), within max-age 7d/
    )
  })

  it('measures ages on the server clock, corrected by the offset the action measured', async () => {
    // The server runs 3 hours ahead of the runner: a snapshot 25 hours old there is 22 hours old
    // by the runner's clock. Uncorrected, it would pass a 24-hour limit.
    const skew = 3 * HOUR
    const emu = await emulate({
      clockSkewMs: skew,
      snapshots: [snapshot('dsw-1', 'snp-1', 25.5 * HOUR - skew)]
    })
    const result = await run(emu, {
      'instance-id': 'dsw-1',
      'snapshot-id': 'latest',
      'max-age': '24h'
    })
    expect(result.outputs.result).toBe('failure')
    expect(result.log).toContain("The runner's clock is about 3h behind the server's")
    expect(errorLine(result.log)).toMatch(/the newest, snp-1, was created 1d1h(29|30)m ago/)
  })

  it('with a timeout, keeps looking until a snapshot within max-age appears, then waits for it', async () => {
    const emu = await emulate({ snapshots: [snapshot('dsw-1', 'snp-yesterday', 2 * DAY)] })
    const listings = () => callsTo(emu, 'ListInstanceSnapshot').length
    // Another workflow makes a snapshot once the step has looked three times.
    const appear = setInterval(() => {
      if (listings() < 3) return
      clearInterval(appear)
      emu.addSnapshot({
        instanceId: 'dsw-1',
        snapshotId: 'snp-tonight',
        imageUrl: 'registry.example/team/dsw-1:tonight',
        timeline: [{ status: 'Pushing', polls: 2 }, { status: 'Saved' }]
      })
    }, 10)
    const result = await run(emu, {
      'instance-id': 'dsw-1',
      'snapshot-id': 'latest',
      'max-age': '26h',
      timeout: '60s'
    }).finally(() => clearInterval(appear))
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      result: 'success',
      'snapshot-id': 'snp-tonight',
      'image-url': 'registry.example/team/dsw-1:tonight',
      status: 'Saved'
    })
    expect(result.log).toMatch(
      /Attempt 1: Instance dsw-1 has no snapshot within max-age 1d2h: the newest, snp-yesterday, was created 2d ago .*\(looking again\); retrying in/
    )
    expect(listings()).toBeGreaterThanOrEqual(4)
    // Found by the listing, then polled until Saved.
    expect(callsTo(emu, 'GetInstanceSnapshot').length).toBeGreaterThanOrEqual(1)
  })

  it('times out when no snapshot within max-age appears', async () => {
    const emu = await emulate({ snapshots: [snapshot('dsw-1', 'snp-old', 2 * DAY)] })
    const result = await run(emu, {
      'instance-id': 'dsw-1',
      'snapshot-id': 'latest',
      'max-age': '1d',
      timeout: '1s'
    })
    expect(result.outputs.result).toBe('timeout')
    expect(errorLine(result.log)).toMatch(
      /^::error::Instance dsw-1 has no snapshot within max-age 1d: the newest, snp-old, was created 2d ago .*; no newer one appeared within the timeout \(1s\)$/
    )
  })
})

describe('max-age with all', () => {
  it('leaves out old snapshots, an old failure included, and says how many', async () => {
    const emu = await emulate({
      snapshots: [
        snapshot('dsw-1', 'snp-3', HOUR),
        snapshot('dsw-1', 'snp-2', 20 * HOUR),
        snapshot('dsw-1', 'snp-1', 90 * DAY, 'Failed', {
          reasonCode: 'PushFailed',
          reasonMessage: 'registry quota'
        })
      ]
    })
    const result = await run(emu, {
      'instance-id': 'dsw-1',
      'snapshot-id': 'all',
      'max-age': '26h'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.result).toBe('success')
    expect(entriesOf(result).map(e => e.result)).toEqual(['success', 'success'])
    expect(result.log).toContain(
      'Checking 2 snapshots of instance dsw-1 (1 snapshot older than max-age 1d2h left out)'
    )
    expect(result.summary).toContain('1 snapshot older than max-age 1d2h left out (dsw-1: 1)')
    // Without max-age the same instance fails on the old snapshot.
    const without = await run(emu, { 'instance-id': 'dsw-1', 'snapshot-id': 'all' })
    expect(without.outputs.result).toBe('failure')
  })
})

describe('max-age with several instances', () => {
  it('fails only the stale instance, naming it', async () => {
    const emu = await emulate({
      snapshots: [
        snapshot('dsw-fresh', 'snp-f', HOUR),
        snapshot('dsw-stale', 'snp-s', 10 * DAY),
        snapshot('dsw-also', 'snp-a', 3 * HOUR)
      ]
    })
    const result = await run(emu, {
      'instance-id': 'dsw-fresh, dsw-stale, dsw-also',
      'snapshot-id': 'latest',
      'max-age': '26h'
    })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('failure')
    const entries = entriesOf(result)
    expect(entries.map(e => [e.instanceId, e.result])).toEqual(
      expect.arrayContaining([
        ['dsw-fresh', 'success'],
        ['dsw-stale', 'failure'],
        ['dsw-also', 'success']
      ])
    )
    expect(entries).toHaveLength(3)
    const annotations = errorLines(result.log).filter(line => line.startsWith('::error title='))
    expect(annotations).toHaveLength(1)
    expect(annotations[0]).toMatch(
      /^::error title=Instance dsw-stale \(failure\)::Instance dsw-stale has no snapshot within max-age 1d2h/
    )
    expect(result.summary).toContain('dsw-stale: 1')
  })
})

describe('filters on the server', () => {
  const instances = [
    { instanceId: 'dsw-ml', labels: [{ Key: 'team', Value: 'ml' }] },
    { instanceId: 'dsw-web', labels: [{ Key: 'team', Value: 'web' }] }
  ]

  it('sends up to 4 instance-labels as ListInstances Labels, and no InstanceName', async () => {
    const emu = await emulate({ instances, snapshots: [snapshot('dsw-ml', 'snp-ml', HOUR)] })
    const result = await run(emu, {
      'instance-id': 'all',
      'instance-labels': 'team=ml',
      'instance-name-prefix': 'dsw-',
      'snapshot-id': 'latest'
    })
    expect(result.outputs.result).toBe('success')
    const [listing] = callsTo(emu, 'ListInstances')
    expect(listing?.query.Labels).toBe('{"team":"ml"}')
    expect(listing?.query).not.toHaveProperty('InstanceName')
    // The server returned only dsw-ml: no snapshot listing of dsw-web was needed.
    expect(callsTo(emu, 'ListInstanceSnapshot').map(r => r.path)).toEqual([
      '/api/v2/instances/dsw-ml/snapshots'
    ])
  })

  it('past 4 labels sends the first 4 and applies the fifth on the client', async () => {
    const emu = await emulate({ instances, snapshots: [snapshot('dsw-ml', 'snp-ml', HOUR)] })
    const result = await run(emu, {
      'instance-id': 'all',
      'instance-labels': 'team=ml, a=1, b=2, c=3, d=4',
      'snapshot-id': 'latest'
    })
    expect(result.outputs.result).toBe('error')
    const sent = callsTo(emu, 'ListInstances')[0]?.query.Labels
    expect(JSON.parse(sent ?? '{}')).toEqual({ team: 'ml', a: '1', b: '2', c: '3' })
  })
})

describe('the max-age input', () => {
  it.each([
    [{ 'snapshot-id': 'latest', 'max-age': '0' }, "Input 'max-age' must be greater than zero"],
    [{ 'snapshot-id': 'all', 'max-age': 'a week' }, "Input 'max-age' must be a duration such as"],
    [{ 'snapshot-id': 'snp-1', 'max-age': '26h' }, "Input 'max-age' applies only to snapshot-id"]
  ])('refuses %p before any request', async (inputs, message) => {
    const emu = await emulate({})
    const result = await run(emu, { 'instance-id': 'dsw-1', ...inputs })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('error')
    expect(errorLine(result.log)).toContain(message)
    expect(emu.requests).toHaveLength(0)
  })
})
