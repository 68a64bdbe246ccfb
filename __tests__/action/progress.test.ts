// A wait people can watch (issue 17): progress lines on the virtual clock, folded per-snapshot lines.
import { describe, expect, it } from '@jest/globals'
import type { SnapshotPageRequest } from '../../src/aliyun/pai-dsw-client.js'
import type { Snapshot } from '../../src/aliyun/snapshot.js'
import type { InstancesRequest } from '../../src/check/instances.js'
import { Deadline } from '../../src/polling/deadline.js'
import { StepProgress, checkInstancesWatched } from '../../src/action/progress.js'
import { MAX_SILENCE_MS, progressInterval } from '../../src/action/github-limits.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { fakePaiDsw } from '../helpers/fake-pai-dsw.js'

const MINUTE = 60_000

/** Statuses over time: `[['Committing', 0], ['Pushing', 34_000], ['Saved', 118_000]]`. */
type Timeline = [status: string, fromMs: number][]

function statusAt(timeline: Timeline, ms: number): string {
  return timeline.filter(([, from]) => from <= ms).at(-1)![0]
}

/** A service whose snapshots of dsw-1 follow their timelines on `clock`; it counts requests. */
function service(clock: VirtualClock, timelines: Record<string, Timeline>) {
  const polls: number[] = []
  const snapshot = (id: string): Snapshot => ({
    SnapshotId: id,
    InstanceId: 'dsw-1',
    Status: statusAt(timelines[id]!, clock.now()),
    ImageUrl: `registry.example.com/team/${id}:v1`
  })
  const client = fakePaiDsw({
    clockSkewMs: 0,
    get requestCount() {
      return polls.length
    },
    async getInstanceSnapshot(_instanceId: string, id: string) {
      polls.push(clock.now())
      return { snapshot: snapshot(id), requestId: `G${polls.length}` }
    },
    async listInstanceSnapshots(_instanceId: string, page: SnapshotPageRequest) {
      polls.push(clock.now())
      const all = Object.keys(timelines).map(snapshot)
      const start = (page.pageNumber - 1) * page.pageSize
      const snapshots = all.slice(start, start + page.pageSize)
      return { snapshots, totalCount: all.length, requestId: `L${polls.length}` }
    }
  })
  return { client, polls }
}

interface Line {
  at: number
  kind: 'info' | 'debug' | 'group'
  text: string
  folded?: readonly string[]
}

async function watch(timelines: Record<string, Timeline>, request: Partial<InstancesRequest> = {}) {
  const clock = new VirtualClock()
  const { client, polls } = service(clock, timelines)
  const lines: Line[] = []
  const push = (kind: Line['kind'], text: string, folded?: readonly string[]) =>
    lines.push({ at: clock.now(), kind, text, ...(folded ? { folded } : {}) })
  const outcomes = await checkInstancesWatched(
    {
      instances: { kind: 'ids', ids: ['dsw-1'] },
      snapshots: { kind: 'ids', ids: Object.keys(timelines) },
      timeoutMs: 30 * MINUTE,
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
      log: {
        info: text => push('info', text),
        debug: text => push('debug', text),
        warning: text => push('info', `warning ${text}`),
        group: (title: string, folded: readonly string[]) => push('group', title, folded)
      }
    }
  )
  const visible = lines.filter(l => l.kind !== 'debug')
  return { outcomes, lines, visible, polls }
}

/** The longest time between two visible lines, from the start of the wait to its end. */
function longestSilence(visible: readonly Line[], endedAt: number): number {
  const times = [0, ...visible.map(l => l.at), endedAt]
  return Math.max(...times.slice(1).map((t, i) => t - times[i]!))
}

describe('progress lines', () => {
  it('tells a long push at least once a minute: status, time waited, requests, time left', async () => {
    // The example: Pushing from 34 s, Saved at 20 minutes: status changes alone would
    // leave 19 silent minutes.
    const { outcomes, visible, polls } = await watch({
      'snp-1': [
        ['Committing', 0],
        ['Pushing', 34_000],
        ['Saved', 20 * MINUTE]
      ]
    })
    expect(outcomes[0]!.result).toBe('success')
    expect(longestSilence(visible, polls.at(-1)!)).toBeLessThanOrEqual(MAX_SILENCE_MS)
    const progress = visible.filter(l => l.text.includes('is still Pushing'))
    expect(progress.length).toBeGreaterThanOrEqual(19)
    // The first one at the first poll 30 s (6 poll-intervals) or more after the wait began.
    expect(progress[0]!.text).toBe(
      '[35s] Snapshot snp-1 of instance dsw-1 is still Pushing (4 requests so far, 29m25s left)'
    )
    // Per-poll detail stays at debug level: far fewer visible lines than polls.
    expect(visible.length).toBeLessThan(polls.length + 5)
  })

  it('wakes a long sleep to report, without moving a single poll', async () => {
    const timelines: Record<string, Timeline> = {
      'snp-1': [
        ['Pushing', 0],
        ['Saved', 30 * MINUTE]
      ]
    }
    const slow = { maxPollIntervalMs: 10 * MINUTE, timeoutMs: 40 * MINUTE }
    const { visible, polls } = await watch(timelines, slow)
    // Polls 10 minutes apart, yet never more than a minute without a line.
    expect(Math.max(...polls.slice(1).map((t, i) => t - polls[i]!))).toBe(10 * MINUTE)
    expect(longestSilence(visible, polls.at(-1)!)).toBeLessThanOrEqual(MAX_SILENCE_MS)
    expect(visible.filter(l => l.text.includes('is still Pushing')).length).toBeGreaterThan(25)
    // The polls are where the schedule alone puts them: 0, 5 s, 15 s, 35 s, … doubling to 10m.
    expect(polls.slice(0, 5)).toEqual([0, 5000, 15_000, 35_000, 75_000])
  })

  it('counts several snapshots by result and status, and folds the per-snapshot lines', async () => {
    const all = { snapshots: { kind: 'all' as const, filter: {} } }
    const { visible } = await watch(
      {
        'snp-a': [['Saved', 0]],
        'snp-b': [
          ['Pushing', 0],
          ['Failed', 5 * MINUTE]
        ],
        'snp-c': [
          ['Committing', 0],
          ['Pushing', 90_000],
          ['Saved', 8 * MINUTE]
        ]
      },
      all
    )
    const first = visible.find(l => l.text.startsWith('[35s]'))!
    expect(first.text).toBe(
      '[35s] 1 of 3 snapshots settled (1 succeeded); 2 still waiting (1 Pushing, 1 Committing) ' +
        '(4 requests so far, 29m25s left)'
    )
    // Lines about one snapshot are folded: a group before the progress line holds them.
    const groups = visible.filter(l => l.kind === 'group')
    expect(groups[0]!.folded).toEqual([
      'Checking 3 snapshots of instance dsw-1',
      '[0ms] snapshot snp-a of instance dsw-1: Saved',
      '[0ms] snapshot snp-b of instance dsw-1: Pushing',
      '[0ms] snapshot snp-c of instance dsw-1: Committing'
    ])
    expect(visible.every(l => l.kind === 'group' || !l.text.includes('snapshot snp-'))).toBe(true)
    expect(visible.at(-1)!.text).toMatch(
      /^Checked 3 snapshots: 2 succeeded, 1 failed \(\d+ requests in 8m\d+s\)$/
    )
  })

  it('says nothing more than it must for a short wait of one snapshot', async () => {
    const { visible } = await watch({ 'snp-1': [['Saved', 0]] })
    expect(visible.map(l => l.text)).toEqual(['[0ms] snapshot snp-1 of instance dsw-1: Saved'])
  })
})

describe('StepProgress', () => {
  /** A step's progress on the virtual clock; `grouped: false` is a log that cannot fold lines. */
  function progress(several: boolean, { grouped = true, requests = 1 } = {}) {
    const clock = new VirtualClock()
    const lines: string[] = []
    const groups: [string, readonly string[]][] = []
    const info = (l: string) => lines.push(l)
    const group = (t: string, folded: readonly string[]) => groups.push([t, folded])
    const step = new StepProgress({
      clock,
      deadline: Deadline.start(clock, 10 * MINUTE),
      log: grouped ? { info, group } : { info },
      requests: () => requests,
      pollIntervalMs: 5000,
      several
    })
    return { clock, lines, groups, step }
  }

  it('reports every 6 poll-intervals, at least every 10 s and at most every 30 s', () => {
    expect(progressInterval(5000)).toBe(30_000)
    expect(progressInterval(3000)).toBe(18_000)
    expect(progressInterval(1000)).toBe(10_000)
    expect(progressInterval(50)).toBe(10_000)
    expect(progressInterval(60_000)).toBe(30_000)
  })

  it('keeps a bounded number of folded lines, counting the rest', () => {
    const { clock, groups, step } = progress(true)
    for (let i = 0; i < 1005; i++) step.detail(`line ${i}`)
    clock.time = 30_000
    step.tick()
    expect(groups).toHaveLength(1)
    expect(groups[0]![0]).toBe('Status of each snapshot: 1,000 lines (5 more not shown)')
    expect(groups[0]![1]).toHaveLength(1000)
  })

  it('names a few statuses (cut short) and counts the rest together', () => {
    const { clock, lines, step } = progress(true)
    for (let i = 0; i < 6; i++) {
      step.track({ subject: `snapshot s${i}`, lastSnapshot: { Status: `${'X'.repeat(60)}${i}` } })
    }
    clock.time = 30_000
    step.tick()
    expect(lines[0]).toContain('0 of 6 snapshots settled; 6 still waiting (1 XXXX')
    expect(lines[0]).toContain('(21 more characters cut)')
    expect(lines[0]).toContain(', 2 other)')
  })

  it('names the largest counts first, four of them, and counts the rest as other', () => {
    const { clock, lines, step } = progress(true)
    const counts = { A: 1, B: 3, C: 2, D: 5, E: 4, F: 1 }
    for (const [status, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++) step.track({ subject: 's', lastSnapshot: { Status: status } })
    }
    clock.time = 30_000
    step.tick()
    expect(lines).toEqual([
      '[30s] 0 of 16 snapshots settled; 16 still waiting (5 D, 4 E, 3 B, 2 C, 2 other) ' +
        '(1 request so far, 9m30s left)'
    ])
  })

  it('counts snapshots without a status, and says nothing of waiting once all settled', () => {
    const waiting = progress(true)
    waiting.step.track({ subject: 's1' })
    const settled = progress(true)
    settled.step.track({ subject: 's2', outcome: { result: 'success' } })
    for (const { clock, step } of [waiting, settled]) {
      clock.time = 30_000
      step.tick()
    }
    expect([...waiting.lines, ...settled.lines]).toEqual([
      '[30s] 0 of 1 snapshot settled; 1 still waiting (1 no status yet) (1 request so far, 9m30s left)',
      '[30s] 1 of 1 snapshot settled (1 succeeded) (1 request so far, 9m30s left)'
    ])
  })

  it('waits a whole interval after each line before the next', () => {
    const { clock, lines, step } = progress(false)
    clock.time = 30_000
    step.tick()
    clock.time = 31_000
    step.tick()
    clock.time = 56_000
    step.tick()
    expect(lines).toHaveLength(1)
    clock.time = 57_000
    step.tick()
    expect(lines).toHaveLength(2)
  })

  it('follows the snapshot still waiting, else the last one, and says when it has no status', () => {
    const { clock, lines, step } = progress(false)
    step.track({ subject: 'snapshot s1', outcome: { result: 'success' }, lastSnapshot: {} })
    step.track({ subject: 'snapshot s2', lastSnapshot: {} })
    step.track({ subject: 'snapshot s3', outcome: { result: 'failure' }, lastSnapshot: {} })
    clock.time = 30_000
    step.tick()
    expect(lines.at(-1)).toBe('[30s] Snapshot s2 has no status yet (1 request so far, 9m30s left)')
  })

  it('names the last snapshot when every one has settled', () => {
    const { clock, lines, step } = progress(false)
    step.track({ subject: 'snapshot s1', outcome: { result: 'success' }, lastSnapshot: {} })
    step.track({ subject: 'snapshot s2', outcome: { result: 'success' }, lastSnapshot: {} })
    step.track({ subject: 'snapshot s3', outcome: { result: 'success' }, lastSnapshot: {} })
    clock.time = 30_000
    step.tick()
    expect(lines.at(-1)).toMatch(/^\[30s\] Snapshot s3 /)
  })

  it('never folds a line about the whole step', () => {
    const { lines, groups, step } = progress(true)
    step.notice('Checking 2 instances')
    expect(lines).toEqual(['Checking 2 instances'])
    expect(groups).toEqual([])
  })

  it('ends with the lines still folded, then the totals, each snapshot that ended counted', () => {
    const { lines, groups, step } = progress(true)
    step.track({ subject: 's1', outcome: { result: 'success' } })
    step.track({ subject: 's2' })
    step.detail('s1: Saved')
    step.finish()
    expect(groups).toEqual([['Status of each snapshot: 1 line', ['s1: Saved']]])
    expect(lines).toEqual(['Checked 2 snapshots: 1 succeeded, 1 ended (1 request in 0ms)'])
  })

  it('folds each line once, and writes them plainly to a log without groups', () => {
    const { clock, lines, step } = progress(true, { grouped: false, requests: 2 })
    step.track({ subject: 's1', outcome: { result: 'failure' } })
    step.detail('first')
    clock.time = 30_000
    step.tick()
    step.detail('second')
    step.finish()
    expect(lines).toEqual([
      'first',
      '[30s] 1 of 1 snapshot settled (1 failed) (2 requests so far, 9m30s left)',
      'second',
      'Checked 1 snapshot: 1 failed (2 requests in 30s)'
    ])
  })

  it('says what it is doing before any snapshot is known', () => {
    const one = progress(false)
    one.clock.time = 30_000
    one.step.tick()
    expect(one.lines).toEqual([
      '[30s] Still finding the snapshot to wait for (1 request so far, 9m30s left)'
    ])
  })

  it('takes a poll up to 10% early (the jitter) for the one due, but not an earlier one', () => {
    const { clock, lines, step } = progress(true)
    clock.time = 26_999
    step.tick()
    expect(lines).toEqual([])
    clock.time = 27_000
    step.tick()
    expect(lines).toEqual([
      '[27s] Still finding the snapshots to check (1 request so far, 9m33s left)'
    ])
    // The next one is due 27 s after this one, and a sleeping loop wakes a minute after it.
    expect(step.dueAt).toBe(87_000)
  })
})
