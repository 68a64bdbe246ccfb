// `max-age` on the virtual clock: which snapshots count, the failure that names a stale instance,
// and the search that keeps looking until a snapshot within the window appears.
import { describe, expect, it } from '@jest/globals'
import type { InstancePageRequest } from '../../src/aliyun/instance.js'
import type { PaiDswCalls, SnapshotPageRequest } from '../../src/aliyun/pai-dsw-client.js'
import type { Snapshot } from '../../src/aliyun/snapshot.js'
import { type InstancesRequest, checkInstances } from '../../src/check/instances.js'
import { ApiError } from '../../src/errors.js'
import { NOT_SENT } from '../../src/http/rate-limiter.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { fakePaiDsw } from '../helpers/fake-pai-dsw.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** The virtual clock starts here: 2026-12-03T12:00:00Z. */
const START = Date.UTC(2026, 11, 3, 12)
const iso = (ms: number) => new Date(ms).toISOString()

const snapshot = (id: string, ageMs: number, status = 'Saved', extra: Partial<Snapshot> = {}) => ({
  SnapshotId: id,
  Status: status,
  ImageUrl: `registry.example.com/team/${id}:v1`,
  GmtCreateTime: iso(START - ageMs),
  ...extra
})

/**
 * A fake service whose snapshot listings come from `listed(instanceId, now)`, newest first, so a
 * snapshot can appear while the step looks; GetInstanceSnapshot answers from the same list.
 */
function service(
  clock: VirtualClock,
  listed: (instanceId: string, now: number) => Snapshot[],
  options: { clockSkewMs?: number; instances?: string[] } = {}
) {
  const calls: string[] = []
  const instancePages: InstancePageRequest[] = []
  const client = fakePaiDsw({
    get requestCount() {
      return calls.length
    },
    clockSkewMs: options.clockSkewMs ?? 0,
    async listInstances(page: InstancePageRequest) {
      instancePages.push(page)
      const instances = (options.instances ?? []).map(id => ({ InstanceId: id, Labels: [] }))
      return { instances, totalCount: instances.length, requestId: 'I' }
    },
    async listInstanceSnapshots(instanceId: string, page: SnapshotPageRequest) {
      calls.push(`List ${instanceId} at ${(clock.now() - START) / 1000}s`)
      const all = listed(instanceId, clock.now())
      const start = (page.pageNumber - 1) * page.pageSize
      return {
        snapshots: all.slice(start, start + page.pageSize),
        totalCount: all.length,
        requestId: 'L'
      }
    },
    async getInstanceSnapshot(instanceId: string, snapshotId: string) {
      calls.push(`Get ${snapshotId}`)
      const found = listed(instanceId, clock.now()).find(s => s.SnapshotId === snapshotId)
      if (!found) throw new Error(`unexpected GetInstanceSnapshot ${snapshotId}`)
      return { snapshot: found, requestId: 'G' }
    }
  })
  return { client, calls, instancePages }
}

async function check(client: PaiDswCalls, clock: VirtualClock, request: Partial<InstancesRequest>) {
  const info: string[] = []
  const tooOld: [string, number][] = []
  const outcomes = await checkInstances(
    {
      instances: { kind: 'ids', ids: ['dsw-1'] },
      snapshots: { kind: 'latest', filter: {}, maxAgeMs: 26 * HOUR },
      timeoutMs: 0,
      pollIntervalMs: 5000,
      maxPollIntervalMs: 30_000,
      notFoundTimeoutMs: 0,
      successStatuses: ['Saved'],
      failureStatuses: ['Failed'],
      ...request
    },
    {
      client,
      clock,
      random: () => 0,
      log: { info: m => info.push(m), warning: () => {}, debug: () => {} },
      onTooOld: (id, count) => tooOld.push([id, count])
    }
  )
  return { outcomes, info, tooOld }
}

describe('max-age with latest', () => {
  it('checks the newest snapshot when it is within max-age, and says how old it is', async () => {
    const clock = new VirtualClock(START)
    const { client } = service(clock, () => [snapshot('snp-new', 2 * HOUR)])
    const { outcomes, info, tooOld } = await check(client, clock, {})
    expect(outcomes).toMatchObject([{ result: 'success', snapshotId: 'snp-new' }])
    expect(info).toContain(
      `The latest snapshot of instance dsw-1 is snp-new; it was created 2h ago (${iso(START - 2 * HOUR)}), within max-age 1d2h`
    )
    expect(tooOld).toEqual([])
  })

  it('fails naming the instance, the newest snapshot, its age and the limit (timeout 0)', async () => {
    const clock = new VirtualClock(START)
    const { client, calls } = service(clock, () => [snapshot('snp-old', 3 * DAY)])
    const { outcomes, tooOld } = await check(client, clock, {})
    expect(outcomes).toEqual([
      expect.objectContaining({
        result: 'failure',
        instanceId: 'dsw-1',
        snapshotId: '',
        message:
          'Instance dsw-1 has no snapshot within max-age 1d2h: the newest, snp-old, was created ' +
          `3d ago (${iso(START - 3 * DAY)})`
      })
    ])
    expect(calls).toEqual(['List dsw-1 at 0s'])
    expect(tooOld).toEqual([['dsw-1', 1]])
  })

  it('measures ages on the server clock: a skew the client measured moves them', async () => {
    const clock = new VirtualClock(START)
    // 25 hours old by the runner's clock; the server is two hours ahead, so 27 hours old there.
    const { client } = service(clock, () => [snapshot('snp-1', 25 * HOUR)], {
      clockSkewMs: 2 * HOUR
    })
    const { outcomes } = await check(client, clock, {})
    expect(outcomes[0]).toMatchObject({ result: 'failure' })
    expect(outcomes[0]!.message).toContain('was created 1d3h ago')
  })

  it('counts a snapshot from the future as new', async () => {
    const clock = new VirtualClock(START)
    const { client } = service(clock, () => [snapshot('snp-1', -10 * 60_000)])
    const { outcomes } = await check(client, clock, {})
    expect(outcomes).toMatchObject([{ result: 'success', snapshotId: 'snp-1' }])
  })

  it('with a timeout, keeps looking on the poll schedule until one appears, then waits for it', async () => {
    const clock = new VirtualClock(START)
    // Another workflow starts a snapshot 40 s in; it is Saved 2 minutes later.
    const appears = START + 40_000
    const { client, calls } = service(clock, (_, now) => [
      ...(now >= appears
        ? [snapshot('snp-new', START - appears, now >= appears + 120_000 ? 'Saved' : 'Pushing')]
        : []),
      snapshot('snp-old', 2 * DAY)
    ])
    const { outcomes, info } = await check(client, clock, { timeoutMs: 30 * 60_000 })
    expect(outcomes).toMatchObject([{ result: 'success', snapshotId: 'snp-new' }])
    // Looks at 0, 5, 15, 35 and 65 s (5 s doubling to 30 s); waits for the snapshot it found.
    expect(calls.slice(0, 5)).toEqual([
      'List dsw-1 at 0s',
      'List dsw-1 at 5s',
      'List dsw-1 at 15s',
      'List dsw-1 at 35s',
      'List dsw-1 at 65s'
    ])
    expect(calls.slice(5).every(call => call === 'Get snp-new')).toBe(true)
    expect(clock.now() - appears).toBeGreaterThanOrEqual(120_000)
    expect(info.filter(line => line.includes('looking again'))).toHaveLength(4)
    expect(info[0]).toMatch(
      /^Attempt 1: Instance dsw-1 has no snapshot within max-age 1d2h: the newest, snp-old, was created 2d ago .* \(looking again\); retrying in 5s$/
    )
  })

  it('times out when none appears, saying what it saw', async () => {
    const clock = new VirtualClock(START)
    const { client, calls } = service(clock, () => [])
    const { outcomes } = await check(client, clock, { timeoutMs: 60_000 })
    expect(outcomes).toEqual([
      expect.objectContaining({
        result: 'timeout',
        message:
          'Instance dsw-1 has no snapshot within max-age 1d2h: it has no snapshot at all; no ' +
          'newer one appeared within the timeout (1m)'
      })
    ])
    // 0, 5, 15, 35 s, then the last look lands at the deadline.
    expect(calls.at(-1)).toBe('List dsw-1 at 60s')
    expect(clock.now()).toBe(START + 60_000)
  })

  it('is cancelled while looking', async () => {
    const clock = new VirtualClock(START)
    const controller = new AbortController()
    const { client } = service(clock, () => {
      controller.abort()
      return []
    })
    const outcomes = await checkInstances(
      {
        instances: { kind: 'ids', ids: ['dsw-1'] },
        snapshots: { kind: 'latest', filter: {}, maxAgeMs: HOUR },
        timeoutMs: 60_000,
        pollIntervalMs: 5000,
        maxPollIntervalMs: 30_000,
        notFoundTimeoutMs: 0,
        successStatuses: ['Saved'],
        failureStatuses: ['Failed']
      },
      {
        client,
        clock,
        random: () => 0,
        signal: controller.signal,
        log: { info: () => {}, warning: () => {}, debug: () => {} }
      }
    )
    expect(outcomes).toMatchObject([
      {
        result: 'cancelled',
        message: 'Cancelled after 0ms while looking for the latest snapshot of instance dsw-1'
      }
    ])
  })

  it('ends as the failure it was when its first look was never sent (the deadline had passed)', async () => {
    const clock = new VirtualClock(START)
    const notSent = new ApiError({
      operation: 'ListInstanceSnapshot',
      kind: 'network',
      code: NOT_SENT,
      serviceMessage: "not sent: the step's timeout (1m) had passed"
    })
    const client = fakePaiDsw({ listInstanceSnapshots: () => Promise.reject(notSent) })
    const { outcomes } = await check(client, clock, { timeoutMs: 60_000 })
    // No listing was read: nothing to say about the age of any snapshot.
    expect(outcomes).toMatchObject([
      {
        result: 'timeout',
        message: `Could not find the latest snapshot of instance dsw-1: ${notSent.message}`
      }
    ])
  })

  it('keeps the error for one instance that has no snapshot at all (timeout 0)', async () => {
    const clock = new VirtualClock(START)
    const { client } = service(clock, () => [])
    const { outcomes } = await check(client, clock, {})
    expect(outcomes).toMatchObject([
      { result: 'error', message: 'Instance dsw-1 has no snapshots: check instance-id' }
    ])
  })
})

describe('max-age with all', () => {
  it('checks only the snapshots within max-age: an old failure no longer fails the check', async () => {
    const clock = new VirtualClock(START)
    const { client } = service(clock, () => [
      snapshot('snp-3', HOUR),
      snapshot('snp-2', 20 * HOUR),
      snapshot('snp-1', 40 * DAY, 'Failed', { ReasonCode: 'PushFailed' })
    ])
    const { outcomes, info, tooOld } = await check(client, clock, {
      snapshots: { kind: 'all', filter: {}, maxAgeMs: 26 * HOUR }
    })
    expect(outcomes.map(o => [o.snapshotId, o.result])).toEqual([
      ['snp-3', 'success'],
      ['snp-2', 'success']
    ])
    expect(info).toContain(
      'Checking 2 snapshots of instance dsw-1 (1 snapshot older than max-age 1d2h left out)'
    )
    expect(tooOld).toEqual([['dsw-1', 1]])
  })

  it('fails as latest does when none is within max-age, counting every one left out', async () => {
    const clock = new VirtualClock(START)
    const { client } = service(clock, () => [
      snapshot('snp-2', 3 * DAY),
      snapshot('snp-1', 4 * DAY)
    ])
    const { outcomes, tooOld } = await check(client, clock, {
      snapshots: { kind: 'all', filter: {}, maxAgeMs: 2 * DAY }
    })
    expect(outcomes).toMatchObject([{ result: 'failure', snapshotId: '' }])
    expect(outcomes[0]!.message).toMatch(
      /^Instance dsw-1 has no snapshot within max-age 2d: the newest, snp-2, was created 3d ago/
    )
    expect(tooOld).toEqual([['dsw-1', 2]])
  })
})

describe('max-age with several instances', () => {
  it('judges each instance on its own: a stale one fails, naming it; the others pass', async () => {
    const clock = new VirtualClock(START)
    const { client } = service(
      clock,
      id =>
        id === 'dsw-stale'
          ? [snapshot('snp-s', 5 * DAY)]
          : id === 'dsw-empty'
            ? []
            : [snapshot(`snp-${id}`, HOUR)],
      { instances: ['dsw-ok', 'dsw-stale', 'dsw-empty'] }
    )
    const { outcomes } = await check(client, clock, {
      instances: { kind: 'all', filter: { labels: {} } },
      snapshots: { kind: 'all', filter: {}, maxAgeMs: 26 * HOUR }
    })
    expect(outcomes.map(o => [o.instanceId, o.result, o.snapshotId])).toEqual([
      ['dsw-ok', 'success', 'snp-dsw-ok'],
      ['dsw-stale', 'failure', ''],
      ['dsw-empty', 'failure', '']
    ])
    expect(outcomes[1]!.message).toMatch(
      /^Instance dsw-stale has no snapshot within max-age 1d2h: the newest, snp-s, was created 5d ago/
    )
    expect(outcomes[2]!.message).toBe(
      'Instance dsw-empty has no snapshot within max-age 1d2h: it has no snapshot at all'
    )
  })
})

describe('ListInstances filters on the server', () => {
  const labels = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]))

  it.each([
    [1, 1],
    [4, 4],
    [5, 4]
  ])('with %p instance labels, sends the first %p as Labels', async (count, sent) => {
    const clock = new VirtualClock(START)
    const { client, instancePages } = service(clock, () => [], { instances: [] })
    await check(client, clock, {
      instances: { kind: 'all', filter: { labels: labels(count), namePrefix: 'train-' } },
      snapshots: { kind: 'latest', filter: {} }
    })
    expect(instancePages).toHaveLength(1)
    expect(instancePages[0]!.labels).toEqual(labels(sent))
  })

  it('still filters exactly what the server returns (a server that ignores Labels)', async () => {
    const clock = new VirtualClock(START)
    const { client } = service(clock, () => [snapshot('snp-1', HOUR)], { instances: ['dsw-a'] })
    const { outcomes } = await check(client, clock, {
      instances: { kind: 'all', filter: { labels: { team: 'ml' } } },
      snapshots: { kind: 'latest', filter: {} }
    })
    // dsw-a carries no label: it is not checked, and the step says no instance matched.
    expect(outcomes).toMatchObject([{ result: 'error' }])
    expect(outcomes[0]!.message).toMatch(/^No instance in the default workspace labelled team=ml/)
  })
})
