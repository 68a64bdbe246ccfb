// A verdict a deploy can bet on (issue 16), through `node dist/index.js` against the emulator:
// success only for the snapshot and image asked for, outputs a later step can trust, bounded
// parsing, and answers read as the official SDK reads them.
import { describe, expect, it } from '@jest/globals'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { callsTo, errorLine, errorLines } from '../helpers/run-inspection.js'
import { expectNoInjection } from '../helpers/untrusted-output.js'

const KEY = { accessKeyId: 'verdict-key-id', accessKeySecret: 'verdict-key-secret-0123456789' }
const INSTANCE = 'dsw-verdict01'
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/team/env'
const EVIL = 'evil.example/attacker/backdoor:latest'
const ATTEMPT_LABEL = 'wait-for-pai-dsw-snapshot.attempt'
const FAST = { 'poll-interval': '50ms', 'max-poll-interval': '100ms', 'request-timeout': '2s' }

const { startEmulator, runAction } = secretScannedRuns()

type FaultSpec = NonNullable<EmulatorOptions['faults']>[number]

function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ credentials: [KEY], instances: [INSTANCE], ...options })
}

function run(emu: Emulator, extra: Record<string, string> = {}) {
  return runAction({
    'instance-id': INSTANCE,
    'snapshot-id': 'new',
    'snapshot-name': 'nightly',
    'image-url': `${IMAGE}:nightly`,
    endpoint: emu.url,
    'access-key-id': KEY.accessKeyId,
    'access-key-secret': KEY.accessKeySecret,
    timeout: '20s',
    ...FAST,
    ...extra
  })
}

/** Another client's snapshot named `nightly` on the instance, pushing `imageUrl`. */
function namesake(emu: Emulator, snapshotId: string, imageUrl = EVIL) {
  emu.addSnapshot({
    instanceId: INSTANCE,
    snapshotId,
    snapshotName: 'nightly',
    imageUrl,
    timeline: [{ status: 'Saved' }]
  })
}

/** Every GetInstanceSnapshot answered: Saved, reporting this image. */
const savedReporting = (imageUrl: string): FaultSpec => ({
  kind: 'respond',
  action: 'GetInstanceSnapshot',
  times: 100,
  body: { InstanceId: INSTANCE, Status: 'Saved', ImageUrl: imageUrl }
})

const createFault = (kind: 'error' | 'lose-answer', times = 1): FaultSpec =>
  ({ kind, action: 'CreateInstanceSnapshot', times, httpStatus: 503 }) as FaultSpec

describe('never someone else’s snapshot', () => {
  it('creates again, never adopting a namesake that appeared while the create failed', async () => {
    const emu: Emulator = await emulate({
      faults: [createFault('error')],
      // Before the retry, another client makes a snapshot of the same name.
      onRequest: record => {
        if (record.action === 'CreateInstanceSnapshot' && record.statusCode === 503) {
          namesake(emu, 'snp-evil0001')
        }
      }
    })
    // A 503 may hide a create: the step looks for its own snapshot this long before creating again.
    const result = await run(emu, { 'not-found-timeout': '1s' })
    expect(result.exitCode).toBe(0)
    const [ours] = emu.createdSnapshots
    expect(emu.createdSnapshots).toHaveLength(1)
    expect(result.outputs).toMatchObject({
      result: 'success',
      'snapshot-id': ours!.snapshotId,
      'image-url': `${IMAGE}:nightly`
    })
    expect(result.log).not.toContain('snp-evil0001')
    expect(callsTo(emu, 'CreateInstanceSnapshot')).toHaveLength(2)
  })

  it('adopts its own snapshot after a lost answer, by its marker, not a newer namesake', async () => {
    const emu: Emulator = await emulate({
      faults: [createFault('lose-answer')],
      onRequest: record => {
        if (record.action === 'CreateInstanceSnapshot') namesake(emu, 'snp-newer001')
      }
    })
    const result = await run(emu)
    expect(result.exitCode).toBe(0)
    const [ours] = emu.createdSnapshots
    expect(emu.createdSnapshots).toHaveLength(1)
    expect(ours!.body.Labels).toEqual([{ Key: ATTEMPT_LABEL, Value: expect.any(String) }])
    expect(result.outputs).toMatchObject({
      result: 'success',
      'snapshot-id': ours!.snapshotId,
      'image-url': `${IMAGE}:nightly`
    })
    expect(result.log).toContain(`snapshot ${ours!.snapshotId} named nightly, marked by this step`)
  })

  it('gives two concurrent runs of one name each its own image', async () => {
    const emu = await emulate({ faults: [createFault('lose-answer', 2)] })
    const [a, b] = await Promise.all([
      run(emu, { 'image-url': `${IMAGE}:commit-a` }),
      run(emu, { 'image-url': `${IMAGE}:commit-b` })
    ])
    expect(emu.createdSnapshots).toHaveLength(2)
    const idOf = (tag: string) =>
      emu.createdSnapshots.find(s => s.body.ImageUrl === `${IMAGE}:${tag}`)?.snapshotId
    expect(a!.outputs).toMatchObject({
      result: 'success',
      'snapshot-id': idOf('commit-a'),
      'image-url': `${IMAGE}:commit-a`
    })
    expect(b!.outputs).toMatchObject({
      result: 'success',
      'snapshot-id': idOf('commit-b'),
      'image-url': `${IMAGE}:commit-b`
    })
  })

  it('fails when the snapshot it waited for reports another image than the one asked for', async () => {
    const emu = await emulate({ faults: [savedReporting(EVIL)] })
    const result = await run(emu)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('failure')
    expect(result.outputs['image-url']).toBe('')
    expect(errorLine(result.log)).toContain(
      `is Saved, but it reports image ${EVIL}, not the image asked for (${IMAGE}:nightly)`
    )
  })

  it('accepts the image under the VPC name of the same registry, handing on the one asked for', async () => {
    const vpc = `${IMAGE.replace('registry.', 'registry-vpc.')}:nightly`
    const emu = await emulate({ faults: [savedReporting(vpc)] })
    const result = await run(emu)
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ result: 'success', 'image-url': `${IMAGE}:nightly` })
    expect(JSON.parse(result.outputs.snapshot!)).toMatchObject({ ImageUrl: vpc })
  })
})

describe('outputs a later step can trust', () => {
  const saved = (fields: Record<string, unknown>) => ({
    credentials: [KEY],
    snapshots: [
      {
        instanceId: INSTANCE,
        snapshotId: 'snp-1',
        timeline: [{ status: 'Saved' }],
        fields
      }
    ]
  })
  const check = (emu: Emulator) =>
    runAction({
      'instance-id': INSTANCE,
      'snapshot-id': 'snp-1',
      endpoint: emu.url,
      'access-key-id': KEY.accessKeyId,
      'access-key-secret': KEY.accessKeySecret,
      timeout: '0'
    })

  it.each([
    ['a command and a flag', 'registry.example/a/b:1\n::error title=x::pwned --privileged'],
    ['nothing', ''],
    ['no image at all', undefined]
  ])('is no success when the image URL holds %s', async (_what, imageUrl) => {
    const emu = await startEmulator(saved({ ImageUrl: imageUrl }))
    const result = await check(emu)
    expectNoInjection(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ result: 'failure', status: 'Saved', 'image-url': '' })
    expect(errorLine(result.log)).toMatch(
      /is Saved, but the service reported no (usable image|image URL)/
    )
  })

  it('keeps every output at or under 1,000,000 bytes', async () => {
    // About 1 MB of excluded paths (2-byte characters), within the 1 MiB body cap.
    const paths = Array.from({ length: 1000 }, (_, i) => `/${i}/${'é'.repeat(510)}`)
    const emu = await startEmulator(saved({ ExcludePaths: paths }))
    const result = await check(emu)
    expect(result.exitCode).toBe(0)
    for (const [name, value] of Object.entries(result.outputs)) {
      expect([name, Buffer.byteLength(value) <= 1_000_000]).toEqual([name, true])
    }
    const kept = JSON.parse(result.outputs['exclude-paths']!) as string[]
    expect(kept.length).toBeGreaterThan(900)
    expect(kept).toEqual(paths.slice(0, kept.length))
    // In `snapshot`, the paths that fit beside its other fields, and a marker that they were cut.
    const snapshot = JSON.parse(result.outputs.snapshot!) as { [k: string]: string[] }
    expect(snapshot.TruncatedFields).toEqual(['ExcludePaths'])
    expect(snapshot.ExcludePaths!.length).toBeLessThanOrEqual(kept.length)
    expect(snapshot.ExcludePaths).toEqual(paths.slice(0, snapshot.ExcludePaths!.length))
  })

  it('shows bidi and zero-width characters escaped in the log and the summary', async () => {
    const emu = await startEmulator({
      credentials: [KEY],
      snapshots: [
        {
          instanceId: INSTANCE,
          snapshotId: 'snp-1',
          timeline: [{ status: 'Failed' }],
          reasonCode: 'Push\u202EdeliaF',
          reasonMessage: 'quota\u200B\u2066exceeded\u2069\uFEFF'
        }
      ]
    })
    const result = await check(emu)
    expect(result.exitCode).toBe(1)
    for (const text of [result.log, result.summary]) {
      expect(text).not.toMatch(/[\u202E\u200B\u2066\u2069\uFEFF]/)
    }
    expect(errorLine(result.log)).toContain('Push\\u202edeliaF: quota\\u200b\\u2066exceeded')
    expect(result.summary).toContain('Push&#92;u202edeliaF')
  })
})

describe('bounded parsing', () => {
  const listing = (emu: Emulator) =>
    runAction({
      'instance-id': INSTANCE,
      'snapshot-id': 'all',
      endpoint: emu.url,
      'access-key-id': KEY.accessKeyId,
      'access-key-secret': KEY.accessKeySecret,
      timeout: '2s',
      ...FAST
    })

  it('refuses a page longer than the PageSize asked for, with one error', async () => {
    const entries = Array.from({ length: 11_000 }, (_, i) => ({ SnapshotId: `snp-${i}`, x: 1 }))
    const emu = await emulate({
      faults: [
        {
          kind: 'respond',
          action: 'ListInstanceSnapshot',
          times: 1000,
          body: { Snapshots: entries, TotalCount: 11_000 }
        }
      ]
    })
    const result = await listing(emu)
    expect(result.exitCode).toBe(1)
    expect(errorLines(result.log)).toHaveLength(1)
    expect(errorLine(result.log)).toContain(
      'field Snapshots must be a list of at most 100 entries (the PageSize asked for)'
    )
  })

  it('names the field of a deeply nested value instead of overflowing the stack', async () => {
    const depth = 100_000
    const emu = await emulate({
      faults: [
        {
          kind: 'respond',
          action: 'ListInstanceSnapshot',
          times: 1000,
          rawBody: `{"TotalCount":1,"Snapshots":[{"SnapshotId":"snp-1","Labels":${'['.repeat(depth)}${']'.repeat(depth)}}]}`
        }
      ]
    })
    const result = await listing(emu)
    expect(result.exitCode).toBe(1)
    expect(result.log).not.toContain('call stack')
    expect(errorLine(result.log)).toContain(
      'field Snapshots[0].Labels[0] must be a {Key, Value} object'
    )
  })
})

describe('answers read as the official SDK reads them', () => {
  it('takes null fields for absent and a numeric-string TotalCount for a number', async () => {
    const entry = {
      InstanceId: INSTANCE,
      SnapshotId: 'snp-1',
      SnapshotName: null,
      Status: 'Saved',
      ImageId: null,
      ImageUrl: `${IMAGE}:v1`,
      ReasonCode: null,
      ReasonMessage: null,
      GmtCreateTime: '2026-11-01T00:00:00Z',
      GmtModifiedTime: null,
      Labels: null,
      ExcludePaths: null
    }
    const emu = await emulate({
      faults: [
        {
          kind: 'respond',
          action: 'ListInstanceSnapshot',
          body: { RequestId: 'R1', Snapshots: [entry], TotalCount: '1', PageNumber: '1' }
        }
      ]
    })
    const result = await runAction({
      'instance-id': INSTANCE,
      'snapshot-id': 'latest',
      endpoint: emu.url,
      'access-key-id': KEY.accessKeyId,
      'access-key-secret': KEY.accessKeySecret,
      timeout: '0'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      result: 'success',
      'image-url': `${IMAGE}:v1`,
      labels: '{}',
      'exclude-paths': '[]',
      'image-id': '',
      'reason-code': ''
    })
  })

  it('retries a 400 InternalError, then goes on', async () => {
    const emu = await emulate({
      faults: [{ kind: 'error', httpStatus: 400, code: 'InternalError', times: 2 }]
    })
    // An internal error may hide a create: each is followed by a look for it, this long.
    const result = await run(emu, { 'not-found-timeout': '1s' })
    expect(result.exitCode).toBe(0)
    expect(result.log).toContain('the service reported an internal error; retrying for up to 1m')
    expect(emu.createdSnapshots).toHaveLength(1)
  })

  it('fails a create answered Success: false with its Code, once, as no lost answer', async () => {
    const emu = await emulate({
      faults: [
        {
          kind: 'unsuccessful',
          action: 'CreateInstanceSnapshot',
          code: 'QuotaExceeded',
          message: 'too many snapshots',
          times: 100
        } as FaultSpec
      ]
    })
    const result = await run(emu)
    expect(result.exitCode).toBe(1)
    expect(callsTo(emu, 'CreateInstanceSnapshot')).toHaveLength(1)
    expect(callsTo(emu, 'ListInstanceSnapshot')).toHaveLength(0)
    expect(errorLine(result.log)).toContain('too many snapshots (Code: QuotaExceeded, HTTP 200')
    expect(result.outputs.result).toBe('error')
  })

  it('names itself in a User-Agent', async () => {
    const emu = await emulate()
    await run(emu)
    const agents = new Set(emu.requests.map(r => r.headers['user-agent']))
    expect([...agents]).toEqual([
      expect.stringMatching(
        /^wait-for-pai-dsw-snapshot\/\d+\.\d+\.\d+ \(linux; \w+\) Node\.js\/v\d+\./
      )
    ])
  })
})
