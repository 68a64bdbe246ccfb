import { formatDuration } from '../duration.js'
import { ApiError } from '../errors.js'
import { plural } from '../text.js'
import type { Deadline } from '../polling/deadline.js'

/**
 * Items per page of every listing. The APIs document no maximum; 100 is what comparable Alibaba
 * Cloud list APIs accept, so 250 snapshots are read in 3 requests.
 */
export const LIST_PAGE_SIZE = 100

/** A listing never reads more than this: past it, the answers are wrong, not the fleet large. */
export const MAX_LISTED_ITEMS = 10_000
export const MAX_LIST_PAGES = MAX_LISTED_ITEMS / LIST_PAGE_SIZE

export interface Page<T> {
  items: T[]
  /** All matches, not this page's; undefined when the answer does not say. */
  totalCount: number | undefined
  requestId: string
}

export interface PagingRules {
  /** For errors: `ListInstanceSnapshot (snapshots of instance …)`. */
  operation: string
  /** What is listed, for errors: `snapshots`, `instances`. */
  noun: string
  /** The step's deadline: no page is asked for after it (`lastStartAt`). */
  limit?: Deadline
}

/**
 * Every item of a listing. Pages are read until `TotalCount` is reached (when the answer gives
 * it) or a page comes back empty — never stopping on a short page, since the service may return
 * fewer than asked — and never past the hard cap, a page repeated (a service that ignores
 * `PageNumber`) or the deadline.
 * An item listed twice counts once.
 */
export async function readAllPages<T>(
  fetchPage: (pageNumber: number, pageSize: number) => Promise<Page<T>>,
  idOf: (item: T) => string,
  rules: PagingRules
): Promise<{ items: T[]; requestId: string }> {
  const byId = new Map<string, T>()
  let requestId: string
  let previousIds = ''
  const startedAt = rules.limit?.clock.now()
  for (let pageNumber = 1; ; pageNumber++) {
    if (pageNumber > MAX_LIST_PAGES)
      throw unusableListing(rules, `more than ${MAX_LIST_PAGES} pages`)
    // Each page is a request like any other: none is asked for after the deadline.
    if (rules.limit?.passed)
      throw listingTimedOut(rules.operation, pageNumber, startedAt!, rules.limit)
    const page = await fetchPage(pageNumber, LIST_PAGE_SIZE)
    requestId = page.requestId
    if (page.totalCount !== undefined && page.totalCount > MAX_LISTED_ITEMS)
      throw unusableListing(rules, `TotalCount ${page.totalCount}`)
    const ids = page.items.map(idOf).join('\n')
    if (ids && ids === previousIds) {
      throw unusableListing(
        rules,
        `the same page twice (pages ${pageNumber - 1} and ${pageNumber})`
      )
    }
    previousIds = ids
    for (const item of page.items) if (!byId.has(idOf(item))) byId.set(idOf(item), item)
    if (page.items.length === 0 || byId.size >= (page.totalCount ?? Infinity)) break
  }
  return { items: [...byId.values()], requestId }
}

function unusableListing(rules: PagingRules, what: string): ApiError {
  return new ApiError({
    operation: rules.operation,
    kind: 'unusable-listing',
    serviceMessage:
      `the listing answered ${what}; at most ${MAX_LISTED_ITEMS.toLocaleString('en')} ` +
      `${rules.noun} (${MAX_LIST_PAGES} pages of ${LIST_PAGE_SIZE}) are read`,
    hint: 'The service, or something between it and the runner, does not page as the API documents'
  })
}

/** Says where the time went: how many pages were read, in how long, of which timeout. */
function listingTimedOut(
  operation: string,
  pageNumber: number,
  startedAt: number,
  deadline: Deadline
): ApiError {
  const read = pageNumber - 1
  const took = formatDuration(deadline.clock.now() - startedAt)
  const timeout = formatDuration(deadline.timeoutMs)
  return new ApiError({
    operation,
    kind: 'network',
    code: 'TIMEOUT',
    serviceMessage: read
      ? `the step's timeout (${timeout}) passed after ${plural(read, 'page')} of the listing, ` +
        `read in ${took}, before page ${pageNumber}`
      : `the step's timeout (${timeout}) had passed before the listing began`
  })
}
