import { describe, expect, it } from '@jest/globals'
import type {
  CreateSnapshotBody,
  PaiDswCalls,
  SnapshotPageRequest
} from '../../src/aliyun/pai-dsw-client.js'
import type { Snapshot } from '../../src/aliyun/snapshot.js'
import { ApiError } from '../../src/errors.js'
import {
  type CheckDependencies,
  type CheckRequest,
  type SnapshotSelection,
  checkSnapshots,
  failedBeforeWait,
  notWaited
} from '../../src/check/instance-check.js'
import type { NewSnapshot } from '../../src/check/create.js'
import { Deadline } from '../../src/polling/deadline.js'
import { CancelledError } from '../../src/polling/retrying.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { fakePaiDsw } from '../helpers/fake-pai-dsw.js'

const image = (id: string) => `registry.example.com/team/${id}:v1`

const snapshot = (id: string, status: string, extra: Partial<Snapshot> = {}): Snapshot => ({
  SnapshotId: id,
  Status: status,
  ImageUrl: image(id),
  ...extra
})

const throttled = new ApiError({
  operation: 'ListInstanceSnapshot',
  kind: 'throttled',
  code: 'Throttling.User',
  httpStatus: 429
})
const denied = new ApiError({
  operation: 'ListInstanceSnapshot',
  kind: 'permission',
  code: 'Forbidden.RAM',
  httpStatus: 403
})

type Listed = Snapshot[] | Error
type Polled = Snapshot | Error

/**
 * A fake PAI-DSW service. Each listing round (a request for page 1 starts one) answers the next
 * entry of `listings`, paged as asked; each GetInstanceSnapshot of an ID the next entry of
 * `polls[id]`; the last entry repeats. `calls` logs every request in order.
 */
function service(
  options: {
    listings?: Listed[]
    polls?: Record<string, Polled[]>
    create?: (body: CreateSnapshotBody) => string | Error
    /** Runs as each listing round starts, before it answers. */
    onListing?: (round: number) => void
  } = {}
) {
  const { listings = [], polls = {} } = options
  const calls: string[] = []
  const pages: SnapshotPageRequest[] = []
  const polled = new Map<string, number>()
  let rounds = 0
  const client = fakePaiDsw({
    async listInstanceSnapshots(instanceId: string, page: SnapshotPageRequest) {
      calls.push(`List ${instanceId} page ${page.pageNumber} size ${page.pageSize}`)
      pages.push(page)
      if (page.pageNumber === 1) rounds++
      options.onListing?.(rounds)
      const listed = listings[Math.min(rounds, listings.length) - 1]
      if (!listed) throw new Error('unexpected listing')
      if (listed instanceof Error) throw listed
      const start = (page.pageNumber - 1) * page.pageSize
      return {
        snapshots: listed.slice(start, start + page.pageSize),
        totalCount: listed.length,
        requestId: `L${rounds}`
      }
    },
    async getInstanceSnapshot(instanceId: string, snapshotId: string) {
      calls.push(`Get ${instanceId} ${snapshotId}`)
      const n = (polled.get(snapshotId) ?? 0) + 1
      polled.set(snapshotId, n)
      const answers = polls[snapshotId] ?? []
      const answer = answers[Math.min(n, answers.length) - 1]
      if (!answer) throw new Error(`unexpected GetInstanceSnapshot ${snapshotId}`)
      if (answer instanceof Error) throw answer
      return { snapshot: answer, requestId: `G-${snapshotId}-${n}` }
    },
    async createInstanceSnapshot(instanceId: string, body: CreateSnapshotBody) {
      calls.push(`Create ${instanceId} ${body.SnapshotName}`)
      const made = options.create?.(body) ?? new Error('unexpected create')
      if (made instanceof Error) throw made
      return { snapshotId: made, requestId: 'C' }
    }
  })
  return { client, calls, pages }
}

/** A virtual clock that aborts `controller` once a sleep is over (cancelled while waiting). */
class CancellingClock extends VirtualClock {
  constructor(private readonly controller: AbortController) {
    super()
  }

  override async sleep(ms: number): Promise<void> {
    await super.sleep(ms)
    this.controller.abort()
  }
}

interface Setup {
  selection: SnapshotSelection
  client: PaiDswCalls
  request?: Partial<CheckRequest>
  deps?: Partial<CheckDependencies>
  clock?: VirtualClock
  timeoutMs?: number
}

/** Runs a check of instance dsw-1 on a virtual clock, logging what it logs. */
async function check({ selection, client, request, deps, clock, timeoutMs = 60_000 }: Setup) {
  const time = clock ?? new VirtualClock()
  const log = { info: [] as string[], warning: [] as string[], debug: [] as string[] }
  const outcomes = await checkSnapshots(
    {
      instanceId: 'dsw-1',
      snapshots: selection,
      deadline: Deadline.start(time, timeoutMs),
      pollIntervalMs: 1000,
      maxPollIntervalMs: 4000,
      notFoundTimeoutMs: 0,
      successStatuses: ['Saved'],
      failureStatuses: ['Failed'],
      ...request
    },
    {
      client,
      clock: time,
      random: () => 0,
      log: {
        info: m => log.info.push(m),
        warning: m => log.warning.push(m),
        debug: m => log.debug.push(m)
      },
      ...deps
    }
  )
  return { outcomes, log, clock: time }
}

const latest = (filter = {}): SnapshotSelection => ({ kind: 'latest', filter })
const all = (filter = {}): SnapshotSelection => ({ kind: 'all', filter })
const NIGHTLY = { namePrefix: 'nightly-', labels: { team: 'ml' } }

describe('checkSnapshots: ids', () => {
  it('polls each ID with GetInstanceSnapshot and tags each outcome with the instance', async () => {
    const { client, calls } = service({
      polls: {
        'snp-a': [snapshot('snp-a', 'Pushing'), snapshot('snp-a', 'Saved')],
        'snp-b': [snapshot('snp-b', 'Saved')]
      }
    })
    const { outcomes, clock } = await check({
      selection: { kind: 'ids', ids: ['snp-a', 'snp-b'] },
      client
    })
    expect(calls).toEqual(['Get dsw-1 snp-a', 'Get dsw-1 snp-b', 'Get dsw-1 snp-a'])
    expect(clock.sleeps).toEqual([1000])
    expect(outcomes).toHaveLength(2)
    expect(outcomes[0]).toMatchObject({
      instanceId: 'dsw-1',
      result: 'success',
      snapshotId: 'snp-a',
      message: 'Snapshot snp-a of instance dsw-1 is Saved',
      imageUrl: image('snp-a'),
      requestId: 'G-snp-a-2',
      status: 'Saved',
      attempts: 2,
      waitedMs: 1000
    })
    expect(outcomes[1]).toMatchObject({
      instanceId: 'dsw-1',
      result: 'success',
      snapshotId: 'snp-b',
      message: 'Snapshot snp-b of instance dsw-1 is Saved',
      imageUrl: image('snp-b'),
      requestId: 'G-snp-b-1',
      attempts: 1
    })
  })

  it('reports each ID on its own: one failed, one not found', async () => {
    const { client } = service({
      polls: {
        'snp-a': [snapshot('snp-a', 'Failed', { ReasonCode: 'PushFailed' })],
        'snp-b': [
          new ApiError({ operation: 'GetInstanceSnapshot', kind: 'not-found', code: 'NotFound' })
        ]
      }
    })
    const { outcomes } = await check({
      selection: { kind: 'ids', ids: ['snp-a', 'snp-b'] },
      client
    })
    expect(outcomes.map(o => [o.instanceId, o.snapshotId, o.result, o.message])).toEqual([
      [
        'dsw-1',
        'snp-a',
        'failure',
        'Snapshot snp-a of instance dsw-1 ended with status Failed: PushFailed'
      ],
      [
        'dsw-1',
        'snp-b',
        'error',
        'GetInstanceSnapshot failed: NotFound (Code: NotFound) (still not found after 0ms)'
      ]
    ])
  })

  it('stops polling when the job is cancelled', async () => {
    const controller = new AbortController()
    const { client, calls } = service({ polls: { 'snp-a': [snapshot('snp-a', 'Pushing')] } })
    const { outcomes } = await check({
      selection: { kind: 'ids', ids: ['snp-a'] },
      client,
      clock: new CancellingClock(controller),
      deps: { signal: controller.signal }
    })
    expect(calls).toEqual(['Get dsw-1 snp-a'])
    expect(outcomes).toEqual([
      expect.objectContaining({
        instanceId: 'dsw-1',
        result: 'cancelled',
        message:
          'Cancelled after 1s while waiting for snapshot snp-a of instance dsw-1 (last status Pushing)'
      })
    ])
  })
})

describe('checkSnapshots: latest', () => {
  it('takes the listing for the first poll: a Saved snapshot needs no other request', async () => {
    const { client, calls, pages } = service({
      listings: [[snapshot('snp-2', 'Saved'), snapshot('snp-1', 'Saved')]]
    })
    const { outcomes, log, clock } = await check({ selection: latest(), client })
    expect(calls).toEqual(['List dsw-1 page 1 size 1'])
    expect(pages).toEqual([{ pageNumber: 1, pageSize: 1, order: 'DESC' }])
    expect(clock.sleeps).toEqual([])
    expect(outcomes).toEqual([
      {
        instanceId: 'dsw-1',
        result: 'success',
        message: 'Snapshot snp-2 of instance dsw-1 is Saved',
        snapshotId: 'snp-2',
        snapshot: snapshot('snp-2', 'Saved'),
        imageUrl: image('snp-2'),
        requestId: 'L1',
        status: 'Saved',
        attempts: 1,
        waitedMs: 0,
        timeline: [{ status: 'Saved', atMs: 0 }],
        error: undefined
      }
    ])
    expect(log.info).toEqual([
      'The latest snapshot of instance dsw-1 is snp-2',
      '[0ms] snapshot snp-2 of instance dsw-1: Saved'
    ])
  })

  it('polls the listed snapshot by ID after a first round that found it Pushing', async () => {
    const { client, calls } = service({
      listings: [[snapshot('snp-2', 'Pushing')]],
      polls: { 'snp-2': [snapshot('snp-2', 'Pushing'), snapshot('snp-2', 'Saved')] }
    })
    const { outcomes, clock } = await check({
      selection: latest(),
      client,
      deps: { random: () => 0.5 }
    })
    expect(calls).toEqual(['List dsw-1 page 1 size 1', 'Get dsw-1 snp-2', 'Get dsw-1 snp-2'])
    // 1 s, then 2 s, each less the jitter `random` asked for (5 %).
    expect(clock.sleeps).toEqual([950, 1900])
    expect(outcomes).toEqual([
      expect.objectContaining({
        instanceId: 'dsw-1',
        result: 'success',
        snapshotId: 'snp-2',
        requestId: 'G-snp-2-2',
        attempts: 3,
        waitedMs: 2850,
        timeline: [
          { status: 'Pushing', atMs: 0 },
          { status: 'Saved', atMs: 2850 }
        ]
      })
    ])
  })

  it('picks the newest snapshot that passes the filters, from a full listing', async () => {
    const { client, calls } = service({
      listings: [
        [
          snapshot('snp-4', 'Saved', { SnapshotName: 'nightly-4' }),
          snapshot('snp-3', 'Saved', {
            SnapshotName: 'nightly-3',
            Labels: [{ Key: 'team', Value: 'ml' }]
          }),
          snapshot('snp-2', 'Saved', {
            SnapshotName: 'nightly-2',
            Labels: [{ Key: 'team', Value: 'ml' }]
          })
        ]
      ]
    })
    const { outcomes, log } = await check({ selection: latest(NIGHTLY), client })
    expect(calls).toEqual(['List dsw-1 page 1 size 100'])
    expect(outcomes.map(o => [o.snapshotId, o.result])).toEqual([['snp-3', 'success']])
    expect(log.info[0]).toBe(
      'The latest snapshot of instance dsw-1 named nightly-* and labelled team=ml is snp-3'
    )
  })
})

describe('checkSnapshots: all', () => {
  it('waits for every listed match, and later looks them up in the listing without the filters', async () => {
    const team = [{ Key: 'team', Value: 'ml' }]
    const { client, calls, pages } = service({
      listings: [
        [
          snapshot('snp-3', 'Pushing', { SnapshotName: 'nightly-3', Labels: team }),
          snapshot('snp-2', 'Saved', { SnapshotName: 'manual', Labels: team }),
          snapshot('snp-1', 'Saved', { SnapshotName: 'nightly-1', Labels: team })
        ],
        [
          // Renamed and relabelled while it was pushed: still the snapshot waited for.
          snapshot('snp-3', 'Saved', { SnapshotName: 'renamed', Labels: [] }),
          snapshot('snp-2', 'Saved', { SnapshotName: 'manual', Labels: team }),
          snapshot('snp-1', 'Saved', { SnapshotName: 'nightly-1', Labels: team })
        ]
      ]
    })
    const { outcomes, log, clock } = await check({ selection: all(NIGHTLY), client })
    expect(calls).toEqual(['List dsw-1 page 1 size 100', 'List dsw-1 page 1 size 100'])
    // The filters are applied here, never sent: each round asks for the same whole listing.
    expect(pages).toEqual([
      { pageNumber: 1, pageSize: 100, order: 'DESC' },
      { pageNumber: 1, pageSize: 100, order: 'DESC' }
    ])
    expect(clock.sleeps).toEqual([1000])
    expect(log.info[0]).toBe(
      'Checking 2 snapshots of instance dsw-1 named nightly-* and labelled team=ml'
    )
    expect(
      outcomes.map(o => [o.instanceId, o.snapshotId, o.result, o.requestId, o.attempts])
    ).toEqual([
      ['dsw-1', 'snp-3', 'success', 'L2', 2],
      ['dsw-1', 'snp-1', 'success', 'L1', 1]
    ])
    expect(outcomes[0]!.message).toBe('Snapshot snp-3 of instance dsw-1 is Saved')
  })

  it('counts a snapshot missing from a later listing as not found', async () => {
    const { client, calls } = service({
      listings: [[snapshot('snp-1', 'Pushing')], [snapshot('snp-9', 'Saved')]]
    })
    const { outcomes, log } = await check({ selection: all(), client })
    expect(calls).toEqual(['List dsw-1 page 1 size 100', 'List dsw-1 page 1 size 100'])
    expect(log.info[0]).toBe('Checking 1 snapshot of instance dsw-1')
    expect(outcomes).toEqual([
      expect.objectContaining({
        instanceId: 'dsw-1',
        snapshotId: 'snp-1',
        result: 'error',
        message:
          'ListInstanceSnapshot failed: snapshot is no longer listed (deleted?) (still not found after 1s)',
        status: 'Pushing',
        attempts: 2
      })
    ])
  })
})

describe('checkSnapshots: no snapshots', () => {
  it('is an error for a single instance, pointing at instance-id', async () => {
    const clock = new VirtualClock(2000)
    const { client } = service({ listings: [[]] })
    const deadline = Deadline.start(clock, 60_000)
    clock.time = 5000
    const outcomes = await checkSnapshots(
      {
        instanceId: 'dsw-1',
        snapshots: latest(),
        deadline,
        pollIntervalMs: 1000,
        maxPollIntervalMs: 4000,
        notFoundTimeoutMs: 0,
        successStatuses: ['Saved'],
        failureStatuses: ['Failed']
      },
      { client, clock, random: () => 0, log: { info() {}, warning() {}, debug() {} } }
    )
    expect(outcomes).toStrictEqual([
      {
        instanceId: 'dsw-1',
        result: 'error',
        message: 'Instance dsw-1 has no snapshots: check instance-id',
        snapshotId: '',
        attempts: 0,
        waitedMs: 3000,
        timeline: []
      }
    ])
  })

  it('points at the filters too when filtering, under all and under latest', async () => {
    const others = [snapshot('snp-1', 'Saved', { SnapshotName: 'manual' })]
    for (const selection of [all(NIGHTLY), latest(NIGHTLY)]) {
      const { client } = service({ listings: [others] })
      const { outcomes } = await check({ selection, client })
      expect(outcomes.map(o => [o.result, o.message])).toEqual([
        [
          'error',
          'Instance dsw-1 has no snapshots named nightly-* and labelled team=ml: ' +
            'check instance-id and the filters'
        ]
      ])
    }
    const { client } = service({ listings: [[]] })
    const { outcomes } = await check({ selection: all({ labels: { env: 'prod' } }), client })
    expect(outcomes[0]!.message).toBe(
      'Instance dsw-1 has no snapshots labelled env=prod: check instance-id and the filters'
    )
  })

  it('does not point at filters that filter nothing', async () => {
    const { client } = service({ listings: [[]] })
    const { outcomes } = await check({
      selection: all({ namePrefix: '', labels: {} }),
      client,
      request: { severalInstances: false }
    })
    expect(outcomes.map(o => [o.result, o.message])).toEqual([
      ['error', 'Instance dsw-1 has no snapshots: check instance-id']
    ])
  })

  it('adds nothing under all when the instance is one of several', async () => {
    const { client, calls } = service({ listings: [[]] })
    const { outcomes } = await check({
      selection: all(NIGHTLY),
      client,
      request: { severalInstances: true }
    })
    expect(outcomes).toEqual([])
    expect(calls).toEqual(['List dsw-1 page 1 size 100'])
  })

  it('is a failure of its own under latest when the instance is one of several', async () => {
    const { client } = service({ listings: [[]] })
    const { outcomes } = await check({
      selection: latest(),
      client,
      request: { severalInstances: true }
    })
    expect(outcomes).toStrictEqual([
      {
        instanceId: 'dsw-1',
        result: 'failure',
        message: 'Instance dsw-1 has no snapshot yet',
        snapshotId: '',
        attempts: 0,
        waitedMs: 0,
        timeline: []
      }
    ])
    const filtered = service({ listings: [[]] })
    const named = await check({
      selection: latest({ namePrefix: 'nightly-' }),
      client: filtered.client,
      request: { severalInstances: true }
    })
    expect(named.outcomes.map(o => [o.result, o.message])).toEqual([
      ['failure', 'Instance dsw-1 has no snapshot named nightly-* yet']
    ])
  })
})

describe('checkSnapshots: finding the snapshots fails', () => {
  it('ends with an error on a permanent failure, keeping the error', async () => {
    const { client, calls } = service({ listings: [denied] })
    const { outcomes } = await check({ selection: all(NIGHTLY), client })
    expect(calls).toEqual(['List dsw-1 page 1 size 100'])
    expect(outcomes).toStrictEqual([
      {
        instanceId: 'dsw-1',
        result: 'error',
        message: `Could not find the snapshots of instance dsw-1 named nightly-* and labelled team=ml: ${denied.message}`,
        snapshotId: '',
        attempts: 0,
        waitedMs: 0,
        timeline: [],
        error: denied
      }
    ])
  })

  it('times out on a transient failure that lasts until the deadline', async () => {
    const { client, calls } = service({ listings: [throttled] })
    const { outcomes, clock } = await check({ selection: latest(), client, timeoutMs: 10_000 })
    expect(calls).toHaveLength(5)
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 3000])
    expect(outcomes).toStrictEqual([
      {
        instanceId: 'dsw-1',
        result: 'timeout',
        message: `Could not find the latest snapshot of instance dsw-1: ${throttled.message}`,
        snapshotId: '',
        attempts: 0,
        waitedMs: 10_000,
        timeline: [],
        error: throttled
      }
    ])
  })

  it('goes on once a transient failure passes', async () => {
    const { client, calls } = service({
      listings: [throttled, [snapshot('snp-1', 'Saved')]]
    })
    const { outcomes } = await check({ selection: latest(), client })
    expect(calls).toEqual(['List dsw-1 page 1 size 1', 'List dsw-1 page 1 size 1'])
    expect(outcomes.map(o => [o.snapshotId, o.result, o.requestId])).toEqual([
      ['snp-1', 'success', 'L2']
    ])
  })

  it('says what it was looking for when cancelled while retrying', async () => {
    const controller = new AbortController()
    const { client, calls } = service({ listings: [throttled] })
    const { outcomes } = await check({
      selection: latest(),
      client,
      clock: new CancellingClock(controller),
      deps: { signal: controller.signal }
    })
    expect(calls).toEqual(['List dsw-1 page 1 size 1'])
    expect(outcomes).toStrictEqual([
      {
        instanceId: 'dsw-1',
        result: 'cancelled',
        message: 'Cancelled after 1s while looking for the latest snapshot of instance dsw-1',
        snapshotId: '',
        attempts: 0,
        waitedMs: 1000,
        timeline: []
      }
    ])
  })

  it('says what it was looking for when cancelled during a request', async () => {
    const controller = new AbortController()
    const { client } = service({
      listings: [throttled],
      onListing: () => controller.abort()
    })
    const { outcomes } = await check({
      selection: all({ namePrefix: 'nightly-' }),
      client,
      deps: { signal: controller.signal }
    })
    expect(outcomes.map(o => [o.result, o.message])).toEqual([
      [
        'cancelled',
        'Cancelled after 0ms while looking for the snapshots of instance dsw-1 named nightly-*'
      ]
    ])
  })
})

describe('checkSnapshots: new', () => {
  const SPEC: NewSnapshot = {
    imageUrl: 'registry.example.com/team/env:deploy-1',
    snapshotName: 'deploy-1',
    description: '',
    labels: {},
    excludePaths: [],
    overwrite: false
  }
  const pushed = (imageUrl: string) => snapshot('snp-new', 'Saved', { ImageUrl: imageUrl })

  it('creates the snapshot, says its ID, then waits for it by ID', async () => {
    const created: string[] = []
    const { client, calls } = service({
      create: () => 'snp-new',
      polls: { 'snp-new': [snapshot('snp-new', 'Pushing'), pushed(SPEC.imageUrl)] }
    })
    const { outcomes } = await check({
      selection: { kind: 'new', snapshot: SPEC },
      client,
      deps: { onCreated: id => created.push(id) }
    })
    expect(created).toEqual(['snp-new'])
    expect(calls).toEqual(['Create dsw-1 deploy-1', 'Get dsw-1 snp-new', 'Get dsw-1 snp-new'])
    expect(outcomes).toEqual([
      expect.objectContaining({
        instanceId: 'dsw-1',
        result: 'success',
        snapshotId: 'snp-new',
        message: 'Snapshot snp-new of instance dsw-1 is Saved',
        imageUrl: SPEC.imageUrl,
        attempts: 2
      })
    ])
  })

  it('works without anyone to tell the new ID', async () => {
    const { client } = service({
      create: () => 'snp-new',
      polls: { 'snp-new': [pushed(SPEC.imageUrl)] }
    })
    const { outcomes } = await check({ selection: { kind: 'new', snapshot: SPEC }, client })
    expect(outcomes.map(o => o.result)).toEqual(['success'])
  })

  it('fails a created snapshot that pushed another image than the one asked for', async () => {
    const other = 'registry.example.com/team/other:v1'
    const { client } = service({ create: () => 'snp-new', polls: { 'snp-new': [pushed(other)] } })
    const { outcomes } = await check({ selection: { kind: 'new', snapshot: SPEC }, client })
    expect(outcomes[0]).toMatchObject({
      result: 'failure',
      message:
        `Snapshot snp-new of instance dsw-1 is Saved, but it reports image ${other}, ` +
        `not the image asked for (${SPEC.imageUrl})`
    })
    expect(outcomes[0]!.imageUrl).toBeUndefined()
  })

  it('fails on its own snapshot of another image after a lost answer, telling its ID', async () => {
    const other = 'registry.example.com/team/other:v1'
    const listed: Snapshot[] = []
    const lost = new ApiError({
      operation: 'CreateInstanceSnapshot',
      kind: 'network',
      code: 'TIMEOUT'
    })
    const created: string[] = []
    const { client, calls } = service({
      listings: [listed],
      create: body => {
        // Made, with this step's marker, but pushing elsewhere; the answer never arrives.
        listed.push(snapshot('snp-mine', 'Pushing', { ...body, ImageUrl: other }))
        return lost
      }
    })
    const { outcomes } = await check({
      selection: { kind: 'new', snapshot: SPEC },
      client,
      deps: { onCreated: id => created.push(id) }
    })
    expect(calls).toEqual(['Create dsw-1 deploy-1', 'List dsw-1 page 1 size 100'])
    expect(created).toEqual(['snp-mine'])
    expect(outcomes).toStrictEqual([
      {
        instanceId: 'dsw-1',
        result: 'failure',
        message:
          "Snapshot snp-mine, made by this step after a lost answer, names 'deploy-1' and image " +
          `'${other}', not the deploy-1 and ${SPEC.imageUrl} asked for; it was not created ` +
          'again. Check the image-url input and delete the snapshot if it is not wanted',
        snapshotId: 'snp-mine',
        attempts: 0,
        waitedMs: 1000,
        timeline: []
      }
    ])
  })

  it('ends with an error, and waits for nothing, when the create is refused', async () => {
    const created: string[] = []
    const refused = new ApiError({
      operation: 'CreateInstanceSnapshot',
      kind: 'validation',
      code: 'InvalidParameter'
    })
    const { client, calls } = service({ create: () => refused })
    const { outcomes } = await check({
      selection: { kind: 'new', snapshot: SPEC },
      client,
      deps: { onCreated: id => created.push(id) }
    })
    expect(calls).toEqual(['Create dsw-1 deploy-1'])
    expect(created).toEqual([])
    expect(outcomes).toStrictEqual([
      {
        instanceId: 'dsw-1',
        result: 'error',
        message: `Could not create snapshot deploy-1 of instance dsw-1: ${refused.message}`,
        snapshotId: '',
        attempts: 0,
        waitedMs: 0,
        timeline: [],
        error: refused
      }
    ])
  })

  it('says what it was creating when cancelled', async () => {
    const controller = new AbortController()
    const { client } = service({
      create: () => {
        controller.abort()
        return throttled
      }
    })
    const { outcomes } = await check({
      selection: { kind: 'new', snapshot: SPEC },
      client,
      deps: { signal: controller.signal }
    })
    expect(outcomes.map(o => [o.result, o.message])).toEqual([
      ['cancelled', 'Cancelled after 0ms while creating snapshot deploy-1 of instance dsw-1']
    ])
  })
})

describe('notWaited', () => {
  it('is an outcome without a snapshot, a request or a timeline', () => {
    expect(notWaited('failure', 'Instance dsw-1 has no snapshot yet', 4200)).toStrictEqual({
      result: 'failure',
      message: 'Instance dsw-1 has no snapshot yet',
      snapshotId: '',
      attempts: 0,
      waitedMs: 4200,
      timeline: []
    })
  })
})

describe('failedBeforeWait', () => {
  const doing = { failed: 'Could not find X', while: 'looking for X' }

  it('takes a transient API failure for a timeout and keeps the error', () => {
    expect(failedBeforeWait(doing, throttled, 1234)).toStrictEqual({
      result: 'timeout',
      message: `Could not find X: ${throttled.message}`,
      snapshotId: '',
      attempts: 0,
      waitedMs: 1234,
      timeline: [],
      error: throttled
    })
  })

  it('takes a permanent API failure, or any other exception, for an error', () => {
    expect(failedBeforeWait(doing, denied, 5)).toStrictEqual({
      result: 'error',
      message: `Could not find X: ${denied.message}`,
      snapshotId: '',
      attempts: 0,
      waitedMs: 5,
      timeline: [],
      error: denied
    })
    const boom = new Error('boom')
    expect(failedBeforeWait(doing, boom, 0)).toMatchObject({
      result: 'error',
      message: 'Could not find X: boom',
      error: boom
    })
    expect(failedBeforeWait(doing, 'odd', 0)).toMatchObject({
      result: 'error',
      message: 'Could not find X: odd',
      error: 'odd'
    })
  })

  it('says how long it looked when cancelled, without an error', () => {
    expect(failedBeforeWait(doing, new CancelledError(), 90_000)).toStrictEqual({
      result: 'cancelled',
      message: 'Cancelled after 1m30s while looking for X',
      snapshotId: '',
      attempts: 0,
      waitedMs: 90_000,
      timeline: []
    })
  })
})
