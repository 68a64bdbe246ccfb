// snapshot-id: new, as a deploy gate runs it: node dist/index.js against the emulator.
import { describe, expect, it } from '@jest/globals'
import type { ActionRun, RunOptions } from '../../scripts/local-runner.mjs'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { callsTo, errorLine, killWhen } from '../helpers/run-inspection.js'

const KEY = { accessKeyId: 'create-key-id', accessKeySecret: 'create-key-secret-0123456789' }
const INSTANCE = 'dsw-create001'
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/team/env'
const FAST = { 'poll-interval': '50ms', 'max-poll-interval': '100ms', 'request-timeout': '2s' }

const { startEmulator, runAction } = secretScannedRuns()

function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ credentials: [KEY], instances: [INSTANCE], ...options })
}

function run(emu: Emulator, extra: Record<string, string> = {}, options: RunOptions = {}) {
  return runAction(
    {
      'instance-id': INSTANCE,
      'snapshot-id': 'new',
      'image-url': IMAGE,
      endpoint: emu.url,
      'access-key-id': KEY.accessKeyId,
      'access-key-secret': KEY.accessKeySecret,
      timeout: '20s',
      ...FAST,
      ...extra
    },
    options
  )
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const creates = (emu: Emulator) => callsTo(emu, 'CreateInstanceSnapshot')

/** After a lost create answer: one create, its snapshot adopted, said so, and its ID an output. */
function expectAdoptedOnce(emu: Emulator, result: ActionRun): void {
  expect(result.exitCode).toBe(0)
  expect(creates(emu)).toHaveLength(1)
  expect(emu.createdSnapshots).toHaveLength(1)
  const id = emu.createdSnapshots[0]!.snapshotId
  expect(result.outputs).toMatchObject({ result: 'success', 'snapshot-id': id })
  expect(result.log).toMatch(new RegExp(`answer to the create was lost, but snapshot ${id}`))
}

describe('snapshot-id: new', () => {
  it('creates the snapshot with the exact body, signed as JSON, then waits for Saved', async () => {
    const emu = await emulate()
    const result = await run(emu, {
      'snapshot-labels': 'team=ml, commit=abc123',
      'exclude-paths': '/mnt/data',
      'snapshot-description': 'release candidate'
    })
    expect(result.exitCode).toBe(0)
    const [created] = emu.createdSnapshots
    expect(emu.createdSnapshots).toHaveLength(1)
    // The local runner's run: octo-org/deploy, run 4242, attempt 1.
    expect(created!.body).toEqual({
      ImageUrl: `${IMAGE}:deploy-4242-1`,
      SnapshotName: 'deploy-4242-1',
      SnapshotDescription: 'release candidate',
      Labels: [
        { Key: 'team', Value: 'ml' },
        { Key: 'commit', Value: 'abc123' },
        { Key: 'wait-for-pai-dsw-snapshot.attempt', Value: expect.stringMatching(UUID) }
      ],
      ExcludePaths: ['/mnt/data'],
      Overwrite: false
    })
    const [request] = creates(emu)
    expect(request!.method).toBe('POST')
    expect(request!.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(request!.headers.authorization).toMatch(/SignedHeaders=content-type;/)
    expect(request!.body).toBe(JSON.stringify(created!.body))
    expect(result.outputs).toMatchObject({
      result: 'success',
      status: 'Saved',
      'snapshot-id': created!.snapshotId,
      'snapshot-name': 'deploy-4242-1',
      'image-url': `${IMAGE}:deploy-4242-1`
    })
    expect(result.log).toContain(
      `Created snapshot deploy-4242-1 (${created!.snapshotId}) of instance ${INSTANCE}`
    )
    expect(result.summary).toContain('New PAI-DSW snapshot')
    expect(result.summary).toContain('Created by this step')
    expect(callsTo(emu, 'GetInstanceSnapshot').length).toBeGreaterThanOrEqual(3)
  })

  it('fails with the service reason when the new snapshot fails, its ID still set', async () => {
    const emu = await emulate({
      createdSnapshots: {
        timeline: [{ status: 'Committing', polls: 1 }, { status: 'Failed' }],
        reasonCode: 'ImagePushFailed',
        reasonMessage: 'registry quota exceeded'
      }
    })
    const result = await run(emu)
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({
      result: 'failure',
      'snapshot-id': emu.createdSnapshots[0]!.snapshotId,
      'reason-code': 'ImagePushFailed'
    })
    expect(errorLine(result.log)).toContain('ImagePushFailed: registry quota exceeded')
  })

  it('refuses a new snapshot without image-url before any request', async () => {
    const emu = await emulate()
    const result = await run(emu, { 'image-url': '' })
    expect(result.exitCode).toBe(1)
    expect(emu.requests).toHaveLength(0)
    expect(errorLine(result.log)).toContain("Input 'image-url' is required with snapshot-id: new")
    expect(result.outputs).toMatchObject({ result: 'error', attempts: '0' })
  })

  it.each([
    ['image-url', IMAGE],
    ['snapshot-name', 'nightly'],
    ['snapshot-description', 'x'],
    ['exclude-paths', '/tmp'],
    ['overwrite-image', 'true']
  ])('refuses %s without snapshot-id: new, before any request', async (name, value) => {
    const emu = await emulate()
    const result = await run(emu, { 'snapshot-id': 'snp-1', 'image-url': '', [name]: value })
    expect(result.exitCode).toBe(1)
    expect(emu.requests).toHaveLength(0)
    expect(errorLine(result.log)).toContain(`Input '${name}' is used only with snapshot-id: new`)
  })

  it('fails at once on a permanent refusal, in at most 2 create calls and no poll', async () => {
    const emu = await emulate({ instances: [{ instanceId: INSTANCE, status: 'Stopped' }] })
    const result = await run(emu)
    expect(result.exitCode).toBe(1)
    expect(creates(emu).length).toBeLessThanOrEqual(2)
    expect(callsTo(emu, 'GetInstanceSnapshot')).toHaveLength(0)
    expect(emu.createdSnapshots).toHaveLength(0)
    expect(result.outputs.result).toBe('error')
    expect(result.outputs['snapshot-id']).toBeUndefined()
    const error = errorLine(result.log)
    expect(error).toMatch(/Could not create snapshot deploy-4242-1 of instance dsw-create001/)
    expect(error).toMatch(/ValidationError/)
    expect(error).toMatch(/RequestId: [0-9A-F-]{36}/)
  })

  it('names the RAM action when the create is forbidden', async () => {
    const emu = await emulate({
      faults: [
        { kind: 'error', action: 'CreateInstanceSnapshot', httpStatus: 403, code: 'Forbidden.RAM' }
      ]
    })
    const result = await run(emu)
    expect(result.exitCode).toBe(1)
    expect(creates(emu)).toHaveLength(1)
    expect(errorLine(result.log)).toContain('paidsw:CreateInstanceSnapshot')
  })

  it('retries throttling and creates exactly one snapshot', async () => {
    const emu = await emulate({
      faults: [
        {
          kind: 'error',
          action: 'CreateInstanceSnapshot',
          httpStatus: 400,
          code: 'Throttling.User',
          times: 2
        }
      ]
    })
    const result = await run(emu)
    expect(result.exitCode).toBe(0)
    expect(creates(emu)).toHaveLength(3)
    expect(emu.createdSnapshots).toHaveLength(1)
    expect(result.log).toMatch(/Throttling\.User.*retrying in/)
  })

  it('adopts the snapshot whose answer was lost instead of creating a second', async () => {
    const emu = await emulate({
      faults: [{ kind: 'lose-answer', action: 'CreateInstanceSnapshot' }]
    })
    expectAdoptedOnce(emu, await run(emu))
  })

  it('creates exactly once when the listing lags seconds behind a lost create answer', async () => {
    const emu = await emulate({
      faults: [{ kind: 'lose-answer', action: 'CreateInstanceSnapshot' }],
      createdSnapshots: { listedAfterMs: 3000 }
    })
    const result = await run(emu)
    expectAdoptedOnce(emu, result)
    expect(result.log).toMatch(/the snapshot of this step's latest create is not listed yet/)
  })

  it('creates exactly once when its lost snapshot reports the image with an explicit :443', async () => {
    const emu = await emulate({
      faults: [{ kind: 'lose-answer', action: 'CreateInstanceSnapshot' }],
      createdSnapshots: {
        fields: { ImageUrl: 'registry.cn-hangzhou.aliyuncs.com:443/team/env:deploy-4242-1' }
      }
    })
    const result = await run(emu)
    expectAdoptedOnce(emu, result)
    // The image handed on is the one asked for, as asked: not the service's :443 spelling.
    expect(result.outputs['image-url']).toBe(`${IMAGE}:deploy-4242-1`)
  })

  it('fails naming both images when its lost snapshot pushes another, and never creates again', async () => {
    const other = 'registry.cn-hangzhou.aliyuncs.com/team/other:deploy-4242-1'
    const emu = await emulate({
      faults: [{ kind: 'lose-answer', action: 'CreateInstanceSnapshot' }],
      createdSnapshots: { fields: { ImageUrl: other } }
    })
    const result = await run(emu)
    expect(result.exitCode).toBe(1)
    expect(creates(emu)).toHaveLength(1)
    const id = emu.createdSnapshots[0]!.snapshotId
    expect(result.outputs).toMatchObject({ result: 'failure', 'snapshot-id': id })
    const error = errorLine(result.log)
    expect(error).toContain(`Snapshot ${id}, made by this step after a lost answer`)
    expect(error).toContain(`image '${other}', not the deploy-4242-1 and ${IMAGE}:deploy-4242-1`)
  })

  it('ends as a timeout, never creating again, when the timeout ends the search first', async () => {
    const emu = await emulate({
      faults: [{ kind: 'lose-answer', action: 'CreateInstanceSnapshot' }],
      createdSnapshots: { listedAfterMs: 600_000 }
    })
    const result = await run(emu, { timeout: '2s' })
    expect(result.exitCode).toBe(1)
    expect(creates(emu)).toHaveLength(1)
    expect(callsTo(emu, 'ListInstanceSnapshot').length).toBeGreaterThanOrEqual(2)
    expect(result.outputs.result).toBe('timeout')
    expect(errorLine(result.log)).toContain('Could not create snapshot deploy-4242-1')
  })

  it('looks for its snapshot for not-found-timeout after a lost answer, then creates again', async () => {
    // A reset after the request went out: the create may have happened (here it did not).
    const emu = await emulate({
      faults: [{ kind: 'reset', action: 'CreateInstanceSnapshot' }]
    })
    const result = await run(emu, { 'not-found-timeout': '1s' })
    expect(result.exitCode).toBe(0)
    expect(creates(emu)).toHaveLength(2)
    expect(emu.createdSnapshots).toHaveLength(1)
    const listings = callsTo(emu, 'ListInstanceSnapshot')
    const [lost, again] = creates(emu)
    const looked = listings.filter(l => l.at > lost!.at && l.at < again!.at)
    expect(looked.length).toBeGreaterThanOrEqual(2)
    expect(result.log).toContain(
      'No snapshot marked by this step was listed within not-found-timeout (1s) of the lost ' +
        'answer: creating it again'
    )
  })

  it('names the snapshot after the run attempt, so a re-run never collides', async () => {
    const emu = await emulate()
    await run(emu, {}, { env: { GITHUB_RUN_ATTEMPT: '1' } })
    await run(emu, {}, { env: { GITHUB_RUN_ATTEMPT: '2' } })
    const names = emu.createdSnapshots.map(c => c.body.SnapshotName)
    expect(names).toEqual(['deploy-4242-1', 'deploy-4242-2'])
  })

  it('sets snapshot-id as soon as the snapshot exists, before any wait', async () => {
    const emu = await emulate({ createdSnapshots: { timeline: [{ status: 'Pushing' }] } })
    // Killed outright at the wait's first request: only what was written before it remains.
    const result = await run(
      emu,
      {},
      { onSpawn: killWhen(() => callsTo(emu, 'GetInstanceSnapshot').length > 0, 'SIGKILL') }
    )
    expect(result.signal).toBe('SIGKILL')
    expect(result.outputs).toEqual({ 'snapshot-id': emu.createdSnapshots[0]!.snapshotId })
  })

  it('sets snapshot-id once', async () => {
    const emu = await emulate({ createdSnapshots: { timeline: [{ status: 'Pushing' }] } })
    const result = await run(emu, { timeout: '1s' })
    expect(result.outputs).toMatchObject({
      result: 'timeout',
      'snapshot-id': emu.createdSnapshots[0]!.snapshotId
    })
    expect(result.outputFile.match(/^snapshot-id<</gm)).toHaveLength(1)
  })
})
