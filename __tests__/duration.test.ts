import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDuration } from '../src/duration.js'

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['20m', 1_200_000],
    ['1h30m', 5_400_000],
    ['1h30m15s', 5_415_000],
    ['500ms', 500],
    ['1.5m', 90_000],
    ['45', 45_000],
    ['0', 0],
    [' 2M ', 120_000],
    ['2d', 172_800_000],
    ['1d2h', 93_600_000]
  ])('reads %p as %p ms', (text, ms) => {
    expect(parseDuration('timeout', text)).toBe(ms)
  })

  it.each(['', 'abc', '10 m', '-5s', '5w', '1h-30m', 's', '1e3', '0x10', 'Infinity'])(
    'rejects %p naming the input and the accepted forms',
    text => {
      expect(() => parseDuration('poll-interval', text)).toThrow(
        /^Input 'poll-interval' must be a duration such as 90s, 20m, 1h30m/
      )
    }
  )

  it('rejects durations longer than a week', () => {
    expect(() => parseDuration('timeout', '169h')).toThrow(
      "Input 'timeout' must be at most 7d; got '169h'"
    )
    expect(parseDuration('timeout', '7d')).toBe(604_800_000)
  })

  it('takes a longer limit where the input is not a time to sleep', () => {
    expect(parseDuration('max-age', '90d', 366 * 86_400_000)).toBe(90 * 86_400_000)
    expect(() => parseDuration('max-age', '367d', 366 * 86_400_000)).toThrow(
      "Input 'max-age' must be at most 366d; got '367d'"
    )
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [250, '250ms'],
    [1000, '1s'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [5_415_000, '1h30m15s'],
    [93_600_000, '1d2h'],
    [3 * 86_400_000 + 60_000, '3d1m']
  ])('%p ms reads %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
