// The emulator's hostile-server options: raw field overrides, answers given byte for byte,
// redirects, and listings that lie about their pages.
import { describe, expect, it } from '@jest/globals'
import {
  type Emulator,
  type EmulatorOptions as Options,
  emulatorPerTest
} from '../helpers/emulator-per-test.js'
import { signedGet, snapshotPath } from './signed-request.js'

const CALLER = { accessKeyId: 'AK-hostile', accessKeySecret: 'SK-hostile' }

const startTestEmulator = emulatorPerTest()

type SnapshotSpec = NonNullable<Options['snapshots']>[number]

/** Snapshot n of dsw-1, created n minutes after midnight. */
const snapshot = (n: number, extra: Partial<SnapshotSpec> = {}): SnapshotSpec => ({
  instanceId: 'dsw-1',
  snapshotId: `snp-${n}`,
  gmtCreateTime: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString().replace('.000Z', 'Z'),
  timeline: [{ status: 'Saved' }],
  ...extra
})

function emulate(options: Options = {}): Promise<Emulator> {
  return startTestEmulator({ credentials: [CALLER], snapshots: [snapshot(1)], ...options })
}

const get = (emu: Emulator, snapshotId = 'snp-1') =>
  signedGet(emu.url, {
    path: snapshotPath('dsw-1', snapshotId),
    action: 'GetInstanceSnapshot',
    caller: CALLER
  })

const list = (emu: Emulator, query: Record<string, string> = {}) =>
  signedGet(emu.url, {
    path: snapshotPath('dsw-1'),
    action: 'ListInstanceSnapshot',
    caller: CALLER,
    query
  })

const idsOf = (json: Record<string, unknown>) =>
  (json.Snapshots as Array<{ SnapshotId: string }>).map(s => s.SnapshotId)

describe('snapshot fields', () => {
  it.each([
    ['a number for Status', { Status: 42 }],
    ['an object for ImageUrl', { ImageUrl: { url: 'x' } }],
    ['a string for Labels', { Labels: 'x' }],
    ['a null', { ReasonCode: null }],
    ['a workflow command in a message', { ReasonMessage: 'a\n::set-output name=image-url::evil' }],
    ['another snapshot ID', { SnapshotId: 'snp-other' }],
    ['a field the API does not have', { Extra: [1, { two: 2 }] }]
  ])('%s is sent as given, in GetInstanceSnapshot and the listing', async (_name, fields) => {
    const emu = await emulate({ snapshots: [snapshot(1, { fields })] })
    const answer = await get(emu)
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({ ...fields, InstanceId: 'dsw-1', Success: true })
    const [entry] = (await list(emu)).json.Snapshots as Record<string, unknown>[]
    expect(entry).toMatchObject({ ...fields, InstanceId: 'dsw-1' })
  })

  it('leaves the other fields, and other snapshots, as they were', async () => {
    const emu = await emulate({
      snapshots: [
        snapshot(1, { imageUrl: 'registry.example/a:1', fields: { Status: 42 } }),
        snapshot(2)
      ]
    })
    const answer = await get(emu)
    expect(answer.json).toMatchObject({ Status: 42, ImageUrl: 'registry.example/a:1' })
    expect(answer.json.RequestId).toBe(answer.headers['x-acs-request-id'])
    expect((await get(emu, 'snp-2')).json.Status).toBe('Saved')
  })

  it('can override the envelope RequestId of a GetInstanceSnapshot answer', async () => {
    const emu = await emulate({ snapshots: [snapshot(1, { fields: { RequestId: 'x\r::evil' } })] })
    const answer = await get(emu)
    expect(answer.json.RequestId).toBe('x\r::evil')
    expect(answer.headers['x-acs-request-id']).toMatch(/^[0-9A-F-]{36}$/)
  })

  it('leaves a field out when its override is undefined', async () => {
    const emu = await emulate({ snapshots: [snapshot(1, { fields: { ImageUrl: undefined } })] })
    const answer = await get(emu)
    expect(answer.json).not.toHaveProperty('ImageUrl')
    expect(answer.json).toHaveProperty('ImageId', '')
  })

  it("applies a timeline step's fields during that step only, over the snapshot's", async () => {
    const emu = await emulate({
      snapshots: [
        snapshot(1, {
          fields: { SnapshotName: 'from-snapshot', ImageUrl: 7 },
          timeline: [
            { status: 'Pushing', polls: 1, fields: { ImageUrl: ['step'] } },
            { status: 'Saved' }
          ]
        })
      ]
    })
    expect((await get(emu)).json).toMatchObject({
      Status: 'Pushing',
      SnapshotName: 'from-snapshot',
      ImageUrl: ['step']
    })
    expect((await get(emu)).json).toMatchObject({
      Status: 'Saved',
      SnapshotName: 'from-snapshot',
      ImageUrl: 7
    })
  })

  it('refuses fields that are not an object', async () => {
    await expect(emulate({ snapshots: [snapshot(1, { fields: 'x' as never })] })).rejects.toThrow(
      'snapshot snp-1: fields must be an object'
    )
    await expect(
      emulate({
        snapshots: [snapshot(1, { timeline: [{ status: 'Saved', fields: [1] as never }] })]
      })
    ).rejects.toThrow('snapshot snp-1: timeline[0].fields must be an object')
  })
})

describe("fault kind 'respond'", () => {
  it('answers exactly the status, headers and JSON body given, before authentication', async () => {
    const body = { Code: 'X\n::stop-commands::t', Message: 'm', RequestId: 'r' }
    const emu = await emulate({
      faults: [{ kind: 'respond', httpStatus: 400, headers: { 'x-acs-retry-after': '1500' }, body }]
    })
    const answer = await signedGet(emu.url, {
      path: snapshotPath('dsw-1', 'snp-1'),
      action: 'GetInstanceSnapshot',
      caller: { accessKeyId: 'nobody', accessKeySecret: 'wrong' }
    })
    expect(answer.status).toBe(400)
    expect(answer.text).toBe(JSON.stringify(body))
    expect(answer.headers['x-acs-retry-after']).toBe('1500')
    expect(answer.headers['content-type']).toBe('application/json;charset=utf-8')
    expect(answer.headers).not.toHaveProperty('x-acs-request-id')
    expect(emu.requests.map(r => [r.statusCode, r.code, r.fault])).toEqual([
      [400, 'X\n::stop-commands::t', 'respond']
    ])
  })

  it('defaults to 200, takes any JSON value, and records a lower-case error code', async () => {
    const emu = await emulate({
      faults: [
        { kind: 'respond', body: { Snapshots: {}, TotalCount: 'many' } },
        { kind: 'respond', body: ['not', 'an', 'object'] },
        { kind: 'respond', httpStatus: 404, body: { code: 'InvalidSnapshot.NotFound' } }
      ]
    })
    const first = await list(emu)
    expect([first.status, first.json]).toEqual([200, { Snapshots: {}, TotalCount: 'many' }])
    expect((await get(emu)).text).toBe('["not","an","object"]')
    expect((await get(emu)).status).toBe(404)
    expect(emu.requests.map(r => [r.statusCode, r.code])).toEqual([
      [200, undefined],
      [200, undefined],
      [404, 'InvalidSnapshot.NotFound']
    ])
  })

  it('sends a rawBody as it is, and no body at all without one', async () => {
    const emu = await emulate({
      faults: [
        { kind: 'respond', rawBody: '{"Status": "Saved", "Status": "Failed"' },
        { kind: 'respond', httpStatus: 204, headers: { 'content-type': 'text/plain' } }
      ]
    })
    expect((await get(emu)).text).toBe('{"Status": "Saved", "Status": "Failed"')
    const empty = await get(emu)
    expect([empty.status, empty.text, empty.headers['content-type']]).toEqual([
      204,
      '',
      'text/plain'
    ])
  })

  it('matches by action and snapshot, the given number of times', async () => {
    const emu = await emulate({
      snapshots: [snapshot(1), snapshot(2)],
      faults: [{ kind: 'respond', snapshotId: 'snp-2', times: 2, body: { Status: 1 } }]
    })
    expect((await get(emu)).json.Status).toBe('Saved')
    expect((await get(emu, 'snp-2')).json).toEqual({ Status: 1 })
    expect((await get(emu, 'snp-2')).json).toEqual({ Status: 1 })
    expect((await get(emu, 'snp-2')).json.Status).toBe('Saved')
  })

  it.each([
    [{ kind: 'respond', httpStatus: 99 }, 'httpStatus must be an integer from 200 to 599'],
    [{ kind: 'respond', body: {}, rawBody: '' }, 'body or rawBody, not both'],
    [{ kind: 'respond', rawBody: {} }, 'rawBody must be a string']
  ])('refuses %p', async (fault, message) => {
    await expect(emulate({ faults: [fault as never] })).rejects.toThrow(message)
  })
})

describe("fault kind 'redirect'", () => {
  it('answers 302 with the Location given, or the status given', async () => {
    const emu = await emulate({
      faults: [
        { kind: 'redirect', location: 'http://127.0.0.1:9/elsewhere' },
        { kind: 'redirect', httpStatus: 307, location: '/api/v2/instances/dsw-1/snapshots/snp-9' }
      ]
    })
    const first = await get(emu)
    expect([first.status, first.headers.location, first.text]).toEqual([
      302,
      'http://127.0.0.1:9/elsewhere',
      ''
    ])
    const second = await get(emu)
    expect([second.status, second.headers.location]).toEqual([
      307,
      '/api/v2/instances/dsw-1/snapshots/snp-9'
    ])
    expect(emu.requests.map(r => [r.statusCode, r.fault])).toEqual([
      [302, 'redirect'],
      [307, 'redirect']
    ])
    expect((await get(emu)).json.Status).toBe('Saved')
  })

  it('needs a location', async () => {
    await expect(emulate({ faults: [{ kind: 'redirect' }] })).rejects.toThrow(
      'a redirect fault needs a location'
    )
  })
})

describe('listing misbehaviour', () => {
  const five = [1, 2, 3, 4, 5].map(n => snapshot(n))

  it('ignorePageNumber: every page is page 1', async () => {
    const emu = await emulate({ snapshots: five, listing: { ignorePageNumber: true } })
    for (const pageNumber of ['1', '2', '3']) {
      const answer = await list(emu, { PageSize: '2', PageNumber: pageNumber })
      expect(idsOf(answer.json)).toEqual(['snp-5', 'snp-4'])
      expect(answer.json).toMatchObject({ PageNumber: 1, PageSize: 2, TotalCount: 5 })
    }
  })

  it('totalCount: reports a false TotalCount, with the true pages', async () => {
    const emu = await emulate({ snapshots: five, listing: { totalCount: 1000 } })
    const answer = await list(emu, { PageSize: '2', PageNumber: '3' })
    expect(idsOf(answer.json)).toEqual(['snp-1'])
    expect(answer.json.TotalCount).toBe(1000)
  })

  it('pageSizeCap: pages of at most the cap, whatever PageSize asked, reported as PageSize', async () => {
    const emu = await emulate({ snapshots: five, listing: { pageSizeCap: 2 } })
    const pages = []
    for (const pageNumber of ['1', '2', '3', '4']) {
      const answer = await list(emu, { PageSize: '100', PageNumber: pageNumber })
      expect(answer.json).toMatchObject({ PageSize: 2, TotalCount: 5 })
      pages.push(idsOf(answer.json))
    }
    expect(pages).toEqual([['snp-5', 'snp-4'], ['snp-3', 'snp-2'], ['snp-1'], []])
    // A smaller PageSize is honoured; maxPageSize still refuses a larger one than it allows.
    expect(idsOf((await list(emu, { PageSize: '1' })).json)).toEqual(['snp-5'])
    expect((await list(emu, { PageSize: '101' })).json.Code).toBe('ValidationError')
  })

  it.each([
    [{ ignorePageNumber: 'yes' }, 'listing.ignorePageNumber must be a boolean'],
    [{ totalCount: -1 }, 'listing.totalCount must be a non-negative integer'],
    [{ pageSizeCap: 0 }, 'listing.pageSizeCap must be a positive integer']
  ])('refuses %p', async (listing, message) => {
    await expect(emulate({ listing: listing as never })).rejects.toThrow(message)
  })
})
