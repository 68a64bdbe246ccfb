import { describe, expect, it } from '@jest/globals'
import {
  describeAge,
  describeStale,
  isRecent,
  isoUtc,
  parseServiceTime,
  splitByAge
} from '../../src/finding/snapshot-age.js'

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0)
const HOUR = 3_600_000
const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
const made = (id: string, createdMs: number | string) => ({
  SnapshotId: id,
  GmtCreateTime: typeof createdMs === 'string' ? createdMs : at(createdMs)
})

describe('parseServiceTime', () => {
  it.each([
    ['2026-12-03T12:00:00Z', NOW],
    ['2026-12-03T12:00:00.250Z', NOW + 250],
    ['2026-12-03T20:00:00+08:00', NOW],
    ['2026-12-03T20:00:00+0800', NOW],
    [' 2026-12-03T12:00Z ', NOW],
    // No zone: UTC, as the `Gmt` says, whatever the runner's time zone.
    ['2026-12-03T12:00:00', NOW]
  ])('reads %p', (text, ms) => {
    expect(parseServiceTime(text)).toBe(ms)
  })

  it.each([undefined, '', 'yesterday', '2026-12-03', '1733227200', '2026-13-45T99:00:00Z'])(
    'reads %p as no time',
    text => {
      expect(parseServiceTime(text)).toBeUndefined()
    }
  )
})

describe('isoUtc', () => {
  it.each([
    ['2026-12-03T12:00:00Z', '2026-12-03T12:00:00Z'],
    ['2026-12-03T20:00:00+08:00', '2026-12-03T12:00:00Z'],
    ['2026-12-03T12:00:00', '2026-12-03T12:00:00Z'],
    ['2026-12-03T12:00:00.250Z', '2026-12-03T12:00:00.250Z'],
    ['2026-12-03T12:00Z', '2026-12-03T12:00:00Z']
  ])('writes %p as %p', (text, iso) => {
    expect(isoUtc(text)).toBe(iso)
  })

  it.each([undefined, '', 'yesterday', '::warning::x', '2026-12-03T12:00:00Z\n::error::x'])(
    'writes %p as empty',
    text => {
      expect(isoUtc(text)).toBe('')
    }
  )
})

describe('isRecent and splitByAge', () => {
  const limit = { maxAgeMs: 26 * HOUR, serverNow: NOW }

  it('counts a snapshot exactly max-age old, not one a second older', () => {
    expect(isRecent(made('a', NOW - 26 * HOUR), limit)).toBe(true)
    expect(isRecent(made('b', NOW - 26 * HOUR - 1000), limit)).toBe(false)
  })

  it('counts a snapshot from the future as new, and one of unknown age as not counting', () => {
    expect(isRecent(made('a', NOW + 5 * 60_000), limit)).toBe(true)
    expect(isRecent({ SnapshotId: 'b' }, limit)).toBe(false)
    expect(isRecent(made('c', 'last tuesday'), limit)).toBe(false)
  })

  it('keeps the listing order on both sides', () => {
    const listed = [made('a', NOW - HOUR), made('b', NOW - 30 * HOUR), made('c', NOW - 2 * HOUR)]
    const { recent, tooOld } = splitByAge(listed, limit)
    expect(recent.map(s => s.SnapshotId)).toEqual(['a', 'c'])
    expect(tooOld.map(s => s.SnapshotId)).toEqual(['b'])
  })

  it('measures ages on the server clock it is given', () => {
    const snapshot = made('a', NOW - 25 * HOUR)
    expect(isRecent(snapshot, limit)).toBe(true)
    // The same snapshot, with the server two hours ahead of the runner.
    expect(isRecent(snapshot, { ...limit, serverNow: NOW + 2 * HOUR })).toBe(false)
  })
})

describe('describeAge and describeStale', () => {
  it('gives ages to the nearest minute past an hour, with the time itself', () => {
    const created = NOW - (3 * 24 * HOUR + 4 * HOUR + 12 * 60_000 + 40_000)
    expect(describeAge(made('a', created), NOW)).toBe(
      `was created 3d4h13m ago (${new Date(created).toISOString()})`
    )
    expect(describeAge(made('b', NOW - 90_000), NOW)).toMatch(/^was created 1m30s ago/)
    expect(describeAge({ SnapshotId: 'c' }, NOW)).toBe(
      'has no readable creation time (GmtCreateTime)'
    )
  })

  it('names the newest snapshot and the limit, or says there is none', () => {
    const limit = { maxAgeMs: 26 * HOUR, serverNow: NOW }
    expect(describeStale(made('snp-1', NOW - 72 * HOUR), limit, ' named nightly-*')).toBe(
      'has no snapshot named nightly-* within max-age 1d2h: the newest, snp-1, was created ' +
        `3d ago (${new Date(NOW - 72 * HOUR).toISOString()})`
    )
    expect(describeStale(undefined, limit)).toBe(
      'has no snapshot within max-age 1d2h: it has no snapshot at all'
    )
  })
})
