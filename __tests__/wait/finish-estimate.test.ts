import { describe, expect, it } from '@jest/globals'
import { type FinishWindow, PollSchedule, pollDelay } from '../../src/wait/backoff.js'
import {
  MAX_HISTORY_SAMPLES,
  MIN_HISTORY_SAMPLES,
  estimateFinish,
  pastDurations
} from '../../src/wait/finish-estimate.js'
import { finishPredictor, once } from '../../src/wait/history-prediction.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

const MIN = 60_000
const T0 = Date.UTC(2026, 11, 1)
const iso = (ms: number) => new Date(T0 + ms).toISOString()

/** A past snapshot created at `startMs` (after T0) that took `tookMs`. */
const past = (id: string, startMs: number, tookMs: number, status = 'Saved') => ({
  SnapshotId: id,
  Status: status,
  GmtCreateTime: iso(startMs),
  GmtModifiedTime: iso(startMs + tookMs)
})

describe('pastDurations', () => {
  it('takes Saved snapshots other than the one waited for, newest first, at most 20', () => {
    const history = [
      past('snp-now', 0, 1, 'Pushing'),
      past('snp-f', -60 * MIN, 2 * MIN, 'Failed'),
      past('snp-a', -120 * MIN, 14 * MIN),
      past('snp-b', -180 * MIN, 16 * MIN, 'saved'),
      { SnapshotId: 'snp-c', Status: 'Saved', GmtCreateTime: iso(0) },
      past('snp-d', -240 * MIN, -1),
      ...Array.from({ length: 30 }, (_, i) => past(`snp-x${i}`, -(300 + i) * MIN, 15 * MIN))
    ]
    const durations = pastDurations(history, ['Saved'], 'snp-now')
    expect(durations.slice(0, 3)).toEqual([14 * MIN, 16 * MIN, 15 * MIN])
    expect(durations).toHaveLength(MAX_HISTORY_SAMPLES)
    expect(pastDurations([past('snp-now', 0, MIN)], ['Saved'], 'snp-now')).toEqual([])
  })
})

describe('estimateFinish', () => {
  it(`needs ${MIN_HISTORY_SAMPLES} samples`, () => {
    expect(
      estimateFinish(
        [15, 15, 15, 15].map(m => m * MIN),
        5000
      )
    ).toBeUndefined()
    expect(
      estimateFinish(
        [15, 15, 15, 15, 15].map(m => m * MIN),
        5000
      )
    ).toBeDefined()
  })

  it('centres on the median, ± 2.5 standard errors, at least ± the minimum', () => {
    const estimate = estimateFinish(
      [14, 15, 16, 15, 14, 16, 15, 15].map(m => m * MIN),
      5000
    )!
    expect(estimate.medianMs).toBe(15 * MIN)
    expect(estimate).toMatchObject({ samples: 8, shortestMs: 14 * MIN, longestMs: 16 * MIN })
    // MAD 0.5 min → deviation 0.74 min; standard error 1.2533 × 0.74 / √8 = 0.33 min.
    expect(estimate.toMs - estimate.medianMs).toBeCloseTo(2.5 * 0.3286 * MIN, -2)
    expect(estimate.medianMs - estimate.fromMs).toBeCloseTo(estimate.toMs - estimate.medianMs, 5)
    const same = estimateFinish(Array(6).fill(10 * MIN), 5000)!
    expect([same.fromMs, same.toMs]).toEqual([10 * MIN - 5000, 10 * MIN + 5000])
  })

  it('leaves out outliers', () => {
    const estimate = estimateFinish(
      [15, 15.5, 14.5, 15, 15.2, 90, 1].map(m => m * MIN),
      5000
    )!
    expect(estimate.samples).toBe(5)
    expect(estimate.longestMs).toBe(15.5 * MIN)
  })

  it('refuses history spread too wide to predict from', () => {
    expect(
      estimateFinish(
        [5, 10, 15, 20, 25, 30].map(m => m * MIN),
        5000
      )
    ).toBeUndefined()
  })
})

describe('PollSchedule', () => {
  const policy = { initialMs: 5000, maxMs: 30_000 }

  /** The poll times of a schedule over `untilMs`, polling whenever it says. */
  function pollTimes(window: FinishWindow | undefined, untilMs: number, random = () => 0) {
    const schedule = new PollSchedule(policy, random, 0)
    const times: number[] = []
    for (let now = 0; now <= untilMs; now += schedule.delayAfterPoll(now, window)) times.push(now)
    return times
  }

  it('without a window is the usual schedule: pollDelay after each poll', () => {
    const random = () => 0.5
    const times = pollTimes(undefined, 200_000, random)
    const expected = [0]
    for (let n = 1; expected.at(-1)! <= 200_000; n++)
      expected.push(expected.at(-1)! + pollDelay(policy, n, random))
    expect(times).toEqual(expected.slice(0, -1))
  })

  it('adds a poll at the window start and one every poll-interval inside it, and only adds', () => {
    const window = { fromMs: 600_000, toMs: 620_000 }
    const usual = pollTimes(undefined, 800_000)
    const times = pollTimes(window, 800_000)
    expect(times.filter(t => t >= 600_000 && t <= 620_000)).toEqual(
      [
        ...new Set([
          600_000,
          605_000,
          610_000,
          615_000,
          620_000,
          ...usual.filter(t => t >= 600_000 && t <= 620_000)
        ])
      ].sort((a, b) => a - b)
    )
    // Every usual poll still happens, so no gap is ever longer than the usual one, and after the
    // window the polls fall exactly where the usual schedule puts them.
    expect(usual.every(t => times.includes(t))).toBe(true)
    expect(times.filter(t => t > 620_000)).toEqual(usual.filter(t => t > 620_000))
  })

  it('ignores a window already over', () => {
    expect(pollTimes({ fromMs: -20_000, toMs: -1 }, 300_000)).toEqual(pollTimes(undefined, 300_000))
  })
})

describe('finishPredictor', () => {
  const HISTORY = [14, 15, 16, 15, 15, 14.5].map((m, i) =>
    past(`snp-${i}`, -(i + 1) * 60 * MIN, m * MIN)
  )

  function predictor(history: () => Promise<readonly object[]>, clockSkewMs = 0) {
    const log = { info: [] as string[], debug: [] as string[] }
    const predict = finishPredictor({
      instanceId: 'dsw-1',
      history: history as never,
      successStatuses: ['Saved'],
      pollIntervalMs: 5000,
      clock: new VirtualClock(T0),
      clockSkewMs: () => clockSkewMs,
      log: { info: m => log.info.push(m), warning: () => {}, debug: m => log.debug.push(m) }
    })
    return { predict, log }
  }

  it('places the window after the snapshot was created, on the runner clock, and says so', async () => {
    const { predict, log } = predictor(async () => HISTORY, 2 * MIN)
    const window = await predict({ SnapshotId: 'snp-now', GmtCreateTime: iso(3 * MIN) })
    expect(window).toBeDefined()
    // Created at T0 + 3 min on the server = T0 + 1 min here; the median past duration is 15 min.
    expect((window!.fromMs + window!.toMs) / 2).toBeCloseTo(T0 + 16 * MIN, -3)
    expect(log.info).toHaveLength(1)
    expect(log.info[0]).toMatch(
      /^The last 6 snapshots of instance dsw-1 took 14m–16m; checking every 5s from 14m\d+s to 15m\d+s after snp-now was created$/
    )
  })

  it('predicts nothing without a creation time, readable history or enough samples', async () => {
    const broken = predictor(async () => {
      throw new Error('Forbidden.RAM')
    })
    expect(await broken.predict({ SnapshotId: 'snp-now', GmtCreateTime: iso(0) })).toBeUndefined()
    expect(broken.log.debug[0]).toContain('could not be read (Forbidden.RAM)')
    const short = predictor(async () => HISTORY.slice(0, 3))
    expect(await short.predict({ SnapshotId: 'snp-now', GmtCreateTime: iso(0) })).toBeUndefined()
    expect(short.log.debug[0]).toContain(
      '3 past durations of instance dsw-1 are too few or too spread'
    )
    const undated = predictor(async () => HISTORY)
    expect(await undated.predict({ SnapshotId: 'snp-now' })).toBeUndefined()
    expect(undated.log.info).toEqual([])
  })

  it('reads the history once for every caller', async () => {
    let reads = 0
    const read = once(async () => ++reads)
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1])
  })
})
