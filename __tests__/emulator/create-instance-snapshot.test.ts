import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import {
  type Emulator,
  type EmulatorOptions as Options,
  emulatorPerTest
} from '../helpers/emulator-per-test.js'
import {
  type SignedPostOptions,
  send,
  signRequest,
  signedGet,
  signedPost,
  snapshotPath,
  refusal,
  successEnvelope
} from './signed-request.js'

const CALLER = { accessKeyId: 'AK-create', accessKeySecret: 'SK-create' }
const OLDER = {
  instanceId: 'dsw-1',
  snapshotId: 'snp-old',
  gmtCreateTime: '2026-01-01T00:00:00Z',
  timeline: [{ status: 'Saved' }]
}
const BODY = {
  ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/team/env:v8',
  SnapshotName: 'env-v8',
  SnapshotDescription: 'nightly run 42',
  Labels: [{ Key: 'team', Value: 'ml' }],
  ExcludePaths: ['/mnt/data'],
  Overwrite: false
}
const SNAPSHOT_ID = /^snp-[a-z0-9]{16}$/

const startTestEmulator = emulatorPerTest()

async function emulate(options: Options = {}) {
  const emulator = await startTestEmulator({
    credentials: [CALLER],
    snapshots: [OLDER],
    ...options
  })
  return emulator
}

const create = (
  emu: Emulator,
  body: unknown = BODY,
  overrides: Partial<SignedPostOptions> = {},
  instanceId = 'dsw-1'
) =>
  signedPost(emu.url, {
    path: snapshotPath(instanceId),
    action: 'CreateInstanceSnapshot',
    caller: CALLER,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...overrides
  })

const get = (emu: Emulator, snapshotId: string, instanceId = 'dsw-1') =>
  signedGet(emu.url, {
    path: snapshotPath(instanceId, snapshotId),
    action: 'GetInstanceSnapshot',
    caller: CALLER
  })

const statusOf = async (emu: Emulator, snapshotId: string) =>
  (await get(emu, snapshotId)).json.Status

describe('CreateInstanceSnapshot', () => {
  it('creates a snapshot and answers its ID in the success envelope', async () => {
    const emu = await emulate()
    const answer = await create(emu)
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({
      ...successEnvelope(answer.headers['x-acs-request-id']),
      InstanceId: 'dsw-1',
      SnapshotId: expect.stringMatching(SNAPSHOT_ID)
    })
    const snapshotId = answer.json.SnapshotId as string
    expect(emu.createdSnapshots).toEqual([{ snapshotId, instanceId: 'dsw-1', body: BODY }])
    expect(emu.requests[0]).toMatchObject({
      method: 'POST',
      action: 'CreateInstanceSnapshot',
      statusCode: 200,
      body: JSON.stringify(BODY)
    })
  })

  it('serves the new snapshot like a configured one, with the body it was made from', async () => {
    const emu = await emulate()
    const before = Date.now()
    const snapshotId = (await create(emu)).json.SnapshotId as string
    const answer = await get(emu, snapshotId)
    expect(answer.json).toMatchObject({
      InstanceId: 'dsw-1',
      SnapshotId: snapshotId,
      SnapshotName: 'env-v8',
      Status: 'Committing',
      ImageUrl: BODY.ImageUrl,
      ImageId: expect.stringMatching(/^image-[a-z0-9]{16}$/),
      ReasonCode: null,
      Labels: BODY.Labels,
      ExcludePaths: BODY.ExcludePaths
    })
    // GetInstanceSnapshot has no description field, in the SDK's model or here.
    expect(answer.json).not.toHaveProperty('SnapshotDescription')
    const created = Date.parse(answer.json.GmtCreateTime as string)
    expect(created).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    expect(created).toBeLessThanOrEqual(Date.now())

    const listed = await signedGet(emu.url, {
      path: snapshotPath('dsw-1'),
      action: 'ListInstanceSnapshot',
      caller: CALLER
    })
    expect(listed.json.TotalCount).toBe(2)
    expect((listed.json.Snapshots as Array<{ SnapshotId: string }>).map(s => s.SnapshotId)).toEqual(
      [snapshotId, 'snp-old']
    )
  })

  it('follows the default timeline: Committing and Pushing two reads each, then Saved', async () => {
    const emu = await emulate()
    const snapshotId = (await create(emu)).json.SnapshotId as string
    const statuses = []
    for (let read = 0; read < 6; read++) statuses.push(await statusOf(emu, snapshotId))
    expect(statuses).toEqual(['Committing', 'Committing', 'Pushing', 'Pushing', 'Saved', 'Saved'])
    expect(emu.statusReachedAt(snapshotId, 'Saved')).toBeDefined()
  })

  it("follows the createdSnapshots option's timeline, reason and image ID", async () => {
    const emu = await emulate({
      createdSnapshots: {
        timeline: [{ status: 'Committing', polls: 1 }, { status: 'Failed' }],
        reasonCode: 'ImagePushFailed',
        reasonMessage: 'registry refused the push',
        imageId: 'image-fixed'
      }
    })
    const snapshotId = (await create(emu)).json.SnapshotId as string
    expect(await statusOf(emu, snapshotId)).toBe('Committing')
    expect((await get(emu, snapshotId)).json).toMatchObject({
      Status: 'Failed',
      ReasonCode: 'ImagePushFailed',
      ReasonMessage: 'registry refused the push',
      ImageId: 'image-fixed'
    })
  })

  it('makes a new snapshot, with a new ID, for every create', async () => {
    const emu = await emulate()
    const first = (await create(emu)).json.SnapshotId
    const second = (await create(emu)).json.SnapshotId
    expect(first).not.toBe(second)
    expect(emu.createdSnapshots.map(c => c.snapshotId)).toEqual([first, second])
  })

  it('ignores unknown keys and takes null for absent', async () => {
    const emu = await emulate()
    const body = { ImageUrl: 'r/x:1', SnapshotName: 'x-1', Labels: null, Surprise: { a: 1 } }
    const answer = await create(emu, body)
    expect(answer.status).toBe(200)
    expect((await get(emu, answer.json.SnapshotId as string)).json).toMatchObject({
      SnapshotName: 'x-1',
      Labels: [],
      ExcludePaths: []
    })
    expect(emu.createdSnapshots[0]?.body).toEqual(body)
  })

  it.each([
    [{ SnapshotName: 'a' }, 'The parameter "ImageUrl" is required.'],
    [{ ImageUrl: 'r/x:1' }, 'The parameter "SnapshotName" is required.'],
    [{ ImageUrl: 'r/x:1', SnapshotName: null }, 'The parameter "SnapshotName" is required.'],
    [{ ImageUrl: 42, SnapshotName: 'a' }, 'The parameter "ImageUrl" must be a string.'],
    [{ ImageUrl: '', SnapshotName: 'a' }, 'The parameter "ImageUrl" must not be empty.'],
    [{ ImageUrl: 'r/x:1', SnapshotName: '' }, 'The parameter "SnapshotName" must not be empty.'],
    [
      { ImageUrl: 'r/x:1', SnapshotName: 'Env_V8' },
      'The parameter "SnapshotName" may hold only lowercase letters, digits and "-".'
    ],
    [{ ...BODY, SnapshotDescription: 7 }, 'The parameter "SnapshotDescription" must be a string.'],
    [
      { ...BODY, Labels: { team: 'ml' } },
      'The parameter "Labels" must be an array of {"Key": string, "Value": string} objects.'
    ],
    [
      { ...BODY, Labels: [{ Key: 'team', Value: 1 }] },
      'The parameter "Labels" must be an array of {"Key": string, "Value": string} objects.'
    ],
    [
      { ...BODY, ExcludePaths: '/mnt' },
      'The parameter "ExcludePaths" must be an array of strings.'
    ],
    [{ ...BODY, Overwrite: 'true' }, 'The parameter "Overwrite" must be a boolean.'],
    [[BODY], 'The body must be a JSON object.'],
    ['null', 'The body must be a JSON object.'],
    ['{"ImageUrl": ', 'The body is not valid JSON.'],
    ['', 'The parameter "ImageUrl" is required.']
  ])('refuses the body %j with 400 ValidationError, creating nothing', async (body, message) => {
    const emu = await emulate()
    const answer = await create(emu, body)
    expect(refusal(answer)).toEqual([400, 'ValidationError', message])
    expect(emu.createdSnapshots).toEqual([])
  })

  it('refuses a body that is not sent as JSON', async () => {
    const emu = await emulate()
    const answer = await create(emu, BODY, { contentType: 'application/x-www-form-urlencoded' })
    expect([answer.status, answer.json.Code]).toEqual([400, 'ValidationError'])
    expect(answer.json.Message).toContain('content-type application/json')
  })

  it('answers 404 for an unknown instance, and creates for one declared without snapshots', async () => {
    const emu = await emulate({ instances: ['dsw-empty'] })
    const unknown = await create(emu, BODY, {}, 'dsw-nope')
    expect([unknown.status, unknown.json.Code, unknown.json.Message]).toEqual([
      404,
      'InvalidInstance.NotFound',
      "The instance 'dsw-nope' does not exist."
    ])
    expect((await create(emu, BODY, {}, 'dsw-empty')).status).toBe(200)
    expect(emu.createdSnapshots.map(c => c.instanceId)).toEqual(['dsw-empty'])
  })

  it('refuses an instance that is not running with 400 ValidationError', async () => {
    const emu = await emulate({ instances: [{ instanceId: 'dsw-off', status: 'Stopped' }] })
    const answer = await create(emu, BODY, {}, 'dsw-off')
    expect(refusal(answer)).toEqual([
      400,
      'ValidationError',
      "The instance 'dsw-off' is not running (status Stopped)."
    ])
    expect(emu.createdSnapshots).toEqual([])
  })

  it('checks the body before the instance', async () => {
    const emu = await emulate()
    const answer = await create(emu, { SnapshotName: 'a' }, {}, 'dsw-nope')
    expect(answer.json.Code).toBe('ValidationError')
  })
})

describe('CreateInstanceSnapshot signatures', () => {
  it('covers the body: one altered after signing is refused', async () => {
    const emu = await emulate()
    const sentBody = JSON.stringify({ ...BODY, ImageUrl: `${BODY.ImageUrl}x` })
    const answer = await create(emu, BODY, { sentBody })
    expect(answer.json.Code).toBe('SignatureDoesNotMatch')
    expect(answer.json.Message).toContain('x-acs-content-sha256')
    expect(emu.createdSnapshots).toEqual([])
  })

  it('covers the body hash: a tamperer who also replaces x-acs-content-sha256 is refused', async () => {
    const emu = await emulate()
    const { headers } = signRequest(emu.url, 'POST', JSON.stringify(BODY), {
      path: snapshotPath('dsw-1'),
      action: 'CreateInstanceSnapshot',
      caller: CALLER
    })
    const sentBody = JSON.stringify({ ...BODY, ImageUrl: `${BODY.ImageUrl}x` })
    const sentHash = createHash('sha256').update(sentBody).digest('hex')
    const answer = await send(
      emu.url,
      snapshotPath('dsw-1'),
      { ...headers, 'x-acs-content-sha256': sentHash },
      { method: 'POST', body: sentBody }
    )
    expect(answer.json.Code).toBe('SignatureDoesNotMatch')
    expect(answer.json.Message).not.toContain('x-acs-content-sha256 is not')
    expect(emu.createdSnapshots).toEqual([])
  })

  it('requires the content type of a body to be signed', async () => {
    const emu = await emulate()
    const answer = await create(emu, BODY, { unsigned: ['content-type'] })
    expect([answer.json.Code, answer.json.Message]).toEqual([
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards. Unsigned headers: content-type.'
    ])
    const noType = await create(emu, BODY, { contentType: null })
    expect(noType.json.Code).toBe('IncompleteSignature')
  })

  it('is routed by method: a POST elsewhere, or with another action, is not found', async () => {
    const emu = await emulate()
    const onSnapshot = await create(emu, BODY, { path: snapshotPath('dsw-1', 'snp-old') })
    expect([onSnapshot.status, onSnapshot.json.Code]).toEqual([404, 'InvalidApi.NotFound'])
    const wrongAction = await create(emu, BODY, { action: 'ListInstanceSnapshot' })
    expect([wrongAction.status, wrongAction.json.Code]).toEqual([400, 'InvalidApi.NotFound'])
    expect(emu.createdSnapshots).toEqual([])
  })
})

describe("fault kind 'lose-answer'", () => {
  it('creates the snapshot, then resets the connection without an answer', async () => {
    const emu = await emulate({
      faults: [{ kind: 'lose-answer', action: 'CreateInstanceSnapshot' }]
    })
    await expect(create(emu)).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/)
    })
    expect(emu.createdSnapshots).toHaveLength(1)
    const lost = emu.createdSnapshots[0]?.snapshotId as string
    expect(emu.requests[0]).toMatchObject({ statusCode: 0, fault: 'lose-answer' })
    // The snapshot exists and is listed; the next create is answered.
    expect(await statusOf(emu, lost)).toBe('Committing')
    const again = await create(emu)
    expect(again.status).toBe(200)
    expect(emu.createdSnapshots.map(c => c.snapshotId)).toEqual([lost, again.json.SnapshotId])
  })

  it('authenticates first: a refused request changes nothing, and its answer is lost too', async () => {
    const emu = await emulate({ faults: [{ kind: 'lose-answer', times: 2 }] })
    const wrong = { ...CALLER, accessKeySecret: 'wrong' }
    await expect(create(emu, BODY, { caller: wrong })).rejects.toThrow()
    await expect(create(emu, { SnapshotName: 'a' })).rejects.toThrow()
    expect(emu.createdSnapshots).toEqual([])
    expect(emu.requests.map(r => [r.statusCode, r.fault])).toEqual([
      [0, 'lose-answer'],
      [0, 'lose-answer']
    ])
    expect((await create(emu)).status).toBe(200)
  })

  it('applies to reads too: the read counts, the answer is lost', async () => {
    const emu = await emulate({
      snapshots: [{ ...OLDER, timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }] }],
      faults: [{ kind: 'lose-answer', action: 'GetInstanceSnapshot' }]
    })
    await expect(get(emu, 'snp-old')).rejects.toThrow()
    expect(await statusOf(emu, 'snp-old')).toBe('Saved')
  })
})

describe('other faults on a create', () => {
  it('an error fault stands in for the create: nothing is made', async () => {
    const emu = await emulate({
      faults: [{ kind: 'error', httpStatus: 400, code: 'Throttling.User', times: 2 }]
    })
    expect((await create(emu)).json.Code).toBe('Throttling.User')
    expect((await create(emu)).json.Code).toBe('Throttling.User')
    expect(emu.createdSnapshots).toEqual([])
    expect((await create(emu)).status).toBe(200)
    expect(emu.createdSnapshots).toHaveLength(1)
  })

  it('an unsuccessful fault answers 200 Success: false, and nothing is made', async () => {
    const emu = await emulate({
      faults: [{ kind: 'unsuccessful', action: 'CreateInstanceSnapshot' }]
    })
    const answer = await create(emu)
    // The answer itself is the fault's (faults.test.ts); here, only that nothing was made.
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({ Success: false, Code: 'InternalError' })
    expect(emu.createdSnapshots).toEqual([])
    const listed = await signedGet(emu.url, {
      path: snapshotPath('dsw-1'),
      action: 'ListInstanceSnapshot',
      caller: CALLER
    })
    expect(listed.json.TotalCount).toBe(1)
    expect(emu.requests[0]).toMatchObject({
      action: 'CreateInstanceSnapshot',
      statusCode: 200,
      code: 'InternalError',
      fault: 'unsuccessful'
    })
    expect((await create(emu)).json.Success).toBe(true)
    expect(emu.createdSnapshots).toHaveLength(1)
  })

  it('a truncated answer is cut from what a create would answer, without creating', async () => {
    const emu = await emulate({ faults: [{ kind: 'truncated' }] })
    await expect(create(emu)).rejects.toThrow()
    expect(emu.createdSnapshots).toEqual([])
  })

  it('a stall with stallMs delays the create, which then happens', async () => {
    const emu = await emulate({ faults: [{ kind: 'stall', stallMs: 50 }] })
    expect((await create(emu)).status).toBe(200)
    expect(emu.createdSnapshots).toHaveLength(1)
  })
})

describe('request records', () => {
  it('carry the raw body of requests that have one, and none for those without', async () => {
    const emu = await emulate()
    await create(emu, '{"ImageUrl":"r/x:1", "SnapshotName":"x"}')
    await get(emu, 'snp-old')
    expect(emu.requests[0]?.body).toBe('{"ImageUrl":"r/x:1", "SnapshotName":"x"}')
    expect(emu.requests[1]).not.toHaveProperty('body')
  })
})

describe('the createdSnapshots option', () => {
  it.each([
    [{ timeline: [] }, 'createdSnapshots: timeline must be a non-empty array'],
    [{ timeline: [{ status: 'A' }, { status: 'B' }] }, 'only the last step may last forever'],
    [{ imageId: 7 }, 'createdSnapshots.imageId must be a string'],
    [{ fields: 'x' }, 'createdSnapshots.fields must be an object of field names to values'],
    [{ listedAfterMs: -1 }, 'createdSnapshots.listedAfterMs must be a whole number of ms'],
    [{ listedAfterMs: 1.5 }, 'createdSnapshots.listedAfterMs must be a whole number of ms']
  ])('refuses %j at start-up', async (createdSnapshots, message) => {
    await expect(
      emulate({ createdSnapshots: createdSnapshots as Options['createdSnapshots'] })
    ).rejects.toThrow(message)
  })

  const listedIds = async (emu: Emulator) => {
    const listed = await signedGet(emu.url, {
      path: snapshotPath('dsw-1'),
      action: 'ListInstanceSnapshot',
      caller: CALLER
    })
    const ids = (listed.json.Snapshots as Array<{ SnapshotId: string }>).map(s => s.SnapshotId)
    return { ids, totalCount: listed.json.TotalCount }
  }

  it('reports the fields overrides on every created snapshot, read or listed', async () => {
    const reported = 'registry.cn-hangzhou.aliyuncs.com:443/team/env:v8'
    const emu = await emulate({ createdSnapshots: { fields: { ImageUrl: reported } } })
    const snapshotId = (await create(emu)).json.SnapshotId as string
    expect((await get(emu, snapshotId)).json.ImageUrl).toBe(reported)
    const listed = await signedGet(emu.url, {
      path: snapshotPath('dsw-1'),
      action: 'ListInstanceSnapshot',
      caller: CALLER
    })
    expect(listed.json.Snapshots).toEqual([
      expect.objectContaining({ SnapshotId: snapshotId, ImageUrl: reported }),
      expect.objectContaining({ SnapshotId: 'snp-old' })
    ])
    // What was asked for is kept as it was sent.
    expect(emu.createdSnapshots[0]!.body.ImageUrl).toBe(BODY.ImageUrl)
  })

  it('with listedAfterMs, lists a created snapshot only once that time has passed', async () => {
    const emu = await emulate({ createdSnapshots: { listedAfterMs: 60_000 } })
    const snapshotId = (await create(emu)).json.SnapshotId as string
    expect(await listedIds(emu)).toEqual({ ids: ['snp-old'], totalCount: 1 })
    // Read by its ID, it is there at once.
    expect(await statusOf(emu, snapshotId)).toBe('Committing')

    const soon = await emulate({ createdSnapshots: { listedAfterMs: 50 } })
    const listedSoon = (await create(soon)).json.SnapshotId as string
    await new Promise(resolve => setTimeout(resolve, 60))
    expect(await listedIds(soon)).toEqual({ ids: [listedSoon, 'snp-old'], totalCount: 2 })
  })

  it('a configured snapshot may lag in listings too', async () => {
    const emu = await emulate({ snapshots: [{ ...OLDER, listedAfterMs: 60_000 }] })
    expect(await listedIds(emu)).toEqual({ ids: [], totalCount: 0 })
    expect(await statusOf(emu, 'snp-old')).toBe('Saved')
    await expect(emulate({ snapshots: [{ ...OLDER, listedAfterMs: -5 }] })).rejects.toThrow(
      'snapshot snp-old: listedAfterMs must be a whole number of ms, 0 or more'
    )
  })
})
