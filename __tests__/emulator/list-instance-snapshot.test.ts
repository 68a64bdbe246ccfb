import { describe, expect, it } from '@jest/globals'
import {
  type Emulator,
  type EmulatorOptions as Options,
  emulatorPerTest
} from '../helpers/emulator-per-test.js'
import { signedGet, snapshotPath, refusal } from './signed-request.js'

const CALLER = { accessKeyId: 'AK-list', accessKeySecret: 'SK-list' }

const startTestEmulator = emulatorPerTest()

/** Five snapshots of dsw-1 created a day apart, added out of order; one of another instance. */
const snapshot = (n: number, instanceId = 'dsw-1') => ({
  instanceId,
  snapshotId: `snp-${n}`,
  gmtCreateTime: `2026-01-0${n}T00:00:00Z`,
  timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }]
})

async function emulate(options: Options = {}) {
  const emulator = await startTestEmulator({
    credentials: [CALLER],
    snapshots: [3, 1, 5, 2, 4].map(n => snapshot(n)).concat(snapshot(6, 'dsw-2')),
    ...options
  })
  return emulator
}

const list = (emu: Emulator, query: Record<string, string> = {}, instanceId = 'dsw-1') =>
  signedGet(emu.url, {
    path: snapshotPath(instanceId),
    action: 'ListInstanceSnapshot',
    caller: CALLER,
    query
  })

const idsOf = (json: Record<string, unknown>) =>
  (json.Snapshots as Array<{ SnapshotId: string }>).map(s => s.SnapshotId)

describe('ListInstanceSnapshot', () => {
  it('lists newest first by default, ten to a page, with the envelope and paging fields', async () => {
    const emu = await emulate()
    const answer = await list(emu)
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({
      RequestId: answer.headers['x-acs-request-id'],
      Success: true,
      TotalCount: 5,
      PageNumber: 1,
      PageSize: 10
    })
    expect(idsOf(answer.json)).toEqual(['snp-5', 'snp-4', 'snp-3', 'snp-2', 'snp-1'])
    expect((answer.json.Snapshots as unknown[])[0]).toEqual({
      InstanceId: 'dsw-1',
      SnapshotId: 'snp-5',
      SnapshotName: '',
      Status: 'Pushing',
      ImageId: '',
      ImageUrl: 'registry.emulator.test/dsw-1/snapshot:snp-5',
      ReasonCode: null,
      ReasonMessage: null,
      GmtCreateTime: '2026-01-05T00:00:00Z',
      GmtModifiedTime: expect.stringMatching(/Z$/),
      Labels: [],
      ExcludePaths: []
    })
  })

  it('pages in either order', async () => {
    const emu = await emulate()
    const page = async (query: Record<string, string>) => idsOf((await list(emu, query)).json)
    expect(await page({ SortBy: 'gmtCreate', Order: 'DESC', PageSize: '1' })).toEqual(['snp-5'])
    expect(await page({ Order: 'ASC', PageSize: '2', PageNumber: '2' })).toEqual(['snp-3', 'snp-4'])
    expect(await page({ Order: 'asc', PageSize: '2', PageNumber: '3' })).toEqual(['snp-5'])
    expect(await page({ PageSize: '2', PageNumber: '4' })).toEqual([])
  })

  it('counts as a poll of each snapshot on the page, and only those', async () => {
    const emu = await emulate()
    await list(emu, { PageSize: '1' })
    const statuses = (await list(emu, { PageSize: '2' })).json.Snapshots as Array<{
      Status: string
    }>
    expect(statuses.map(s => s.Status)).toEqual(['Saved', 'Pushing'])
    expect(emu.statusReachedAt('snp-5', 'Saved')).toBeDefined()
    expect(emu.statusReachedAt('snp-4', 'Saved')).toBeUndefined()
  })

  it.each([
    [{ PageSize: '101' }, 'PageSize must be an integer from 1 to 100.'],
    [{ PageSize: '0' }, 'PageSize must be an integer from 1 to 100.'],
    [{ PageNumber: 'two' }, 'PageNumber must be a positive integer.'],
    [{ Order: 'RANDOM' }, 'Order must be ASC or DESC.'],
    [{ SortBy: 'gmtModified' }, 'SortBy "gmtModified" is not supported; use gmtCreate.']
  ])('refuses %p with 400 ValidationError', async (query, message) => {
    const emu = await emulate()
    const answer = await list(emu, query)
    expect(refusal(answer)).toEqual([400, 'ValidationError', message])
  })

  it('honours maxPageSize', async () => {
    const emu = await emulate({ maxPageSize: 3 })
    expect((await list(emu, { PageSize: '3' })).status).toBe(200)
    expect((await list(emu, { PageSize: '4' })).json.Code).toBe('ValidationError')
  })

  it('answers 404 for an unknown instance, an empty list for a known one without snapshots', async () => {
    const emu = await emulate({ instances: ['dsw-empty'] })
    const unknown = await list(emu, {}, 'dsw-nope')
    expect([unknown.status, unknown.json.Code]).toEqual([404, 'InvalidInstance.NotFound'])
    const empty = await list(emu, {}, 'dsw-empty')
    expect(empty.json).toMatchObject({ TotalCount: 0, Snapshots: [] })
  })
})
