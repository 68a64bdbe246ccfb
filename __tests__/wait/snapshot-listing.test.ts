import { describe, expect, it } from '@jest/globals'
import type { PaiDswClient, SnapshotPageRequest } from '../../src/aliyun/pai-dsw-client.js'
import { overallResult } from '../../src/action/outputs.js'
import type { Snapshot } from '../../src/aliyun/snapshot.js'
import {
  LIST_PAGE_SIZE,
  describeFilter,
  findLatestSnapshot,
  listAllSnapshots,
  matchesFilter
} from '../../src/wait/snapshot-listing.js'
import type { WaitOutcome } from '../../src/wait/waiter.js'

/** A client whose listing pages through `total` snapshots, newest first. */
function listingClient(total: number, reportedTotal = total) {
  const pages: SnapshotPageRequest[] = []
  const all: Snapshot[] = Array.from({ length: total }, (_, i) => ({
    SnapshotId: `snp-${total - i}`,
    SnapshotName: i % 2 ? 'odd' : 'even',
    Labels: [{ Key: 'n', Value: String(total - i) }]
  }))
  const client = {
    listInstanceSnapshots: async (_instanceId: string, page: SnapshotPageRequest) => {
      pages.push(page)
      const start = (page.pageNumber - 1) * page.pageSize
      return {
        snapshots: all.slice(start, start + page.pageSize),
        totalCount: reportedTotal,
        requestId: `R${page.pageNumber}`
      }
    }
  } as unknown as PaiDswClient
  return { client, pages }
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

  it('stops on a short page even if the reported total is wrong, and on an exact multiple', async () => {
    expect(
      (await listAllSnapshots(listingClient(150, 9999).client, 'dsw-1')).snapshots
    ).toHaveLength(150)
    const exact = listingClient(200)
    await listAllSnapshots(exact.client, 'dsw-1')
    expect(exact.pages).toHaveLength(2)
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
})

describe('filters', () => {
  const snapshot: Snapshot = { SnapshotName: 'nightly-7', Labels: [{ Key: 'team', Value: 'ml' }] }

  it('match on name prefix and every label', () => {
    expect(matchesFilter(snapshot, {})).toBe(true)
    expect(matchesFilter(snapshot, { namePrefix: 'nightly-', labels: { team: 'ml' } })).toBe(true)
    expect(matchesFilter(snapshot, { namePrefix: 'manual-' })).toBe(false)
    expect(matchesFilter(snapshot, { labels: { team: 'ml', env: 'prod' } })).toBe(false)
  })

  it('read well in messages', () => {
    expect(describeFilter({ namePrefix: 'nightly-', labels: { team: 'ml' } })).toBe(
      ' named nightly-* and labelled team=ml'
    )
    expect(describeFilter({ labels: {} })).toBe('')
  })
})

describe('overallResult', () => {
  const of = (...results: WaitOutcome['result'][]) =>
    overallResult(results.map(result => ({ result }) as WaitOutcome))

  it('is the worst result of the snapshots', () => {
    expect(of('success', 'success')).toBe('success')
    expect(of('success', 'timeout')).toBe('timeout')
    expect(of('timeout', 'failure', 'success')).toBe('failure')
    expect(of('failure', 'error')).toBe('error')
    expect(of('error', 'cancelled')).toBe('cancelled')
  })
})
