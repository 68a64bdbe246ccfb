import { describe, expect, it } from '@jest/globals'
import { type FinishWindow, PollSchedule, pollDelay } from '../../src/polling/schedule.js'
import { seededRandom } from '../../bench/seeded-random.mjs'

const policy = { initialMs: 5000, maxMs: 30_000 }

describe('pollDelay', () => {
  it('doubles from the first interval up to the cap without jitter at random = 0', () => {
    const delays = [1, 2, 3, 4, 5, 50].map(n => pollDelay(policy, n, () => 0))
    expect(delays).toEqual([5000, 10_000, 20_000, 30_000, 30_000, 30_000])
  })

  it('only ever shortens a delay, by at most 10%', () => {
    for (const n of [1, 3, 8]) {
      const full = pollDelay(policy, n, () => 0)
      const most = pollDelay(policy, n, () => 0.999999)
      expect(most).toBeLessThan(full)
      expect(most).toBeGreaterThanOrEqual(full * 0.9)
    }
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
  it('with jitter, stands in for every usual poll inside the window, from its first moment to its end', () => {
    // Usual polls (random 0.5): 0, 4.75 s, 14.25 s, 33.25 s, 61.75 s, ...: three fall inside.
    const random = () => 0.5
    const window = { fromMs: 0, toMs: 40_000 }
    const usual = pollTimes(undefined, 200_000, random)
    const times = pollTimes(window, 200_000, random)
    // A poll at the window's start is followed a poll-interval on, not at the earlier usual poll.
    const windowPolls = [0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000]
    // The poll at the window's end is its last: the next is the usual one (61.75 s), where the
    // usual schedule puts it after counting the three polls stood in for.
    expect(times).toEqual([...windowPolls, ...usual.filter(t => t > 40_000)])
    expect(usual.filter(t => t > 40_000)[0]).toBe(61_750)
  })

  it('keeps the usual timeline when the poll after one standing in for a usual poll comes late', () => {
    // random 0: usual polls at 0, 5 s, 15 s, 35 s, 65 s. The window poll at 15 s stands in for
    // the usual poll due at that same moment.
    const schedule = new PollSchedule(policy, () => 0, 0)
    const window = { fromMs: 4000, toMs: 40_000 }
    expect(schedule.delayAfterPoll(0, window)).toBe(5000)
    expect(schedule.delayAfterPoll(5000, window)).toBe(5000)
    expect(schedule.delayAfterPoll(10_000, window)).toBe(5000)
    // The next poll comes at 17 s (the server asked for a pause), then every poll-interval.
    for (const now of [17_000, 22_000, 27_000, 32_000, 37_000]) {
      expect(schedule.delayAfterPoll(now, window)).toBe(5000)
    }
    // After the window, the usual poll at 65 s, as if the window had never been.
    expect(schedule.delayAfterPoll(42_000, window)).toBe(65_000 - 42_000)
  })
})
