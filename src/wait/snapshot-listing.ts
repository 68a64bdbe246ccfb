import type { PaiDswClient } from '../aliyun/pai-dsw-client.js'
import type { Snapshot } from '../aliyun/snapshot.js'

/**
 * Snapshots per ListInstanceSnapshot page. The API documents no maximum; 100 is what comparable
 * Alibaba Cloud list APIs accept, so 250 snapshots are read in 3 requests.
 */
export const LIST_PAGE_SIZE = 100

export interface SnapshotFilter {
  namePrefix?: string
  /** Every one of these labels must be on the snapshot with this value. */
  labels?: Record<string, string>
}

export function matchesFilter(snapshot: Snapshot, filter: SnapshotFilter): boolean {
  if (filter.namePrefix && !(snapshot.SnapshotName ?? '').startsWith(filter.namePrefix))
    return false
  for (const [key, value] of Object.entries(filter.labels ?? {})) {
    if (!snapshot.Labels?.some(label => label.Key === key && label.Value === value)) return false
  }
  return true
}

export function describeFilter(filter: SnapshotFilter): string {
  const parts = [
    filter.namePrefix && `named ${filter.namePrefix}*`,
    ...Object.entries(filter.labels ?? {}).map(([k, v]) => `labelled ${k}=${v}`)
  ].filter(Boolean)
  return parts.length ? ` ${parts.join(' and ')}` : ''
}

export interface SnapshotListing {
  snapshots: Snapshot[]
  requestId: string
}

/** Every snapshot of the instance (newest first) that passes the filter, reading all pages. */
export async function listAllSnapshots(
  client: PaiDswClient,
  instanceId: string,
  filter: SnapshotFilter = {}
): Promise<SnapshotListing> {
  const snapshots: Snapshot[] = []
  let requestId: string
  for (let pageNumber = 1, seen = 0; ; pageNumber++) {
    const page = await client.listInstanceSnapshots(instanceId, {
      pageNumber,
      pageSize: LIST_PAGE_SIZE,
      order: 'DESC'
    })
    requestId = page.requestId
    seen += page.snapshots.length
    snapshots.push(...page.snapshots.filter(s => matchesFilter(s, filter)))
    if (page.snapshots.length < LIST_PAGE_SIZE || seen >= page.totalCount) break
  }
  return { snapshots, requestId }
}

/**
 * The newest snapshot that passes the filter (the listing holds at most that one): a single
 * request of one item when there is no filter.
 */
export async function findLatestSnapshot(
  client: PaiDswClient,
  instanceId: string,
  filter: SnapshotFilter = {}
): Promise<SnapshotListing> {
  if (isFiltering(filter)) {
    const { snapshots, requestId } = await listAllSnapshots(client, instanceId, filter)
    return { snapshots: snapshots.slice(0, 1), requestId }
  }
  const page = await client.listInstanceSnapshots(instanceId, {
    pageNumber: 1,
    pageSize: 1,
    order: 'DESC'
  })
  return { snapshots: page.snapshots.slice(0, 1), requestId: page.requestId }
}

export function isFiltering(filter: SnapshotFilter): boolean {
  return Boolean(filter.namePrefix || Object.keys(filter.labels ?? {}).length)
}
