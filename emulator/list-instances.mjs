// ListInstances: a page of the instances of one workspace (or all), pay-as-you-go only unless
// ResourceId=ALL, each with its newest snapshot's status and image but not its ID.
import { apiError } from './api-errors.mjs'
import { parseListQuery } from './list-query.mjs'
import { snapshotFields, withOverrides } from './snapshot-fields.mjs'
import { newestSnapshot } from './snapshot-store.mjs'
import { successEnvelope } from './success-envelope.mjs'

const SORT_KEYS = ['GmtCreateTime', 'GmtModifiedTime', 'Priority', 'gmtCreate']
const ALL = 'ALL'
/** The API's documented limit on the `Labels` filter. */
const MAX_LABEL_FILTERS = 4
// What the real LatestSnapshot carries: no SnapshotId, so a waiter still needs the snapshot list.
const LATEST_SNAPSHOT_FIELDS = [
  'Status',
  'ImageUrl',
  'ImageId',
  'ReasonCode',
  'ReasonMessage',
  'GmtCreateTime',
  'GmtModifiedTime'
]

/**
 * @param {object} context
 * @param {import('./snapshot-store.mjs').SnapshotStore} context.store
 * @param {import('./emulator-clock.mjs').EmulatorClock} context.clock
 * @param {Record<string, string>} context.query
 * @param {import('./types.mjs').ListingOptions} context.listing misbehaviour
 * @param {string} context.requestId
 * @returns {import('./types.mjs').ApiResult}
 */
export function listInstances({ store, clock, query, listing, requestId }) {
  const paging = parseListQuery(query, Infinity, SORT_KEYS)
  if ('error' in paging) return paging
  const labels = parseLabelFilter(query.Labels)
  if ('error' in labels) return labels
  const workspaceId = query.WorkspaceId || store.defaultWorkspaceId
  const resourceId = query.ResourceId || undefined
  const matching = store
    .instances()
    .filter(instance => workspaceId === ALL || instance.workspaceId === workspaceId)
    .filter(instance =>
      resourceId === undefined ? instance.paymentType === 'PayAsYouGo' : resourceId === ALL
    )
    .filter(instance => hasLabels(instance.labels, labels.map))
  const direction = paging.order === 'ASC' ? 1 : -1
  matching.sort(
    (a, b) =>
      direction * (a.createdAt - b.createdAt) ||
      (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0)
  )
  const pageNumber = listing.ignorePageNumber ? 1 : paging.pageNumber
  const pageSize = Math.min(paging.pageSize, listing.pageSizeCap ?? Infinity)
  const start = (pageNumber - 1) * pageSize
  const now = clock.localNow()
  return {
    body: {
      ...successEnvelope(requestId),
      TotalCount: listing.totalCount ?? matching.length,
      Instances: matching
        .slice(start, start + pageSize)
        .map(instance => entry(instance, now, clock))
    }
  }
}

/**
 * `Labels`: a JSON map (as the SDK sends it) of at most 4 entries; instances must carry each.
 * @param {string | undefined} text
 * @returns {{ map: Record<string, string> } | { error: import('./api-errors.mjs').ApiError }}
 */
function parseLabelFilter(text) {
  if (text === undefined || text === '') return { map: {} }
  let map
  try {
    map = JSON.parse(text)
  } catch {
    map = undefined
  }
  const valid =
    map !== null &&
    typeof map === 'object' &&
    !Array.isArray(map) &&
    Object.values(map).every(value => typeof value === 'string')
  if (!valid) return invalid('Labels must be a JSON object of string values.')
  if (Object.keys(map).length > MAX_LABEL_FILTERS) {
    return invalid(`Labels takes at most ${MAX_LABEL_FILTERS} entries.`)
  }
  return { map }
}

/** @param {string} message */
function invalid(message) {
  return { error: apiError('ValidationError', { message }) }
}

/**
 * @param {import('./types.mjs').SnapshotLabel[]} labels
 * @param {Record<string, string>} wanted
 */
function hasLabels(labels, wanted) {
  return Object.entries(wanted).every(([key, value]) =>
    labels.some(label => label.Key === key && label.Value === value)
  )
}

/**
 * @param {import('./snapshot-store.mjs').InstanceView} instance
 * @param {number} now local ms
 * @param {import('./emulator-clock.mjs').EmulatorClock} clock
 */
function entry(instance, now, clock) {
  const newest = newestSnapshot(instance.snapshots)
  return withOverrides(
    {
      InstanceId: instance.instanceId,
      InstanceName: instance.instanceName,
      Status: instance.status,
      WorkspaceId: instance.workspaceId,
      WorkspaceName: instance.workspaceName,
      PaymentType: instance.paymentType,
      Labels: instance.labels,
      GmtCreateTime: instance.gmtCreateTime,
      GmtModifiedTime: instance.gmtCreateTime,
      // Listing instances is not a read of their snapshots: timelines are peeked at, not polled.
      ...(newest && { LatestSnapshot: latestSnapshot(newest, now, clock) })
    },
    instance.fields
  )
}

/**
 * The newest snapshot as LatestSnapshot: its answer's fields (with its raw overrides), less the ID.
 * @param {import('./snapshot-store.mjs').StoredSnapshot} stored
 * @param {number} now
 * @param {import('./emulator-clock.mjs').EmulatorClock} clock
 */
function latestSnapshot(stored, now, clock) {
  const fields = snapshotFields(stored, stored.timeline.peek(now), clock)
  return Object.fromEntries(
    LATEST_SNAPSHOT_FIELDS.filter(name => name in fields).map(name => [name, fields[name]])
  )
}
