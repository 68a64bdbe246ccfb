import { apiError } from './api-errors.mjs'
import { parseListQuery } from './list-query.mjs'
import { snapshotFields } from './snapshot-fields.mjs'
import { successEnvelope } from './success-envelope.mjs'

/**
 * ListInstanceSnapshot: a page of an instance's snapshots by creation time. Each snapshot on the
 * page counts as polled, as if the caller had read it with GetInstanceSnapshot.
 * @param {object} context
 * @param {import('./snapshot-store.mjs').SnapshotStore} context.store
 * @param {import('./emulator-clock.mjs').EmulatorClock} context.clock
 * @param {import('./routes.mjs').Route} context.route
 * @param {Record<string, string>} context.query
 * @param {number} context.maxPageSize
 * @param {import('./types.mjs').ListingOptions} context.listing misbehaviour
 * @param {string} context.requestId
 * @param {boolean} context.countsAsPoll
 * @returns {import('./types.mjs').ApiResult}
 */
export function listInstanceSnapshot(context) {
  const { store, clock, route, requestId } = context
  const paging = parseListQuery(context.query, context.maxPageSize)
  if ('error' in paging) return paging
  const { instanceId = '' } = route
  if (!store.hasInstance(instanceId)) {
    const message = `The instance '${instanceId}' does not exist.`
    return { error: apiError('InvalidInstance.NotFound', { message }) }
  }
  const now = clock.localNow()
  // A lagging listing has not caught up with the snapshots added last.
  const all = store.snapshotsOf(instanceId).filter(stored => now >= stored.listedFrom)
  // Oldest first, ties in the order added; DESC is that order reversed.
  const ascending = all
    .map((stored, added) => ({ stored, added }))
    .sort((a, b) => a.stored.createdAt - b.stored.createdAt || a.added - b.added)
    .map(({ stored }) => stored)
  const ordered = paging.order === 'ASC' ? ascending : ascending.reverse()
  const { listing } = context
  const pageNumber = listing.ignorePageNumber ? 1 : paging.pageNumber
  const pageSize = Math.min(paging.pageSize, listing.pageSizeCap ?? Infinity)
  const start = (pageNumber - 1) * pageSize
  const page = ordered.slice(start, start + pageSize).map(stored => {
    const position = context.countsAsPoll ? stored.timeline.poll(now) : stored.timeline.peek(now)
    return snapshotFields(stored, position, clock)
  })
  return {
    body: {
      ...successEnvelope(requestId),
      TotalCount: listing.totalCount ?? all.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
      Snapshots: page
    }
  }
}
