// Promises about the outputs (issue 28, items 1, 2 and 4), through `node dist/index.js` against
// the emulator, read from GITHUB_OUTPUT by the runner's rules: `image-url` only for a success,
// the image asked for as it was asked, and every output within 1,000,000 bytes.
import { describe, expect, it } from '@jest/globals'
import type { RunOptions } from '../../scripts/local-runner.mjs'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { rawFileRuns } from '../helpers/raw-file-runs.js'
import { callsTo, killWhen } from '../helpers/run-inspection.js'
import { expectNoInjection } from '../helpers/untrusted-output.js'

const KEY = { accessKeyId: 'outputs-key-id', accessKeySecret: 'outputs-key-secret-0123456789' }
const INSTANCE = 'dsw-outputs01'
const SNAPSHOT_ID = 'snp-outputs01'
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/team/env'
const FAST = { 'poll-interval': '50ms', 'max-poll-interval': '100ms', 'request-timeout': '2s' }

const { startEmulator, runAction } = rawFileRuns()

function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ credentials: [KEY], instances: [INSTANCE], ...options })
}

function run(emu: Emulator, inputs: Record<string, string>, options: RunOptions = {}) {
  return runAction(
    {
      'instance-id': INSTANCE,
      endpoint: emu.url,
      'access-key-id': KEY.accessKeyId,
      'access-key-secret': KEY.accessKeySecret,
      timeout: '20s',
      ...FAST,
      ...inputs
    },
    options
  )
}

/** A run of `snapshot-id: new`, asking for `${IMAGE}:nightly`. */
const create = (emu: Emulator, extra: Record<string, string> = {}, options: RunOptions = {}) =>
  run(
    emu,
    { 'snapshot-id': 'new', 'snapshot-name': 'nightly', 'image-url': `${IMAGE}:nightly`, ...extra },
    options
  )

interface Entry {
  result: string
  imageUrl: string
  imageId: string
}

/** What a later step may deploy, and what the service said: every place either shows. */
function images(outputs: Record<string, string>) {
  const [entry] = JSON.parse(outputs.snapshots ?? '[]') as Entry[]
  const snapshot = JSON.parse(outputs.snapshot ?? '{}') as Record<string, unknown>
  return {
    handedOn: [outputs['image-url'], outputs['image-id'], entry?.imageUrl, entry?.imageId],
    reported: { ImageUrl: snapshot.ImageUrl, ImageId: snapshot.ImageId }
  }
}

describe('image-url only for a success', () => {
  it('is empty for a Failed snapshot, the service’s image left in snapshot', async () => {
    const emu = await emulate({
      snapshots: [
        {
          instanceId: INSTANCE,
          snapshotId: SNAPSHOT_ID,
          imageUrl: `${IMAGE}:v9`,
          imageId: 'image-v9',
          reasonCode: 'ImagePushFailed',
          reasonMessage: 'registry quota exceeded',
          timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Failed' }]
        }
      ]
    })
    const result = await run(emu, { 'snapshot-id': SNAPSHOT_ID })
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ result: 'failure', status: 'Failed' })
    expect(images(result.outputs)).toEqual({
      handedOn: ['', '', '', ''],
      reported: { ImageUrl: `${IMAGE}:v9`, ImageId: 'image-v9' }
    })
    expect(result.summary).toContain(`— (not handed on; the service reported <code>${IMAGE}`)
  })

  it('is empty when a new snapshot times out while Pushing: that tag was never pushed', async () => {
    const emu = await emulate({ createdSnapshots: { timeline: [{ status: 'Pushing' }] } })
    const result = await create(emu, { timeout: '2s' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ result: 'timeout', status: 'Pushing' })
    expect(images(result.outputs)).toEqual({
      handedOn: ['', '', '', ''],
      reported: { ImageUrl: `${IMAGE}:nightly`, ImageId: expect.stringMatching(/^image-/) }
    })
  })

  it('is empty when the job is cancelled while Pushing', async () => {
    const emu = await emulate({ createdSnapshots: { timeline: [{ status: 'Pushing' }] } })
    const result = await create(
      emu,
      {},
      { onSpawn: killWhen(() => callsTo(emu, 'GetInstanceSnapshot').length > 1, 'SIGINT') }
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ result: 'cancelled', status: 'Pushing' })
    expect(images(result.outputs)).toEqual({
      handedOn: ['', '', '', ''],
      reported: { ImageUrl: `${IMAGE}:nightly`, ImageId: expect.stringMatching(/^image-/) }
    })
  })

  it('is empty when the wait ends in error after the snapshot was seen Pushing', async () => {
    const emu: Emulator = await emulate({
      createdSnapshots: { timeline: [{ status: 'Pushing' }] },
      // Once the snapshot has been seen, the service refuses every later poll: no retry helps.
      onRequest: record => {
        if (record.action === 'GetInstanceSnapshot' && record.statusCode === 200) {
          emu.addFault({ kind: 'error', httpStatus: 403, code: 'Forbidden.RAM', times: 100 })
        }
      }
    })
    const result = await create(emu)
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ result: 'error', status: 'Pushing' })
    expect(images(result.outputs)).toEqual({
      handedOn: ['', '', '', ''],
      reported: { ImageUrl: `${IMAGE}:nightly`, ImageId: expect.stringMatching(/^image-/) }
    })
  })

  it('is set, with image-id, for the snapshot that succeeded', async () => {
    const emu = await emulate({ createdSnapshots: { imageId: 'image-nightly' } })
    const result = await create(emu)
    expect(result.exitCode).toBe(0)
    expect(images(result.outputs).handedOn).toEqual([
      `${IMAGE}:nightly`,
      'image-nightly',
      `${IMAGE}:nightly`,
      'image-nightly'
    ])
  })
})

describe('the image asked for', () => {
  it.each([
    ['its VPC name', `${IMAGE.replace('registry.', 'registry-vpc.')}:nightly`],
    ['its internal name', `${IMAGE.replace('registry.', 'registry-internal.')}:nightly`],
    [
      'an upper-case host',
      `${IMAGE.replace('registry.cn-hangzhou', 'REGISTRY.CN-HANGZHOU')}:nightly`
    ]
  ])('is image-url as the input wrote it when the service reports %s', async (_, reported) => {
    const emu = await emulate({
      createdSnapshots: {
        timeline: [
          { status: 'Pushing', polls: 1 },
          { status: 'Saved', fields: { ImageUrl: reported } }
        ]
      }
    })
    const result = await create(emu)
    expect(result.exitCode).toBe(0)
    expect(result.outputs['image-url']).toBe(`${IMAGE}:nightly`)
    expect(images(result.outputs)).toMatchObject({
      handedOn: [`${IMAGE}:nightly`, expect.any(String), `${IMAGE}:nightly`, expect.any(String)],
      reported: { ImageUrl: reported }
    })
  })

  it('is the input with the snapshot name as its tag when the input has none', async () => {
    const vpc = `${IMAGE.replace('registry.', 'registry-vpc.')}:nightly`
    const emu = await emulate({
      createdSnapshots: { timeline: [{ status: 'Saved', fields: { ImageUrl: vpc } }] }
    })
    const result = await create(emu, { 'image-url': IMAGE })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['image-url']).toBe(`${IMAGE}:nightly`)
  })

  it('is the service’s own value for a snapshot the step did not create', async () => {
    const vpc = `${IMAGE.replace('registry.', 'registry-vpc.')}:v9`
    const emu = await emulate({
      snapshots: [
        {
          instanceId: INSTANCE,
          snapshotId: SNAPSHOT_ID,
          imageUrl: vpc,
          timeline: [{ status: 'Saved' }]
        }
      ]
    })
    const result = await run(emu, { 'snapshot-id': SNAPSHOT_ID })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ result: 'success', 'image-url': vpc })
  })
})

describe('every output within 1,000,000 bytes', () => {
  /** 64 Ki control characters: 6 bytes each once JSON-escaped, in the body as in the output. */
  const REASON = '\u0001'.repeat(64 * 1024)
  const LABELS = Array.from({ length: 320 }, (_, i) => ({ Key: `k${i}`, Value: 'v'.repeat(1000) }))
  const PATHS = Array.from({ length: 290 }, (_, i) => `/${i}/${'p'.repeat(1100)}`)

  it('cuts the snapshot output by its rule, as valid JSON that says what it cut', async () => {
    const emu = await emulate({
      snapshots: [
        {
          instanceId: INSTANCE,
          snapshotId: SNAPSHOT_ID,
          imageUrl: `${IMAGE}:v9`,
          reasonCode: 'PushFailed',
          reasonMessage: REASON,
          labels: LABELS,
          excludePaths: PATHS,
          timeline: [{ status: 'Failed' }]
        }
      ]
    })
    const result = await run(emu, { 'snapshot-id': SNAPSHOT_ID, timeout: '5s' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ result: 'failure', status: 'Failed' })
    // The answer fits the 1 MiB body cap (the status was read), yet holds more than an output.
    const fields = { ReasonMessage: REASON, Labels: LABELS, ExcludePaths: PATHS }
    expect(Buffer.byteLength(JSON.stringify(fields))).toBeGreaterThan(1_000_000)
    expectNoInjection(result)
    for (const [name, value] of Object.entries(result.outputs)) {
      expect([name, Buffer.byteLength(value) <= 1_000_000]).toEqual([name, true])
    }
    const snapshot = JSON.parse(result.outputs.snapshot!) as Record<string, unknown>
    expect(snapshot).toMatchObject({
      SnapshotId: SNAPSHOT_ID,
      Status: 'Failed',
      ReasonMessage: REASON,
      Labels: LABELS,
      TruncatedFields: ['ExcludePaths']
    })
    const kept = snapshot.ExcludePaths as string[]
    expect(kept.length).toBeGreaterThan(100)
    expect(kept).toEqual(PATHS.slice(0, kept.length))
    // The outputs of their own hold them whole.
    expect(JSON.parse(result.outputs['exclude-paths']!)).toEqual(PATHS)
    expect(result.outputs['reason-message']).toBe(REASON)
  })
})
