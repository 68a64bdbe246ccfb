import { ApiError } from '../errors.js'
import type { Clock } from '../clock.js'
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

/** A listing never reads more than this: past it, the answers are wrong, not the fleet large. */
export const MAX_LISTED_SNAPSHOTS = 10_000
export const MAX_LIST_PAGES = MAX_LISTED_SNAPSHOTS / LIST_PAGE_SIZE

/** When a listing must give up: the step's deadline on its clock. */
export interface ListingDeadline {
  clock: Clock
  deadline: number
}

/**
 * Every snapshot of the instance (newest first) that passes the filter. Pages are read until
 * `TotalCount` is reached or a page comes back empty — never stopping on a short page, since the
 * service may return fewer than asked — and never past the hard cap, a page repeated (a service
 * that ignores `PageNumber`) or the deadline. A snapshot listed twice counts once.
 */
export async function listAllSnapshots(
  client: PaiDswClient,
  instanceId: string,
  filter: SnapshotFilter = {},
  limit?: ListingDeadline
): Promise<SnapshotListing> {
  const operation = `ListInstanceSnapshot (snapshots of instance ${instanceId})`
  const byId = new Map<string, Snapshot>()
  let requestId: string
  let previousIds = ''
  for (let pageNumber = 1; ; pageNumber++) {
    if (pageNumber > MAX_LIST_PAGES)
      throw unusableListing(operation, `more than ${MAX_LIST_PAGES} pages`)
    // The first page is one request like any other; the pages after it must fit the deadline.
    if (pageNumber > 1 && limit && limit.clock.now() >= limit.deadline) {
      throw listingTimedOut(operation, pageNumber)
    }
    const page = await client.listInstanceSnapshots(instanceId, {
      pageNumber,
      pageSize: LIST_PAGE_SIZE,
      order: 'DESC'
    })
    requestId = page.requestId
    if (page.totalCount > MAX_LISTED_SNAPSHOTS) {
      throw unusableListing(operation, `TotalCount ${page.totalCount}`)
    }
    const ids = page.snapshots.map(s => s.SnapshotId).join('\n')
    if (ids && ids === previousIds) {
      throw unusableListing(
        operation,
        `the same page twice (pages ${pageNumber - 1} and ${pageNumber})`
      )
    }
    previousIds = ids
    for (const snapshot of page.snapshots) {
      if (!byId.has(snapshot.SnapshotId!)) byId.set(snapshot.SnapshotId!, snapshot)
    }
    if (page.snapshots.length === 0 || byId.size >= page.totalCount) break
  }
  return { snapshots: [...byId.values()].filter(s => matchesFilter(s, filter)), requestId }
}

function unusableListing(operation: string, what: string): ApiError {
  return new ApiError({
    operation,
    kind: 'unusable-listing',
    serviceMessage:
      `the listing answered ${what}; at most ${MAX_LISTED_SNAPSHOTS.toLocaleString('en')} ` +
      `snapshots (${MAX_LIST_PAGES} pages of ${LIST_PAGE_SIZE}) are read`,
    hint: 'The service, or something between it and the runner, does not page as the API documents'
  })
}

function listingTimedOut(operation: string, pageNumber: number): ApiError {
  return new ApiError({
    operation,
    kind: 'network',
    code: 'TIMEOUT',
    serviceMessage: `the step's timeout passed before page ${pageNumber} of the listing`
  })
}

/**
 * The newest snapshot that passes the filter (the listing holds at most that one): a single
 * request of one item when there is no filter.
 */
export async function findLatestSnapshot(
  client: PaiDswClient,
  instanceId: string,
  filter: SnapshotFilter = {},
  limit?: ListingDeadline
): Promise<SnapshotListing> {
  if (isFiltering(filter)) {
    const { snapshots, requestId } = await listAllSnapshots(client, instanceId, filter, limit)
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
