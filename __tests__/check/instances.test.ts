import { describe, expect, it } from '@jest/globals'
import type { Instance, InstancePageRequest } from '../../src/aliyun/instance.js'
import type { PaiDswCalls, SnapshotPageRequest } from '../../src/aliyun/pai-dsw-client.js'
import type { Snapshot } from '../../src/aliyun/snapshot.js'
import {
  type InstancesRequest,
  checkInstances,
  checksSeveral,
  matchesInstanceFilter
} from '../../src/check/instances.js'
import { Deadline } from '../../src/polling/deadline.js'
import { ApiError } from '../../src/errors.js'
import { NOT_SENT } from '../../src/http/rate-limiter.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { fakePaiDsw } from '../helpers/fake-pai-dsw.js'

/** A fake service: instances (in one workspace) and their snapshots, all Saved unless named. */
function service(instances: Instance[], snapshotsOf: Record<string, Snapshot[]>) {
  const calls: string[] = []
  const client = fakePaiDsw({
    get requestCount() {
      return calls.length
    },
    async listInstances(page: InstancePageRequest) {
      calls.push(`ListInstances ${page.pageNumber} ${page.workspaceId ?? '-'}`)
      const start = (page.pageNumber - 1) * page.pageSize
      return {
        instances: instances.slice(start, start + page.pageSize),
        totalCount: instances.length,
        requestId: 'L'
      }
    },
    async listInstanceSnapshots(instanceId: string, page: SnapshotPageRequest) {
      calls.push(`ListInstanceSnapshot ${instanceId} ${page.pageSize}`)
      const all = snapshotsOf[instanceId] ?? []
      const start = (page.pageNumber - 1) * page.pageSize
      return {
        snapshots: all.slice(start, start + page.pageSize),
        totalCount: all.length,
        requestId: 'S'
      }
    },
    async getInstanceSnapshot() {
      throw new Error('not expected')
    }
  })
  return { client, calls }
}

const saved = (id: string): Snapshot => ({
  SnapshotId: id,
  Status: 'Saved',
  ImageUrl: `registry.example.com/team/${id}:v1`
})

/** How every check here polls, and what ends a snapshot. */
const PACING = {
  pollIntervalMs: 1000,
  maxPollIntervalMs: 1000,
  notFoundTimeoutMs: 0,
  successStatuses: ['Saved'],
  failureStatuses: ['Failed']
}

function check(
  client: PaiDswCalls,
  request: Partial<InstancesRequest>,
  lines: string[] = [],
  signal?: AbortSignal
) {
  return checkInstances(
    {
      instances: { kind: 'ids', ids: ['dsw-1'] },
      snapshots: { kind: 'latest', filter: {} },
      timeoutMs: 0,
      ...PACING,
      ...request
    },
    {
      client,
      clock: new VirtualClock(),
      random: () => 0,
      log: { info: (m: string) => lines.push(m), warning() {}, debug() {} },
      // The step's progress line: what the check tells it about the whole step lands in `lines`.
      progress: { dueAt: Infinity, tick() {}, track() {}, notice: (m: string) => lines.push(m) },
      signal
    }
  )
}

describe('checkInstances', () => {
  it('lists every page of instances, keeps those that pass the filters, and checks each', async () => {
    const instances = Array.from({ length: 150 }, (_, i) => ({
      InstanceId: `dsw-${i}`,
      InstanceName: i % 2 ? `train-${i}` : `web-${i}`,
      Labels: i % 3 ? [] : [{ Key: 'team', Value: 'ml' }]
    }))
    const { client, calls } = service(instances, {
      'dsw-3': [saved('snp-a')],
      'dsw-9': [saved('snp-b')]
    })
    const outcomes = await check(client, {
      instances: {
        kind: 'all',
        filter: { workspaceId: 'ws-1', namePrefix: 'train-', labels: { team: 'ml' } }
      },
      snapshots: { kind: 'all', filter: {} }
    })
    expect(calls.filter(c => c.startsWith('ListInstances'))).toEqual([
      'ListInstances 1 ws-1',
      'ListInstances 2 ws-1'
    ])
    // train- and team=ml: odd multiples of 3 below 150.
    expect(calls.filter(c => c.startsWith('ListInstanceSnapshot'))).toHaveLength(25)
    expect(outcomes.map(o => [o.instanceId, o.snapshotId, o.result])).toEqual([
      ['dsw-3', 'snp-a', 'success'],
      ['dsw-9', 'snp-b', 'success']
    ])
  })

  it('reports an instance without snapshots under latest as a failure, and checks the others', async () => {
    const { client, calls } = service([], { 'dsw-1': [saved('snp-1')] })
    const outcomes = await check(client, { instances: { kind: 'ids', ids: ['dsw-1', 'dsw-2'] } })
    expect(outcomes.map(o => [o.instanceId, o.result, o.message])).toEqual([
      ['dsw-1', 'success', 'Snapshot snp-1 of instance dsw-1 is Saved'],
      ['dsw-2', 'failure', 'Instance dsw-2 has no snapshot yet']
    ])
    expect(calls).toEqual(['ListInstanceSnapshot dsw-1 1', 'ListInstanceSnapshot dsw-2 1'])
  })

  it('fails, rather than passing on nothing, when no instance has a snapshot under all', async () => {
    const { client } = service([], {})
    const outcomes = await check(client, {
      instances: { kind: 'ids', ids: ['dsw-1', 'dsw-2'] },
      snapshots: { kind: 'all', filter: { namePrefix: 'nightly-' } }
    })
    expect(outcomes).toEqual([
      expect.objectContaining({
        result: 'error',
        message:
          'None of the 2 instances has a snapshot named nightly-*: check instance-id and the filters'
      })
    ])
  })

  it('says so when no instance passes the filters', async () => {
    const { client } = service([{ InstanceId: 'dsw-1', InstanceName: 'web' }], {})
    const [outcome] = await check(client, {
      instances: { kind: 'all', filter: { namePrefix: 'train-', labels: {} } }
    })
    expect(outcome).toMatchObject({ result: 'error' })
    expect(outcome!.message).toBe(
      'No instance in the default workspace named train-*: check workspace-id and the filters'
    )
  })

  it('blames no listing of instances when given instance IDs find the time already gone', async () => {
    // The step's deadline, spent before the check began (credentials, say).
    const clock = new VirtualClock()
    const deadline = Deadline.start(clock, 3000)
    clock.time += 4000
    // As the step's transport does: no request is sent after the deadline.
    const notSent = new ApiError({
      operation: 'ListInstanceSnapshot',
      kind: 'network',
      code: NOT_SENT,
      serviceMessage: "not sent: the step's timeout (3s) had passed"
    })
    const client = fakePaiDsw({ listInstanceSnapshots: () => Promise.reject(notSent) })
    const outcomes = await checkInstances(
      {
        instances: { kind: 'ids', ids: ['dsw-1', 'dsw-2'] },
        snapshots: { kind: 'latest', filter: {} },
        timeoutMs: 3000,
        deadline,
        ...PACING
      },
      { client, clock, random: () => 0, log: { info() {}, warning() {}, debug() {} } }
    )
    expect(outcomes.map(o => [o.instanceId, o.result, o.message])).toEqual(
      ['dsw-1', 'dsw-2'].map(id => [
        id,
        'timeout',
        `Could not find the latest snapshot of instance ${id}: ${notSent.message}`
      ])
    )
  })

  it('sends the first 4 label filters to the server, and no Labels without a label filter', async () => {
    const sent: (Record<string, string> | undefined)[] = []
    const client = fakePaiDsw({
      async listInstances(page: InstancePageRequest) {
        sent.push(page.labels)
        return { instances: [], totalCount: 0, requestId: 'L' }
      }
    })
    const labels = { a: '1', b: '2', c: '3', d: '4', e: '5' }
    for (const filter of [{ labels: {} }, { labels }]) {
      await check(client, { instances: { kind: 'all', filter } })
    }
    expect(sent).toEqual([undefined, { a: '1', b: '2', c: '3', d: '4' }])
  })

  it('matches names and every label', () => {
    const instance = {
      InstanceId: 'dsw-1',
      InstanceName: 'train-1',
      Labels: [{ Key: 'team', Value: 'ml' }]
    }
    expect(matchesInstanceFilter(instance, { labels: {} })).toBe(true)
    expect(matchesInstanceFilter(instance, { namePrefix: 'web', labels: {} })).toBe(false)
    expect(matchesInstanceFilter(instance, { labels: { team: 'ml', env: 'prod' } })).toBe(false)
  })
})

describe('checksSeveral', () => {
  const request = (
    snapshots: InstancesRequest['snapshots'],
    instances: InstancesRequest['instances'] = { kind: 'ids', ids: ['dsw-1'] }
  ) =>
    checksSeveral({
      instances,
      snapshots,
      timeoutMs: 0,
      ...PACING
    })
  const spec = {
    imageUrl: 'r.io/a:b',
    snapshotName: 'b',
    description: '',
    labels: {},
    excludePaths: [],
    overwrite: false
  }

  it('is false only for one snapshot of one instance', () => {
    expect(request({ kind: 'new', snapshot: spec })).toBe(false)
    expect(request({ kind: 'latest', filter: {} })).toBe(false)
    expect(request({ kind: 'ids', ids: ['snp-1'] })).toBe(false)
  })

  it('is true for several snapshot IDs, all of them, or several instances', () => {
    expect(request({ kind: 'ids', ids: ['snp-1', 'snp-2'] })).toBe(true)
    expect(request({ kind: 'all', filter: {} })).toBe(true)
    const latest = { kind: 'latest' as const, filter: {} }
    expect(request(latest, { kind: 'ids', ids: ['dsw-1', 'dsw-2'] })).toBe(true)
    expect(request(latest, { kind: 'all', filter: { labels: {} } })).toBe(true)
  })
})

describe('checkInstances messages', () => {
  function run(client: PaiDswCalls, request: Partial<InstancesRequest>) {
    const lines: string[] = []
    return { outcomes: check(client, request, lines), lines }
  }

  it('says which snapshots of how many instances it checks', async () => {
    const { client } = service([], { 'dsw-1': [saved('snp-1')], 'dsw-2': [saved('snp-2')] })
    const latest = run(client, { instances: { kind: 'ids', ids: ['dsw-1', 'dsw-2'] } })
    await latest.outcomes
    expect(latest.lines).toContain('Checking the latest snapshot of 2 instances')
    const all = run(client, {
      instances: { kind: 'ids', ids: ['dsw-1', 'dsw-2'] },
      snapshots: { kind: 'all', filter: {} }
    })
    await all.outcomes
    expect(all.lines).toContain('Checking every snapshot of 2 instances')
  })

  it('under latest, an instance without a matching snapshot fails on its own', async () => {
    const { client } = service([{ InstanceId: 'dsw-1' }], {})
    const [outcome] = await run(client, {
      instances: { kind: 'all', filter: { labels: {} } },
      snapshots: { kind: 'latest', filter: { namePrefix: 'nightly-' } }
    }).outcomes
    expect(outcome).toMatchObject({ result: 'failure' })
  })

  it('describes the workspace and every label filter when none matches', async () => {
    const { client } = service([{ InstanceId: 'dsw-1', InstanceName: 'web' }], {})
    const [any] = await run(client, {
      instances: {
        kind: 'all',
        filter: { workspaceId: 'ALL', labels: { team: 'ml', env: 'prod' } }
      }
    }).outcomes
    expect(any!.message).toBe(
      'No instance in any workspace labelled team=ml labelled env=prod: check workspace-id and the filters'
    )
    const [one] = await run(client, {
      instances: { kind: 'all', filter: { workspaceId: 'ws-9', namePrefix: 'train-', labels: {} } }
    }).outcomes
    expect(one!.message).toBe(
      'No instance in workspace ws-9 named train-*: check workspace-id and the filters'
    )
  })

  it('reports a listing that cannot be read, naming the workspace it listed', async () => {
    const huge = () =>
      fakePaiDsw({
        requestCount: 1,
        async listInstances() {
          return { instances: [{ InstanceId: 'dsw-1' }], totalCount: 20_000, requestId: 'L' }
        }
      })
    const [fallback] = await run(huge(), {
      instances: { kind: 'all', filter: { labels: {} } }
    }).outcomes
    expect(fallback).toMatchObject({ result: 'error', snapshotId: '' })
    expect(fallback!.message).toMatch(
      /^Could not list the instances in the default workspace: .*ListInstances \(workspace \(default\)\)/
    )
    expect(fallback!.message).toContain('TotalCount 20000; at most 10,000 instances (100 pages')
    const [named] = await run(huge(), {
      instances: { kind: 'all', filter: { workspaceId: 'ws-9', labels: {} } }
    }).outcomes
    expect(named!.message).toMatch(
      /^Could not list the instances in workspace ws-9: .*ListInstances \(workspace ws-9\)/
    )
  })

  it('ends as cancelled, saying so, when cancelled while listing the instances', async () => {
    const controller = new AbortController()
    const client = fakePaiDsw({
      async listInstances() {
        controller.abort()
        throw new Error('aborted')
      }
    })
    const outcomes = await check(
      client,
      {
        instances: { kind: 'all', filter: { workspaceId: 'ws-9', labels: {} } },
        timeoutMs: 60_000
      },
      [],
      controller.signal
    )
    expect(outcomes).toEqual([
      expect.objectContaining({
        result: 'cancelled',
        message: 'Cancelled after 0ms while listing the instances in workspace ws-9'
      })
    ])
  })

  it('ends as a timeout that says where the time went when listing the instances overran it', async () => {
    // 50 instances, 10 a page; the last page answers 4 s after it was asked for, past a 3 s timeout.
    const clock = new VirtualClock()
    const calls: string[] = []
    const client = fakePaiDsw({
      requestCount: 0,
      async listInstances(page: InstancePageRequest) {
        calls.push(`ListInstances ${page.pageNumber}`)
        if (page.pageNumber === 5) clock.time += 4000
        const ids = Array.from({ length: 10 }, (_, i) => `dsw-${(page.pageNumber - 1) * 10 + i}`)
        return {
          instances: ids.map(InstanceId => ({ InstanceId })),
          totalCount: 50,
          requestId: 'L'
        }
      },
      async listInstanceSnapshots(instanceId: string) {
        calls.push(`ListInstanceSnapshot ${instanceId}`)
        return { snapshots: [saved('snp-1')], totalCount: 1, requestId: 'S' }
      }
    })
    const outcomes = await checkInstances(
      {
        instances: { kind: 'all', filter: { labels: {} } },
        snapshots: { kind: 'latest', filter: {} },
        timeoutMs: 3000,
        ...PACING
      },
      { client, clock, random: () => 0, log: { info() {}, warning() {}, debug() {} } }
    )
    // Not one snapshot listing: each would have started after the deadline.
    expect(calls).toEqual([1, 2, 3, 4, 5].map(n => `ListInstances ${n}`))
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]).toMatchObject({
      result: 'timeout',
      snapshotId: '',
      waitedMs: 4000,
      message:
        'Listing the instances in the default workspace (ListInstances) took 4s of the 3s ' +
        'timeout: none of the 50 instances found could be checked. Raise the timeout, or narrow ' +
        'the listing (workspace-id, instance-name-prefix, instance-labels)'
    })
  })
})
