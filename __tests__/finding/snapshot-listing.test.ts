import { Deadline } from '../../src/polling/deadline.js'
import { describe, expect, it } from '@jest/globals'
import type { SnapshotPageRequest } from '../../src/aliyun/pai-dsw-client.js'
import type { Snapshot } from '../../src/aliyun/snapshot.js'
import {
  LIST_PAGE_SIZE,
  describeFilter,
  findLatestSnapshot,
  listAllSnapshots,
  matchesFilter
} from '../../src/finding/snapshot-listing.js'
import { fakePaiDsw } from '../helpers/fake-pai-dsw.js'

/** A client whose listing pages through `total` snapshots, newest first. */
function listingClient(total: number, reportedTotal = total) {
  const pages: SnapshotPageRequest[] = []
  const all: Snapshot[] = Array.from({ length: total }, (_, i) => ({
    SnapshotId: `snp-${total - i}`,
    SnapshotName: i % 2 ? 'odd' : 'even',
    Labels: [{ Key: 'n', Value: String(total - i) }]
  }))
  const client = fakePaiDsw({
    listInstanceSnapshots: async (_instanceId: string, page: SnapshotPageRequest) => {
      pages.push(page)
      const start = (page.pageNumber - 1) * page.pageSize
      return {
        snapshots: all.slice(start, start + page.pageSize),
        totalCount: reportedTotal,
        requestId: `R${page.pageNumber}`
      }
    }
  })
  return { client, pages }
}

const ids = (from: number, count: number): Snapshot[] =>
  Array.from({ length: count }, (_, i) => ({ SnapshotId: `snp-${from + i}` }))

/** A client whose page N is `page(N)`, whatever page size was asked, always with `totalCount`. */
function pagedClient(page: (pageNumber: number) => Snapshot[], totalCount: number) {
  let calls = 0
  const client = fakePaiDsw({
    listInstanceSnapshots: async (_instanceId: string, request: SnapshotPageRequest) => {
      calls++
      return { snapshots: page(request.pageNumber), totalCount, requestId: `R${calls}` }
    }
  })
  return { client, calls: () => calls }
}

describe('listAllSnapshots', () => {
  it('reads every page at the largest page size and stops at the total', async () => {
    const { client, pages } = listingClient(250)
    const listing = await listAllSnapshots(client, 'dsw-1')
    expect(listing.snapshots).toHaveLength(250)
    expect(listing.requestId).toBe('R3')
    expect(pages).toEqual(
      [1, 2, 3].map(pageNumber => ({ pageNumber, pageSize: LIST_PAGE_SIZE, order: 'DESC' }))
    )
  })

  it('goes on past a short page (the service may return fewer than asked) until an empty one', async () => {
    const { client, pages } = listingClient(150, 9999)
    expect((await listAllSnapshots(client, 'dsw-1')).snapshots).toHaveLength(150)
    expect(pages.map(p => p.pageNumber)).toEqual([1, 2, 3])
    const exact = listingClient(200)
    await listAllSnapshots(exact.client, 'dsw-1')
    expect(exact.pages).toHaveLength(2)
  })

  it('reads on until TotalCount when pages are shorter than asked', async () => {
    // The service caps pages at 10 items: 10, 10, 10, then the last 5.
    const capped = pagedClient(
      pageNumber => ids(10 * (pageNumber - 1), pageNumber < 4 ? 10 : 5),
      35
    )
    const listing = await listAllSnapshots(capped.client, 'dsw-1')
    expect(listing.snapshots).toHaveLength(35)
    expect(capped.calls()).toBe(4)
  })

  it('fails on the same page twice (PageNumber ignored) instead of reading forever', async () => {
    const endless = pagedClient(() => ids(0, 100), 5000)
    await expect(listAllSnapshots(endless.client, 'dsw-1')).rejects.toThrow(
      /ListInstanceSnapshot \(snapshots of instance dsw-1\) failed: the listing answered the same page twice \(pages 1 and 2\)/
    )
    expect(endless.calls()).toBe(2)
  })

  it('fails at once on a TotalCount past the cap, and after 100 pages at most', async () => {
    const huge = pagedClient(() => ids(0, 100), 10_001)
    const error = await listAllSnapshots(huge.client, 'dsw-1').catch((e: unknown) => e)
    expect(error).toMatchObject({
      kind: 'unusable-listing',
      retryable: false,
      hint: 'The service, or something between it and the runner, does not page as the API documents'
    })
    expect(String(error)).toMatch(/TotalCount 10001; at most 10,000 snapshots \(100 pages of 100\)/)
    expect(huge.calls()).toBe(1)
    // New IDs on every page, never reaching the (false) total: stopped by the page cap.
    const drifting = pagedClient(pageNumber => ids(pageNumber * 1000, 1), 10_000)
    await expect(listAllSnapshots(drifting.client, 'dsw-1')).rejects.toThrow(/more than 100 pages/)
    expect(drifting.calls()).toBe(100)
  })

  it('counts a snapshot listed twice once', async () => {
    const overlapping = pagedClient(
      pageNumber => (pageNumber === 1 ? ids(0, 3) : pageNumber === 2 ? ids(2, 3) : []),
      5
    )
    const listing = await listAllSnapshots(overlapping.client, 'dsw-1')
    expect(listing.snapshots.map(s => s.SnapshotId)).toEqual([
      'snp-0',
      'snp-1',
      'snp-2',
      'snp-3',
      'snp-4'
    ])
  })

  it('stops at the deadline between pages', async () => {
    let now = 0
    const slow = pagedClient(pageNumber => {
      now += 1000
      return ids(pageNumber * 100, 100)
    }, 1000)
    const clock = { now: () => now, sleep: async () => undefined }
    const deadline = Deadline.start(clock, 2500)
    const error = await listAllSnapshots(slow.client, 'dsw-1', {}, deadline).catch(
      (e: unknown) => e
    )
    // Where the time went: the pages read, and how long they took.
    expect(String(error)).toMatch(
      /the step's timeout \(3s\) passed after 3 pages of the listing, read in 3s, before page 4/
    )
    expect(error).toMatchObject({ kind: 'network', retryable: true })
    expect(slow.calls()).toBe(3)
  })

  it('asks for no page after the deadline, the first included; one exactly at it is on time', async () => {
    let now = 5000
    const clock = { now: () => now, sleep: async () => undefined }
    const spent = Deadline.start(clock, 1000)
    now = 7000
    const late = pagedClient(pageNumber => ids(pageNumber * 100, 100), 1000)
    const error = await listAllSnapshots(late.client, 'dsw-1', {}, spent).catch((e: unknown) => e)
    expect(late.calls()).toBe(0)
    expect(error).toMatchObject({ code: 'TIMEOUT' })
    expect(String(error)).toMatch(/the step's timeout \(1s\) had passed before the listing began/)

    // A page that ends exactly at the deadline leaves time for one more, started at it.
    now = 0
    const exact = Deadline.start(clock, 1000)
    const onTime = pagedClient(pageNumber => {
      now += 1000
      return ids(pageNumber * 100, 100)
    }, 1000)
    await listAllSnapshots(onTime.client, 'dsw-1', {}, exact).catch(() => undefined)
    expect(onTime.calls()).toBe(2)
  })

  it('reads every page when checking once (timeout 0), however long they take', async () => {
    let now = 0
    const clock = { now: () => now, sleep: async () => undefined }
    const once = Deadline.start(clock, 0)
    const slow = pagedClient(pageNumber => {
      now += 60_000
      return ids(pageNumber * 100, 100)
    }, 300)
    const listing = await listAllSnapshots(slow.client, 'dsw-1', {}, once)
    expect(slow.calls()).toBe(3)
    expect(listing.snapshots).toHaveLength(300)
  })

  it('keeps only the snapshots that pass the filter', async () => {
    const listing = await listAllSnapshots(listingClient(10).client, 'dsw-1', { namePrefix: 'ev' })
    expect(listing.snapshots.map(s => s.SnapshotId)).toEqual([
      'snp-10',
      'snp-8',
      'snp-6',
      'snp-4',
      'snp-2'
    ])
  })
})

describe('findLatestSnapshot', () => {
  it('asks for one item when there is no filter', async () => {
    const { client, pages } = listingClient(50)
    const latest = await findLatestSnapshot(client, 'dsw-1')
    expect(latest.snapshots.map(s => s.SnapshotId)).toEqual(['snp-50'])
    expect(pages).toEqual([{ pageNumber: 1, pageSize: 1, order: 'DESC' }])
  })

  it('returns the newest match of a filter, or nothing', async () => {
    const { client } = listingClient(5)
    expect(
      (await findLatestSnapshot(client, 'dsw-1', { labels: { n: '3' } })).snapshots[0]?.SnapshotId
    ).toBe('snp-3')
    expect((await findLatestSnapshot(client, 'dsw-1', { labels: { n: '9' } })).snapshots).toEqual(
      []
    )
  })

  it('returns one snapshot at most, however many the page holds', async () => {
    const generous = pagedClient(() => ids(0, 5), 5)
    expect((await findLatestSnapshot(generous.client, 'dsw-1')).snapshots).toEqual([
      { SnapshotId: 'snp-0' }
    ])
    const { client } = listingClient(5)
    const even = await findLatestSnapshot(client, 'dsw-1', { namePrefix: 'ev' })
    expect(even.snapshots.map(s => s.SnapshotId)).toEqual(['snp-5'])
  })

  it('matches a label by its key and value together', () => {
    const swapped: Snapshot = { Labels: [{ Key: 'ml', Value: 'team' }] }
    expect(matchesFilter(swapped, { labels: { team: 'ml' } })).toBe(false)
    const otherKey: Snapshot = { Labels: [{ Key: 'owner', Value: 'ml' }] }
    expect(matchesFilter(otherKey, { labels: { team: 'ml' } })).toBe(false)
  })
})

describe('filters', () => {
  const snapshot: Snapshot = { SnapshotName: 'nightly-7', Labels: [{ Key: 'team', Value: 'ml' }] }

  it('match on name prefix and every label', () => {
    expect(matchesFilter(snapshot, {})).toBe(true)
    expect(matchesFilter(snapshot, { namePrefix: 'nightly-', labels: { team: 'ml' } })).toBe(true)
    expect(matchesFilter(snapshot, { namePrefix: 'manual-' })).toBe(false)
    expect(matchesFilter(snapshot, { labels: { team: 'ml', env: 'prod' } })).toBe(false)
  })

  it('never match a snapshot without a name to a name prefix, whatever its text', () => {
    for (const namePrefix of ['nightly-', 'S', ' ', 'undefined'])
      expect(matchesFilter({ SnapshotId: 'snp-1' }, { namePrefix })).toBe(false)
  })

  it('read well in messages', () => {
    expect(describeFilter({ namePrefix: 'nightly-', labels: { team: 'ml' } })).toBe(
      ' named nightly-* and labelled team=ml'
    )
    expect(describeFilter({ labels: {} })).toBe('')
  })
})
