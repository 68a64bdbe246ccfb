import { describe, expect, it } from '@jest/globals'
import {
  type Emulator,
  type EmulatorOptions as Options,
  emulatorPerTest
} from '../helpers/emulator-per-test.js'
import { signedGet, signedPost, snapshotPath, refusal, successEnvelope } from './signed-request.js'

const CALLER = { accessKeyId: 'AK-instances', accessKeySecret: 'SK-instances' }

const startTestEmulator = emulatorPerTest()

/**
 * ws-default: dsw-a (oldest, PayAsYouGo, two snapshots), dsw-b (Subscription), dsw-c (no
 * snapshots); ws-2: dsw-d (PayAsYouGo), dsw-e (Subscription). Days 1 to 5 in that order.
 */
const INSTANCES: NonNullable<Options['instances']> = [
  {
    instanceId: 'dsw-c',
    instanceName: 'notebook-c',
    labels: [{ Key: 'team', Value: 'ml' }],
    gmtCreateTime: '2026-01-03T00:00:00Z'
  },
  {
    instanceId: 'dsw-b',
    paymentType: 'Subscription',
    status: 'Stopped',
    gmtCreateTime: '2026-01-02T00:00:00Z'
  },
  {
    instanceId: 'dsw-a',
    instanceName: 'notebook-a',
    workspaceName: 'Default',
    gmtCreateTime: '2026-01-01T00:00:00Z'
  },
  {
    instanceId: 'dsw-d',
    workspaceId: 'ws-2',
    workspaceName: 'Second',
    gmtCreateTime: '2026-01-04T00:00:00Z'
  },
  {
    instanceId: 'dsw-e',
    workspaceId: 'ws-2',
    paymentType: 'Subscription',
    gmtCreateTime: '2026-01-05T00:00:00Z'
  }
]

const SNAPSHOTS: NonNullable<Options['snapshots']> = [
  {
    instanceId: 'dsw-a',
    snapshotId: 'snp-a2',
    imageUrl: 'r/a:2',
    imageId: 'image-a2',
    gmtCreateTime: '2026-02-02T00:00:00Z',
    reasonCode: 'PushFailed',
    reasonMessage: 'quota',
    timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Failed' }]
  },
  {
    instanceId: 'dsw-a',
    snapshotId: 'snp-a1',
    imageUrl: 'r/a:1',
    gmtCreateTime: '2026-02-01T00:00:00Z',
    timeline: [{ status: 'Saved' }]
  },
  {
    instanceId: 'dsw-b',
    snapshotId: 'snp-b1',
    gmtCreateTime: '2026-02-03T00:00:00Z',
    timeline: [{ status: 'Saved' }]
  }
]

async function emulate(options: Options = {}) {
  const emulator = await startTestEmulator({
    credentials: [CALLER],
    instances: INSTANCES,
    snapshots: SNAPSHOTS,
    ...options
  })
  return emulator
}

const list = (emu: Emulator, query: Record<string, string> = {}) =>
  signedGet(emu.url, { path: '/api/v2/instances', action: 'ListInstances', caller: CALLER, query })

const idsOf = (json: Record<string, unknown>) =>
  (json.Instances as Array<{ InstanceId: string }>).map(i => i.InstanceId)

const ids = async (emu: Emulator, query: Record<string, string> = {}) =>
  idsOf((await list(emu, query)).json)

describe('ListInstances', () => {
  it('lists the pay-as-you-go instances of the default workspace, newest first', async () => {
    const emu = await emulate()
    const answer = await list(emu)
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({
      ...successEnvelope(answer.headers['x-acs-request-id']),
      TotalCount: 2,
      Instances: [
        {
          InstanceId: 'dsw-c',
          InstanceName: 'notebook-c',
          Status: 'Running',
          WorkspaceId: 'ws-default',
          WorkspaceName: 'ws-default',
          PaymentType: 'PayAsYouGo',
          Labels: [{ Key: 'team', Value: 'ml' }],
          GmtCreateTime: '2026-01-03T00:00:00Z',
          GmtModifiedTime: '2026-01-03T00:00:00Z'
        },
        {
          InstanceId: 'dsw-a',
          InstanceName: 'notebook-a',
          Status: 'Running',
          WorkspaceId: 'ws-default',
          WorkspaceName: 'Default',
          PaymentType: 'PayAsYouGo',
          Labels: [],
          GmtCreateTime: '2026-01-01T00:00:00Z',
          GmtModifiedTime: '2026-01-01T00:00:00Z',
          LatestSnapshot: {
            Status: 'Pushing',
            ImageUrl: 'r/a:2',
            ImageId: 'image-a2',
            ReasonCode: null,
            ReasonMessage: null,
            GmtCreateTime: '2026-02-02T00:00:00Z',
            GmtModifiedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
          }
        }
      ]
    })
  })

  it('takes WorkspaceId (ALL for every workspace) and ResourceId=ALL for every payment type', async () => {
    const emu = await emulate()
    expect(await ids(emu, { ResourceId: 'ALL' })).toEqual(['dsw-c', 'dsw-b', 'dsw-a'])
    expect(await ids(emu, { WorkspaceId: 'ws-2' })).toEqual(['dsw-d'])
    expect(await ids(emu, { WorkspaceId: 'ws-2', ResourceId: 'ALL' })).toEqual(['dsw-e', 'dsw-d'])
    expect(await ids(emu, { WorkspaceId: 'ALL' })).toEqual(['dsw-d', 'dsw-c', 'dsw-a'])
    const all = await list(emu, { WorkspaceId: 'ALL', ResourceId: 'ALL' })
    expect(idsOf(all.json)).toEqual(['dsw-e', 'dsw-d', 'dsw-c', 'dsw-b', 'dsw-a'])
    expect(all.json.TotalCount).toBe(5)
    expect(await ids(emu, { WorkspaceId: 'ws-none' })).toEqual([])
    expect(await ids(emu, { ResourceId: 'quota-123' })).toEqual([])
  })

  it('filters by Labels, a JSON map of at most 4: every label, exact key and value', async () => {
    const emu = await emulate({
      instances: [
        ...INSTANCES.filter(i => typeof i !== 'string' && i.instanceId !== 'dsw-a'),
        {
          instanceId: 'dsw-a',
          labels: [
            { Key: 'team', Value: 'ml' },
            { Key: 'env', Value: 'prod' }
          ],
          gmtCreateTime: '2026-01-01T00:00:00Z'
        }
      ]
    })
    const all = { WorkspaceId: 'ALL', ResourceId: 'ALL' }
    const team = await list(emu, { ...all, Labels: '{"team":"ml"}' })
    expect(idsOf(team.json)).toEqual(['dsw-c', 'dsw-a'])
    expect(team.json.TotalCount).toBe(2)
    expect(await ids(emu, { ...all, Labels: '{"team":"ml","env":"prod"}' })).toEqual(['dsw-a'])
    expect(await ids(emu, { ...all, Labels: '{"team":"ML"}' })).toEqual([])
    expect(await ids(emu, { ...all, Labels: '{}' })).toHaveLength(5)
    // InstanceName's match kind is not documented: the emulator ignores it.
    expect(await ids(emu, { ...all, InstanceName: 'nothing-like-it' })).toHaveLength(5)
    for (const bad of [
      'team=ml',
      '["team"]',
      '{"team":1}',
      '{"a":"1","b":"2","c":"3","d":"4","e":"5"}'
    ]) {
      const answer = await list(emu, { ...all, Labels: bad })
      expect(answer.status).toBe(400)
      expect(answer.json.Code).toBe('ValidationError')
    }
  })

  it('pages by PageNumber and PageSize, TotalCount counting every match', async () => {
    const emu = await emulate()
    const all = { WorkspaceId: 'ALL', ResourceId: 'ALL' }
    const page2 = await list(emu, { ...all, PageSize: '2', PageNumber: '2' })
    expect(idsOf(page2.json)).toEqual(['dsw-c', 'dsw-b'])
    expect(page2.json.TotalCount).toBe(5)
    expect(page2.json).not.toHaveProperty('PageNumber')
    expect(await ids(emu, { ...all, PageSize: '2', PageNumber: '3' })).toEqual(['dsw-a'])
    expect(await ids(emu, { ...all, PageSize: '2', PageNumber: '4' })).toEqual([])
    expect(await ids(emu, { ...all, Order: 'ASC', PageSize: '3' })).toEqual([
      'dsw-a',
      'dsw-b',
      'dsw-c'
    ])
    // No maximum page size is documented, so none is enforced.
    expect((await list(emu, { ...all, PageSize: '1000' })).status).toBe(200)
  })

  it('accepts every documented SortBy, sorting by creation time, ties by instance ID', async () => {
    const emu = await emulate({
      instances: [
        { instanceId: 'dsw-y', gmtCreateTime: '2026-01-01T00:00:00Z' },
        { instanceId: 'dsw-x', gmtCreateTime: '2026-01-01T00:00:00Z' },
        { instanceId: 'dsw-z', gmtCreateTime: '2025-12-31T00:00:00Z' }
      ],
      snapshots: []
    })
    for (const SortBy of ['GmtCreateTime', 'GmtModifiedTime', 'Priority', 'gmtCreate']) {
      expect(await ids(emu, { SortBy })).toEqual(['dsw-x', 'dsw-y', 'dsw-z'])
      expect(await ids(emu, { SortBy, Order: 'ASC' })).toEqual(['dsw-z', 'dsw-x', 'dsw-y'])
    }
  })

  it.each([
    [
      { SortBy: 'InstanceName' },
      'SortBy "InstanceName" is not supported; use GmtCreateTime, GmtModifiedTime, Priority or gmtCreate.'
    ],
    [{ PageSize: 'ten' }, 'PageSize must be a positive integer.'],
    [{ PageSize: '0' }, 'PageSize must be a positive integer.'],
    [{ PageNumber: '0' }, 'PageNumber must be a positive integer.'],
    [{ Order: 'UP' }, 'Order must be ASC or DESC.']
  ])('refuses %p with 400 ValidationError', async (query, message) => {
    const emu = await emulate()
    const answer = await list(emu, query)
    expect(refusal(answer)).toEqual([400, 'ValidationError', message])
  })

  it('reports a failed newest snapshot with its reason, without reading it as a poll', async () => {
    const emu = await emulate()
    // Listing instances peeks: snp-a2 stays in its one-poll Pushing step.
    await list(emu)
    await list(emu)
    expect(emu.statusReachedAt('snp-a2', 'Failed')).toBeUndefined()
    await signedGet(emu.url, {
      path: snapshotPath('dsw-a', 'snp-a2'),
      action: 'GetInstanceSnapshot',
      caller: CALLER
    })
    await signedGet(emu.url, {
      path: snapshotPath('dsw-a', 'snp-a2'),
      action: 'GetInstanceSnapshot',
      caller: CALLER
    })
    const latest = ((await list(emu)).json.Instances as Array<Record<string, unknown>>)[1]
    expect(latest?.LatestSnapshot).toMatchObject({
      Status: 'Failed',
      ReasonCode: 'PushFailed',
      ReasonMessage: 'quota'
    })
    expect(latest?.LatestSnapshot).not.toHaveProperty('SnapshotId')
  })

  it('gives instances that only own snapshots every default, in defaultWorkspaceId', async () => {
    const emu = await emulate({
      instances: [],
      defaultWorkspaceId: 'ws-home',
      snapshots: [
        { instanceId: 'dsw-implicit', snapshotId: 'snp-1', timeline: [{ status: 'Saved' }] }
      ]
    })
    const answer = await list(emu)
    expect(answer.json.Instances).toEqual([
      expect.objectContaining({
        InstanceId: 'dsw-implicit',
        InstanceName: 'dsw-implicit',
        Status: 'Running',
        WorkspaceId: 'ws-home',
        WorkspaceName: 'ws-home',
        PaymentType: 'PayAsYouGo',
        Labels: [],
        LatestSnapshot: expect.objectContaining({ Status: 'Saved' })
      })
    ])
    const created = Date.parse(
      (answer.json.Instances as Array<{ GmtCreateTime: string }>)[0]!.GmtCreateTime
    )
    expect(Math.abs(created - Date.now())).toBeLessThan(5000)
  })

  it("shows a created snapshot as the instance's latest", async () => {
    const emu = await emulate({ createdSnapshots: { timeline: [{ status: 'Committing' }] } })
    await signedPost(emu.url, {
      path: snapshotPath('dsw-c'),
      action: 'CreateInstanceSnapshot',
      caller: CALLER,
      body: JSON.stringify({ ImageUrl: 'r/c:1', SnapshotName: 'c-1' })
    })
    const first = ((await list(emu)).json.Instances as Array<Record<string, unknown>>)[0]
    expect(first).toMatchObject({
      InstanceId: 'dsw-c',
      LatestSnapshot: { Status: 'Committing', ImageUrl: 'r/c:1' }
    })
  })

  it("merges an instance's raw fields into its entry", async () => {
    const emu = await emulate({
      instances: [
        {
          instanceId: 'dsw-odd',
          fields: {
            Labels: { team: 'ml' },
            InstanceName: 42,
            LatestSnapshot: undefined,
            Extra: 'x'
          }
        }
      ],
      snapshots: [{ instanceId: 'dsw-odd', snapshotId: 'snp-1', timeline: [{ status: 'Saved' }] }]
    })
    const [entry] = (await list(emu)).json.Instances as Array<Record<string, unknown>>
    expect(entry).toMatchObject({ Labels: { team: 'ml' }, InstanceName: 42, Extra: 'x' })
    expect(entry).not.toHaveProperty('LatestSnapshot')
  })

  it('applies listing.ignorePageNumber, totalCount and pageSizeCap', async () => {
    const all = { WorkspaceId: 'ALL', ResourceId: 'ALL' }
    const ignoring = await emulate({ listing: { ignorePageNumber: true, totalCount: 99 } })
    const page = await list(ignoring, { ...all, PageSize: '2', PageNumber: '3' })
    expect(idsOf(page.json)).toEqual(['dsw-e', 'dsw-d'])
    expect(page.json.TotalCount).toBe(99)
    const capped = await emulate({ listing: { pageSizeCap: 2 } })
    expect(await ids(capped, { ...all, PageSize: '10', PageNumber: '2' })).toEqual([
      'dsw-c',
      'dsw-b'
    ])
  })

  it('is only GET /api/v2/instances with action ListInstances', async () => {
    const emu = await emulate()
    const wrongAction = await signedGet(emu.url, {
      path: '/api/v2/instances',
      action: 'ListInstanceSnapshot',
      caller: CALLER
    })
    expect([wrongAction.status, wrongAction.json.Code]).toEqual([400, 'InvalidApi.NotFound'])
    const post = await signedPost(emu.url, {
      path: '/api/v2/instances',
      action: 'ListInstances',
      caller: CALLER,
      body: '{}'
    })
    expect([post.status, post.json.Code]).toEqual([404, 'InvalidApi.NotFound'])
    const unsigned = await signedGet(emu.url, {
      path: '/api/v2/instances',
      action: 'ListInstances',
      caller: { ...CALLER, accessKeySecret: 'wrong' }
    })
    expect(unsigned.json.Code).toBe('SignatureDoesNotMatch')
  })
})

describe('the instances option', () => {
  it('takes IDs and descriptions; an instance can be described after owning snapshots', async () => {
    const emu = await emulate({ instances: ['dsw-plain'], snapshots: SNAPSHOTS })
    emu.addInstance({ instanceId: 'dsw-a', workspaceId: 'ws-later', instanceName: 'late' })
    emu.addInstance('dsw-a')
    expect(() => emu.addInstance({ instanceId: 'dsw-a' })).toThrow('instance dsw-a already exists')
    const answer = await list(emu, { WorkspaceId: 'ALL', ResourceId: 'ALL' })
    expect(answer.json.Instances).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ InstanceId: 'dsw-plain', WorkspaceId: 'ws-default' }),
        expect.objectContaining({
          InstanceId: 'dsw-a',
          InstanceName: 'late',
          WorkspaceId: 'ws-later',
          LatestSnapshot: expect.objectContaining({ ImageUrl: 'r/a:2' })
        })
      ])
    )
  })

  it.each([
    [{ instanceId: '' }, 'instanceId must be a non-empty string'],
    [{ instanceId: 'dsw-1', paymentType: 'Prepaid' }, 'paymentType must be one of'],
    [{ instanceId: 'dsw-1', status: 7 }, 'status must be a non-empty string'],
    [{ instanceId: 'dsw-1', labels: { a: 'b' } }, 'labels must be an array'],
    [{ instanceId: 'dsw-1', gmtCreateTime: 'yesterday' }, 'gmtCreateTime is not a date'],
    [{ instanceId: 'dsw-1', fields: [] }, 'fields must be an object'],
    [42, 'an instance must be an ID or an object']
  ])('refuses %j at start-up', async (instance, message) => {
    await expect(
      emulate({ instances: [instance as NonNullable<Options['instances']>[number]] })
    ).rejects.toThrow(message)
  })

  it('refuses a defaultWorkspaceId that is not a workspace ID', async () => {
    await expect(emulate({ defaultWorkspaceId: 'ALL' })).rejects.toThrow('defaultWorkspaceId')
  })
})
