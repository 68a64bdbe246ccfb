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
    [' 2M ', 120_000]
  ])('reads %p as %p ms', (text, ms) => {
    expect(parseDuration('timeout', text)).toBe(ms)
  })

  it.each(['', 'abc', '10 m', '-5s', '5d', '1h-30m', 's', '1e3', '0x10', 'Infinity'])(
    'rejects %p naming the input and the accepted forms',
    text => {
      expect(() => parseDuration('poll-interval', text)).toThrow(
        /^Input 'poll-interval' must be a duration such as 90s, 20m, 1h30m/
      )
    }
  )

  it('rejects durations longer than a week', () => {
    expect(() => parseDuration('timeout', '169h')).toThrow("Input 'timeout' must be at most 168h")
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [250, '250ms'],
    [1000, '1s'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [5_415_000, '1h30m15s']
  ])('%p ms reads %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
