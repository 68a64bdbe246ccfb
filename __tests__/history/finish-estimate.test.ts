import { describe, expect, it } from '@jest/globals'
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
      // No time between created and modified: a record, not a duration.
      past('snp-e', -250 * MIN, 0),
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

  it('screens from the median, which for an even count is the mean of the middle two', () => {
    // Ten log durations: the median is 0 (between -0.01 and 0.01) and the median deviation from
    // it 0.03, so a duration is a stray beyond 5 × 1.4826 × 0.03 ≈ 0.2224 from the median.
    const logs = (last: number) => [-0.05, -0.04, -0.03, -0.02, -0.01, 0.01, 0.02, 0.03, 0.04, last]
    const durations = (last: number) => logs(last).map(v => D * Math.exp(v))
    expect(estimate(durations(0.218)).samples).toBe(10)
    expect(estimate(durations(0.227)).samples).toBe(9)
  })

  it('follows a trend as the textbook does: the least-squares line one snapshot on, ± t(n − 2)', () => {
    // Twenty durations, each 2% longer than the one before, wiggling by up to 1%.
    const past = series(20, k => D * 1.02 ** -k * (1 + 0.01 * Math.sin(7 * k)))
    const window = estimate(past)
    // The oracle: the normal equations of log(duration) = a + b·x at x = −age, predicted at x = 0.
    const n = past.length
    const x = past.map((_, i) => -(i + 1))
    const y = past.map(ms => Math.log(ms))
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
    const [sx, sy] = [sum(x), sum(y)]
    const [sxx, sxy] = [sum(x.map(v => v * v)), sum(x.map((v, i) => v * y[i]!))]
    const det = n * sxx - sx * sx
    const b = (n * sxy - sx * sy) / det
    const a = (sxx * sy - sx * sxy) / det
    const variance = sum(y.map((v, i) => (v - a - b * x[i]!) ** 2)) / (n - 2)
    // The variance of one more duration at x = 0: s² (1 + [(XᵀX)⁻¹]₀₀).
    const standardError = Math.sqrt(variance * (1 + sxx / det))
    const t18 = 2.214 // Student's t, 0.98 quantile, 18 degrees of freedom
    expect(window.trendPerSnapshot).toBeCloseTo(Math.expm1(b), 9)
    expect(window.typicalMs).toBeCloseTo(Math.exp(a), 3)
    expect(window.fromMs).toBeCloseTo(Math.exp(a - t18 * standardError), 3)
    expect(window.toMs).toBeCloseTo(Math.exp(a + t18 * standardError) + 1000, 3)
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
    const window = await predict('snp-now', { GmtCreateTime: iso(3 * MIN) })
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
    expect(await broken.predict('snp-now', { GmtCreateTime: iso(0) })).toBeUndefined()
    expect(broken.log.debug[0]).toContain('could not be read (Forbidden.RAM)')
    const short = predictor(async () => HISTORY.slice(0, 3))
    expect(await short.predict('snp-now', { GmtCreateTime: iso(0) })).toBeUndefined()
    expect(short.log.info).toEqual([
      'Polling snp-now on the usual schedule; instance dsw-1: too few past durations to predict ' +
        'from (3; 5 needed)'
    ])
    const undated = predictor(async () => HISTORY)
    expect(await undated.predict('snp-now', {})).toBeUndefined()
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
    await growing.predict('snp-now', { GmtCreateTime: iso(0) })
    expect(growing.log.info[0]).toMatch(/ \(each about 3\.0% longer than the one before\); /)
    const shrinking = predictor(async () => trending(1 / 1.03))
    await shrinking.predict('snp-now', { GmtCreateTime: iso(0) })
    expect(shrinking.log.info[0]).toMatch(/ \(each about 2\.9% shorter than the one before\); /)
    const steady = predictor(async () => HISTORY)
    await steady.predict('snp-now', { GmtCreateTime: iso(0) })
    expect(steady.log.info[0]).not.toContain('than the one before')
  })

  it('reads the history once for every caller', async () => {
    let reads = 0
    const read = once(async () => ++reads)
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1])
  })
})
