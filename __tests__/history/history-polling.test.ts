// History-aware polling through checkSnapshots on the virtual clock: where the polls go, what it
// costs in requests, and that a wrong prediction falls back to the usual schedule.
import { describe, expect, it } from '@jest/globals'
import type {
  CallLimit,
  PaiDswCalls,
  SnapshotPageRequest
} from '../../src/aliyun/pai-dsw-client.js'
import { type SnapshotSelection, checkSnapshots } from '../../src/check/instance-check.js'
import { Deadline } from '../../src/polling/deadline.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { fakePaiDsw } from '../helpers/fake-pai-dsw.js'

const MIN = 60_000
const T0 = Date.UTC(2026, 11, 1)
const iso = (ms: number) => new Date(T0 + ms).toISOString()

/** Eight past snapshots of 14–16 minutes; the one waited for was created at T0, finishes at `finishMs`. */
function service(
  clock: VirtualClock,
  finishMs: number,
  pastMinutes = [15, 14, 16, 15, 15, 14.5, 15.5, 15]
) {
  const calls: string[] = []
  const current = () => ({
    SnapshotId: 'snp-now',
    Status: clock.now() - T0 >= finishMs ? 'Saved' : 'Pushing',
    ImageUrl: 'registry.example.com/team/env:v1',
    GmtCreateTime: iso(0),
    GmtModifiedTime: iso(Math.min(clock.now() - T0, finishMs))
  })
  const history = pastMinutes.map((m, i) => ({
    SnapshotId: `snp-${i}`,
    Status: 'Saved',
    GmtCreateTime: iso(-(i + 1) * 60 * MIN),
    GmtModifiedTime: iso(-(i + 1) * 60 * MIN + m * MIN)
  }))
  const client = fakePaiDsw({
    clockSkewMs: 0,
    async listInstanceSnapshots(_: string, page: SnapshotPageRequest) {
      calls.push(`List size ${page.pageSize}`)
      const all = [current(), ...history]
      return { snapshots: all.slice(0, page.pageSize), totalCount: all.length, requestId: 'L' }
    },
    async getInstanceSnapshot() {
      calls.push(`Get at ${(clock.now() - T0) / 1000}s`)
      return { snapshot: current(), requestId: 'G' }
    }
  })
  return { client, calls }
}

async function wait(
  client: PaiDswCalls,
  clock: VirtualClock,
  selection: SnapshotSelection,
  historyAwarePolling = true,
  deadline = Deadline.start(clock, 60 * MIN)
) {
  const info: string[] = []
  const [outcome] = await checkSnapshots(
    {
      instanceId: 'dsw-1',
      snapshots: selection,
      deadline,
      pollIntervalMs: 5000,
      maxPollIntervalMs: 30_000,
      notFoundTimeoutMs: 0,
      successStatuses: ['Saved'],
      failureStatuses: ['Failed'],
      historyAwarePolling
    },
    {
      client,
      clock,
      random: () => 0,
      log: { info: m => info.push(m), warning: () => {}, debug: () => {} }
    }
  )
  return { outcome: outcome!, info, detectedAfterMs: clock.now() - T0 }
}

const ids: SnapshotSelection = { kind: 'ids', ids: ['snp-now'] }
const gets = (calls: string[]) => calls.filter(c => c.startsWith('Get'))

describe('history-aware polling', () => {
  it('notices a snapshot that finishes as predicted within poll-interval, for one listing request', async () => {
    const clock = new VirtualClock(T0)
    const { client, calls } = service(clock, 15 * MIN + 6000)
    const { outcome, info, detectedAfterMs } = await wait(client, clock, ids)
    expect(outcome.result).toBe('success')
    expect(detectedAfterMs - (15 * MIN + 6000)).toBeLessThanOrEqual(5000)
    expect(calls.filter(c => c.startsWith('List'))).toEqual(['List size 50'])
    expect(
      info.filter(l => l.startsWith('The last 8 snapshots of instance dsw-1 took 14m–16m'))
    ).toHaveLength(1)

    const usualClock = new VirtualClock(T0)
    const usual = service(usualClock, 15 * MIN + 6000)
    const without = await wait(usual.client, usualClock, ids, false)
    // The usual schedule polls every 30 s by then: it notices later, and reads no history.
    expect(without.detectedAfterMs).toBeGreaterThan(detectedAfterMs)
    expect(usual.calls.some(c => c.startsWith('List'))).toBe(false)
  })

  it('falls back to the usual schedule when the snapshot takes twice as long', async () => {
    const clock = new VirtualClock(T0)
    const { client, calls } = service(clock, 30 * MIN + 1000)
    const { outcome } = await wait(client, clock, ids)
    expect(outcome.result).toBe('success')
    const times = gets(calls).map(c => Number(/at ([\d.]+)s/.exec(c)![1]))
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    // After the window (about 13.5–16.7 min), the delays are the usual 30 s again.
    const late = gaps.filter((_, i) => times[i + 1]! > 17.5 * 60)
    expect(late.length).toBeGreaterThan(20)
    expect(late.every(gap => gap === 30)).toBe(true)
    // Never a delay longer than max-poll-interval.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30)
  })

  it('reads no history for a snapshot already settled at the first poll', async () => {
    const clock = new VirtualClock(T0 + 20 * MIN)
    const { client, calls } = service(clock, 15 * MIN)
    const { outcome } = await wait(client, clock, ids)
    expect(outcome.result).toBe('success')
    expect(calls).toEqual(['Get at 1200s'])
  })

  it('with latest, takes the history from the listing it reads anyway', async () => {
    const clock = new VirtualClock(T0)
    const { client, calls } = service(clock, 15 * MIN + 6000)
    const { outcome, detectedAfterMs } = await wait(client, clock, { kind: 'latest', filter: {} })
    expect(outcome).toMatchObject({ result: 'success', snapshotId: 'snp-now' })
    expect(calls.filter(c => c.startsWith('List'))).toEqual(['List size 50'])
    expect(detectedAfterMs - (15 * MIN + 6000)).toBeLessThanOrEqual(5000)
  })

  it('predicts nothing from noisy history: the usual schedule', async () => {
    const clock = new VirtualClock(T0)
    const { client, calls } = service(clock, 15 * MIN, [5, 25, 10, 30, 15, 20, 8, 28])
    const { info } = await wait(client, clock, ids)
    expect(info.some(l => l.startsWith('The last'))).toBe(false)
    const times = gets(calls).map(c => Number(/at ([\d.]+)s/.exec(c)![1]))
    expect(times.slice(0, 6)).toEqual([0, 5, 15, 35, 65, 95])
  })

  /** The service, but its history read (ListInstanceSnapshot) never answers; its bounds are kept. */
  function hangingHistory(clock: VirtualClock, finishMs: number) {
    const { client, calls } = service(clock, finishMs)
    const limits: (CallLimit | undefined)[] = []
    const hanging = Object.assign(Object.create(client) as PaiDswCalls, {
      listInstanceSnapshots: (_id: string, _page: SnapshotPageRequest, limit?: CallLimit) => {
        calls.push(`List at ${(clock.now() - T0) / 1000}s`)
        limits.push(limit)
        return new Promise<never>(() => {})
      }
    })
    return { client: hanging, calls, limits }
  }

  it('never holds back a verdict: a history read that never answers leaves the polls going', async () => {
    const clock = new VirtualClock(T0)
    const { client, calls } = hangingHistory(clock, 5000)
    const { outcome, detectedAfterMs } = await wait(client, clock, ids)
    expect(outcome).toMatchObject({ result: 'success', status: 'Saved' })
    // The usual schedule: Saved at the second poll, 5 s in, as without the history.
    expect(detectedAfterMs).toBe(5000)
    expect(calls).toEqual(['Get at 0s', 'List at 0s', 'Get at 5s'])
  })

  it('gives the history read at most the time the step has left', async () => {
    const clock = new VirtualClock(T0 - 10_000)
    const deadline = Deadline.start(clock, 40_000)
    clock.time = T0
    const { client, limits } = hangingHistory(clock, 5000)
    await wait(client, clock, ids, true, deadline)
    expect(limits).toEqual([{ timeoutMs: 30_000 }])
  })

  it('reads no history when checking once (timeout 0): no poll would use it', async () => {
    const clock = new VirtualClock(T0)
    const { client, calls } = hangingHistory(clock, 5000)
    const { outcome } = await wait(client, clock, ids, true, Deadline.start(clock, 0))
    expect(outcome.result).toBe('timeout')
    expect(calls).toEqual(['Get at 0s'])
  })
})
