import type { CallLimit, PaiDswCalls, SnapshotPage } from '../aliyun/pai-dsw-client.js'
import type { Snapshot } from '../aliyun/snapshot.js'
import type { Deadline } from '../polling/deadline.js'
import { readAllPages } from './paging.js'

export { LIST_PAGE_SIZE } from './paging.js'

export interface SnapshotFilter {
  namePrefix?: string
  /** Every one of these labels must be on the snapshot with this value. */
  labels?: Record<string, string>
}

export function matchesFilter(snapshot: Snapshot, filter: SnapshotFilter): boolean {
  return matchesNameAndLabels(snapshot.SnapshotName, snapshot.Labels, filter)
}

/** A name that starts with the prefix, and every label of the filter with its value. */
export function matchesNameAndLabels(
  name: string | undefined,
  labels: { Key?: string; Value?: string }[] | undefined,
  filter: SnapshotFilter
): boolean {
  if (filter.namePrefix && !(name ?? '').startsWith(filter.namePrefix)) return false
  return Object.entries(filter.labels ?? {}).every(([key, value]) =>
    labels?.some(label => label.Key === key && label.Value === value)
  )
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
  /** Every snapshot the listing read, filtered out or not, newest first: the instance's history. */
  history?: Snapshot[]
}

/** A page of an instance's snapshots, newest first: the one order every listing reads them in. */
export function newestFirst(
  client: Pick<PaiDswCalls, 'listInstanceSnapshots'>,
  instanceId: string,
  page: { pageNumber: number; pageSize: number },
  limit?: CallLimit
): Promise<SnapshotPage> {
  return client.listInstanceSnapshots(instanceId, { ...page, order: 'DESC' }, limit)
}

/**
 * Every snapshot of the instance (newest first) that passes the filter, read by the paging rules
 * of `readAllPages` (to `TotalCount`, never past 10,000, at the deadline at the latest).
 */
export async function listAllSnapshots(
  client: PaiDswCalls,
  instanceId: string,
  filter: SnapshotFilter = {},
  limit?: Deadline
): Promise<SnapshotListing> {
  const { items, requestId } = await readAllPages(
    async (pageNumber, pageSize) => {
      const page = await newestFirst(client, instanceId, { pageNumber, pageSize })
      return { ...page, items: page.snapshots }
    },
    snapshot => snapshot.SnapshotId!,
    {
      operation: `ListInstanceSnapshot (snapshots of instance ${instanceId})`,
      noun: 'snapshots',
      limit
    }
  )
  return { snapshots: items.filter(s => matchesFilter(s, filter)), requestId, history: items }
}

/**
 * The newest snapshot that passes the filter (the listing holds at most that one): without a
 * filter, a single request of `pageSize` items (1, or more to read the instance's history too).
 */
export async function findLatestSnapshot(
  client: PaiDswCalls,
  instanceId: string,
  filter: SnapshotFilter = {},
  limit?: Deadline,
  pageSize = 1
): Promise<SnapshotListing> {
  if (isFiltering(filter)) {
    const listing = await listAllSnapshots(client, instanceId, filter, limit)
    return { ...listing, snapshots: listing.snapshots.slice(0, 1) }
  }
  const page = await newestFirst(client, instanceId, { pageNumber: 1, pageSize })
  return {
    snapshots: page.snapshots.slice(0, 1),
    requestId: page.requestId,
    history: page.snapshots
  }
}

/**
 * The newest page of an instance's snapshots, newest first: its history, in one request, given at
 * most the time the step has left (`deadline`): nothing waits for it, and it must not outlast the step.
 */
export async function readHistory(
  client: PaiDswCalls,
  instanceId: string,
  pageSize: number,
  deadline: Deadline
): Promise<Snapshot[]> {
  const page = await newestFirst(
    client,
    instanceId,
    { pageNumber: 1, pageSize },
    { timeoutMs: deadline.remaining() }
  )
  return page.snapshots
}

export function isFiltering(filter: SnapshotFilter): boolean {
  return Boolean(filter.namePrefix || Object.keys(filter.labels ?? {}).length)
}
