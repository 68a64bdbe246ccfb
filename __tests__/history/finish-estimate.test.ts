import { describe, expect, it } from '@jest/globals'
import { type FinishWindow, PollSchedule, pollDelay } from '../../src/polling/schedule.js'
import { normalDraw, seededRandom } from '../../bench/seeded-random.mjs'
import {
  AIMED_COVERAGE,
  type FinishEstimate,
  MAX_HISTORY_SAMPLES,
  MAX_RELATIVE_SPREAD,
  MIN_HISTORY_SAMPLES,
  MIN_SCREENED_SAMPLES,
  MIN_TREND_SAMPLES,
  estimateFinish,
  pastDurations
} from '../../src/history/finish-estimate.js'
import { finishPredictor, once } from '../../src/history/prediction.js'
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

/** The estimate, failing the test on a refusal. */
function estimate(durations: readonly number[], minHalfWidthMs = 0): FinishEstimate {
  const answer = estimateFinish(durations, minHalfWidthMs)
  if ('refused' in answer) throw new Error(`refused: ${answer.refused}`)
  return answer
}

/** Durations of `n` snapshots, newest first; `draw(k)` is the one `k` snapshots before the next. */
const series = (n: number, draw: (k: number) => number) =>
  Array.from({ length: n }, (_, i) => draw(i + 1))

/**
 * Over `trials` seeded histories of `n` past durations, the share of fresh draws (the next
 * snapshot, independent of them) inside the window, and how often the history was refused.
 */
function coverage(n: number, draw: (k: number, random: () => number) => number, trials = 8000) {
  const random = seededRandom(n * 1000 + 17)
  let inside = 0
  let refused = 0
  for (let t = 0; t < trials; t++) {
    const answer = estimateFinish(
      series(n, k => draw(k, random)),
      0
    )
    const next = draw(0, random)
    if ('refused' in answer) refused++
    else if (next >= answer.fromMs && next <= answer.toMs) inside++
  }
  return { covered: inside / (trials - refused), refused: refused / trials }
}

const D = 15 * MIN
const logNormal = (sigma: number) => (_: number, random: () => number) =>
  D * Math.exp(sigma * normalDraw(random))
const normal = (sigma: number) => (_: number, random: () => number) =>
  D * (1 + sigma * normalDraw(random))
const uniform = (share: number) => (_: number, random: () => number) =>
  D * (1 - share + 2 * share * random())
/** Each snapshot 1% longer than the one before, ±10% around that. */
const drifting = (k: number, random: () => number) => D * 1.01 ** -k * (0.9 + 0.2 * random())

describe('estimateFinish', () => {
  it(`needs ${MIN_HISTORY_SAMPLES} samples, and says so`, () => {
    expect(estimateFinish(Array(4).fill(15 * MIN), 5000)).toEqual({
      refused: 'too few past durations to predict from (4; 5 needed)'
    })
    expect(estimateFinish(Array(5).fill(15 * MIN), 5000)).not.toHaveProperty('refused')
  })

  it.each([5, 8, 12, 16, 20])(
    'holds at least 95%% of next durations (fresh draws) from %i past ones, as README says',
    n => {
      expect(AIMED_COVERAGE).toBe(0.95)
      for (const draw of [logNormal(0.08), uniform(0.1), normal(0.08)]) {
        const { covered, refused } = coverage(n, draw)
        expect(refused).toBeLessThan(0.02)
        expect(covered).toBeGreaterThanOrEqual(AIMED_COVERAGE)
      }
    }
  )

  it('is a window for the next duration, not for the median: wider than the median is known', () => {
    const random = seededRandom(3)
    const past = series(20, () => uniform(0.1)(0, random))
    const window = estimate(past)
    // ±10% around 15 min: the next one falls anywhere in 13.5–16.5 min; the window holds most of it.
    expect(window.fromMs).toBeLessThan(13.8 * MIN)
    expect(window.toMs).toBeGreaterThan(16.2 * MIN)
    expect(window.toMs - window.fromMs).toBeLessThan(4.5 * MIN)
  })

  it('is wider from few samples than from many of the same spread', () => {
    const width = (n: number) => {
      const random = seededRandom(11)
      const widths = []
      for (let t = 0; t < 2000; t++) {
        const window = estimateFinish(
          series(n, () => logNormal(0.08)(0, random)),
          0
        )
        if (!('refused' in window)) widths.push(window.toMs - window.fromMs)
      }
      return widths.reduce((a, b) => a + b) / widths.length
    }
    expect(width(5)).toBeGreaterThan(1.25 * width(20))
  })

  it('follows durations that grow 1% a snapshot', () => {
    const { covered } = coverage(20, drifting)
    expect(covered).toBeGreaterThanOrEqual(AIMED_COVERAGE)
    const random = seededRandom(5)
    const trends = Array.from(
      { length: 200 },
      () => estimate(series(20, k => drifting(k, random))).trendPerSnapshot
    ).sort((a, b) => a - b)
    expect(trends[100]).toBeGreaterThan(0.007)
    expect(trends[100]).toBeLessThan(0.013)
    // A steady series (the same spread, no drift) is taken as level.
    const steady = seededRandom(6)
    const level = Array.from(
      { length: 200 },
      () => estimate(series(20, () => uniform(0.1)(0, steady))).trendPerSnapshot
    )
    expect(level.filter(t => t !== 0).length).toBeLessThan(10)
  })

  it('takes more durations than pastDurations gives, with the widest t it holds', () => {
    const random = seededRandom(12)
    const window = estimate(series(40, () => uniform(0.1)(0, random)))
    expect(window.samples).toBe(40)
    expect(window.fromMs).toBeLessThan(D)
    expect(window.toMs).toBeGreaterThan(D)
  })

  it('widens for the service’s one-second timestamps, and to at least ± the minimum', () => {
    // Cut to the second, a creation shown at s happened in [s, s + 1): up to a second later.
    const exact = estimate(Array(6).fill(MIN))
    expect(exact.fromMs).toBeCloseTo(MIN, 3)
    expect(exact.toMs).toBeCloseTo(MIN + 1000, 3)
    const atLeast = estimate(Array(6).fill(MIN), 5000)
    expect(atLeast.fromMs).toBeCloseTo(MIN - 5000, 3)
    expect(atLeast.toMs).toBeCloseTo(MIN + 5000, 3)
  })

  it(`looks for strays from ${MIN_SCREENED_SAMPLES} durations on, and for a trend from ${MIN_TREND_SAMPLES}`, () => {
    const steady = [15, 15.2, 14.8, 15.1, 14.9, 15, 15.3, 14.7, 15]
    // Nine: the stray stays in, and its spread refuses the history.
    expect(
      estimateFinish(
        [...steady.slice(0, 8), 40].map(m => m * MIN),
        0
      )
    ).toHaveProperty('refused')
    expect(estimate([...steady, 40].map(m => m * MIN)).samples).toBe(9)
    // Durations 3% longer each time: followed from 16 of them, not from 15.
    const growing = (n: number) => series(n, k => D * 1.03 ** -k)
    expect(estimate(growing(15)).trendPerSnapshot).toBe(0)
    expect(estimate(growing(16)).trendPerSnapshot).toBeCloseTo(0.03, 5)
    expect(estimate(growing(16)).typicalMs).toBeCloseTo(D, -1)
  })

  it('leaves out a stray outlier', () => {
    const random = seededRandom(8)
    const past = series(20, () => uniform(0.05)(0, random))
    past[3] = 90 * MIN
    const window = estimate(past)
    expect(window.samples).toBe(19)
    expect(window.longestMs).toBeLessThan(16 * MIN)
    expect(window.toMs).toBeLessThan(17 * MIN)
  })

  it('refuses snapshots of two sizes rather than trusting one of them narrowly', () => {
    const random = seededRandom(9)
    const twoSizes = () => (random() < 0.5 ? D : 1.6 * D) * (0.9 + 0.2 * random())
    for (let t = 0; t < 500; t++) {
      expect(estimateFinish(series(20, twoSizes), 5000)).toHaveProperty('refused')
    }
    // Mostly one size: two of twenty at the other are no stray outlier.
    const mostlyOne = [...Array(18).fill(D), ...Array(2).fill(1.6 * D)]
    expect(estimateFinish(mostlyOne, 5000)).toEqual({
      refused:
        'the past durations fall into groups far apart (2 of 20 far from the rest): snapshots ' +
        'of two kinds, such as two image sizes'
    })
  })

  it(`refuses durations spread by more than ±${100 * MAX_RELATIVE_SPREAD}%`, () => {
    const random = seededRandom(10)
    for (let t = 0; t < 500; t++) {
      expect(
        estimateFinish(
          series(20, () => uniform(0.5)(0, random)),
          5000
        )
      ).toHaveProperty('refused')
    }
    expect(
      estimateFinish(
        [5, 10, 15, 20, 25, 30].map(m => m * MIN),
        5000
      )
    ).toEqual({
      refused:
        'the past durations spread by ±66% (standard deviation), too widely to predict from ' +
        '(at most ±15%)'
    })
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

  it('inside the window, polls every poll-interval instead of the usual polls', () => {
    const window = { fromMs: 600_000, toMs: 622_000 }
    const usual = pollTimes(undefined, 900_000)
    const times = pollTimes(window, 900_000)
    // From a poll-interval into the window (which sees one finished at its start) to its end.
    expect(times.filter(t => t >= 600_000 && t <= 625_000)).toEqual([
      605_000, 610_000, 615_000, 620_000, 625_000
    ])
    expect(usual.filter(t => t >= 600_000 && t <= 625_000)).toHaveLength(1)
    // Before and after the window: the usual polls.
    expect(times.filter(t => t < 600_000)).toEqual(usual.filter(t => t < 600_000))
    expect(times.filter(t => t > 625_000)).toEqual(usual.filter(t => t > 625_000))
  })

  it('is never sparser than the usual schedule before the window, nor slower than it anywhere', () => {
    for (let seed = 0; seed < 300; seed++) {
      const draw = seededRandom(seed)
      const fromMs = Math.round(draw() * 1_800_000)
      const window = { fromMs, toMs: fromMs + Math.round(draw() * 600_000) }
      const usual = pollTimes(undefined, 3_000_000, seededRandom(1000 + seed))
      const times = pollTimes(window, 3_000_000, seededRandom(1000 + seed))
      const before = (list: number[]) => list.filter(t => t < fromMs)
      // Every usual poll before the window still happens (an early Failed is seen as soon).
      expect(before(times)).toEqual(before(usual))
      const gaps = times.slice(1).map((t, i) => t - times[i]!)
      expect(Math.max(...gaps)).toBeLessThanOrEqual(policy.maxMs)
      // A finish anywhere in the window is seen within a poll-interval.
      const inWindow = times.filter(t => t > fromMs && t < window.toMs + policy.initialMs)
      const seen = [fromMs, ...inWindow]
      expect(seen.slice(1).every((t, i) => t - seen[i]! <= policy.initialMs)).toBe(true)
      expect(inWindow.at(-1)).toBeGreaterThanOrEqual(window.toMs)
    }
  })

  it('re-plans without losing a usual poll when asked between polls (a window arriving late)', () => {
    const schedule = new PollSchedule(policy, () => 0, 0)
    expect(schedule.delayAfterPoll(0)).toBe(5000)
    const window = { fromMs: 60_000, toMs: 70_000 }
    // Asked at 3 s, before the usual poll at 5 s: that poll stays, and the timeline is unchanged.
    expect(schedule.delayAfterPoll(3000, window)).toBe(2000)
    expect(schedule.delayAfterPoll(5000, window)).toBe(10_000)
    // Asked inside the window: a poll-interval on.
    expect(schedule.delayAfterPoll(62_000, { fromMs: 50_000, toMs: 70_000 })).toBe(5000)
  })

  it('ignores a window already over, and joins one already under way', () => {
    expect(pollTimes({ fromMs: -20_000, toMs: -1 }, 300_000)).toEqual(pollTimes(undefined, 300_000))
    const schedule = new PollSchedule(policy, () => 0, 0)
    expect(schedule.delayAfterPoll(0)).toBe(5000)
    expect(schedule.delayAfterPoll(5000, { fromMs: 0, toMs: 60_000 })).toBe(5000)
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
    // Created at T0 + 3 min on the server = T0 + 1 min here; the past durations say 13–17 min.
    const expected = estimate(
      [14, 15, 16, 15, 15, 14.5].map(m => m * MIN),
      5000
    )
    expect(window).toEqual({ fromMs: T0 + MIN + expected.fromMs, toMs: T0 + MIN + expected.toMs })
    expect(expected.fromMs).toBeLessThan(14 * MIN)
    expect(expected.toMs).toBeGreaterThan(16 * MIN)
    expect(log.info).toHaveLength(1)
    expect(log.info[0]).toMatch(
      /^The last 6 snapshots of instance dsw-1 took 14m–16m; most snapshots of this instance finish between 1[23]m\d+s and 1[67]m\d+s after they are created \(the window aims at 95%\): checking snp-now every 5s then$/
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
    expect(short.log.info).toEqual([
      'Polling snp-now on the usual schedule; instance dsw-1: too few past durations to predict ' +
        'from (3; 5 needed)'
    ])
    const undated = predictor(async () => HISTORY)
    expect(await undated.predict({ SnapshotId: 'snp-now' })).toBeUndefined()
    expect(undated.log.info).toEqual([])
    expect(undated.log.debug).toEqual([
      'Polling snp-now on the usual schedule: it has no readable creation time'
    ])
  })

  it('says how the durations trend, longer or shorter, when they follow one', async () => {
    // 20 snapshots, each 3% longer (or shorter) than the one before; newest first.
    const trending = (factor: number) =>
      Array.from({ length: 20 }, (_, i) =>
        past(`snp-${i}`, -(i + 1) * 60 * MIN, 10 * MIN * factor ** (19 - i))
      )
    const growing = predictor(async () => trending(1.03))
    await growing.predict({ SnapshotId: 'snp-now', GmtCreateTime: iso(0) })
    expect(growing.log.info[0]).toMatch(/ \(each about 3\.0% longer than the one before\); /)
    const shrinking = predictor(async () => trending(1 / 1.03))
    await shrinking.predict({ SnapshotId: 'snp-now', GmtCreateTime: iso(0) })
    expect(shrinking.log.info[0]).toMatch(/ \(each about 2\.9% shorter than the one before\); /)
    const steady = predictor(async () => HISTORY)
    await steady.predict({ SnapshotId: 'snp-now', GmtCreateTime: iso(0) })
    expect(steady.log.info[0]).not.toContain('than the one before')
  })

  it('reads the history once for every caller', async () => {
    let reads = 0
    const read = once(async () => ++reads)
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1])
  })
})
