import type { PaiDswCalls } from '../aliyun/pai-dsw-client.js'
import { formatDuration } from '../duration.js'
import { isNotSent } from '../http/rate-limiter.js'
import { plural } from '../text.js'
import { failedBeforeWait, notWaited } from '../verdict/early-outcomes.js'
import { type NotYet, NothingYetError, type RetryOptions, retrying } from '../polling/retrying.js'
import { type AgeLimit, describeAge, describeStale, splitByAge } from './snapshot-age.js'
import {
  type SnapshotFilter,
  type SnapshotListing,
  describeFilter,
  findLatestSnapshot,
  isFiltering,
  listAllSnapshots
} from './snapshot-listing.js'
import type { WaitOutcome, WaitResult } from '../verdict/snapshot-tracker.js'

/** `snapshot-id: latest` or `all`: which of an instance's snapshots count. */
export interface ListedSelection {
  kind: 'latest' | 'all'
  filter: SnapshotFilter
  /** `max-age`: a snapshot created longer ago does not count. */
  maxAgeMs?: number
}

/** What finding an instance's snapshots needs. */
export interface FindContext {
  instanceId: string
  /** One of several instances checked in one step. */
  severalInstances?: boolean
  client: PaiDswCalls
  /** The step's deadline, the polling pace and the retry rules of one-off calls. */
  pacing: RetryOptions
  /** Told how many snapshots of an instance `max-age` left out, when it left any out. */
  onTooOld?: (instanceId: string, count: number) => void
  /** Items of the `latest` listing: more than 1 reads the instance's history in the same request. */
  latestPageSize?: number
}

/**
 * What looking for the snapshots of `latest` or `all` found: a listing to wait for, an ending
 * that says why there is none, or nothing to check (an instance without matching snapshots,
 * one of several under `all`).
 */
export type Found =
  | { kind: 'listing'; listing: SnapshotListing }
  | { kind: 'ended'; outcome: WaitOutcome }
  | { kind: 'nothing' }

/** The snapshots to wait for, or why there are none. */
export async function findListedSnapshots(
  ctx: FindContext,
  selection: ListedSelection
): Promise<Found> {
  if (selection.maxAgeMs !== undefined) return findRecent(ctx, selection, selection.maxAgeMs)
  const found = await listOnce(ctx, selection)
  if (found.kind !== 'listing') return found
  if (found.listing.snapshots.length === 0) return noSnapshots(ctx, selection)
  logFound(ctx, selection, found.listing)
  return found
}

function sought(ctx: FindContext, selection: ListedSelection): string {
  const which = selection.kind === 'latest' ? 'the latest snapshot' : 'the snapshots'
  return `${which} of instance ${ctx.instanceId}${describeFilter(selection.filter)}`
}

const ended = (ctx: FindContext, result: WaitResult, message: string): Found => ({
  kind: 'ended',
  outcome: notWaited(result, message, ctx.pacing.deadline.elapsed())
})

/** One read of the listing, as `latest` or `all` asks for it. */
function readListing(ctx: FindContext, selection: ListedSelection): Promise<SnapshotListing> {
  const { client, instanceId, pacing } = ctx
  const { filter } = selection
  return selection.kind === 'latest'
    ? findLatestSnapshot(client, instanceId, filter, pacing.deadline, ctx.latestPageSize)
    : listAllSnapshots(client, instanceId, filter, pacing.deadline)
}

/** One read of the listing (retried on transient errors): a listing, or how the search ended. */
async function listOnce(ctx: FindContext, selection: ListedSelection): Promise<Found> {
  try {
    const listing = await retrying(() => readListing(ctx, selection), ctx.pacing)
    return { kind: 'listing', listing }
  } catch (error) {
    return failedFinding(ctx, selection, error)
  }
}

function failedFinding(ctx: FindContext, selection: ListedSelection, error: unknown): Found {
  const what = sought(ctx, selection)
  const doing = { failed: `Could not find ${what}`, while: `looking for ${what}` }
  return { kind: 'ended', outcome: failedBeforeWait(doing, error, ctx.pacing.deadline.elapsed()) }
}

function logFound(
  ctx: FindContext,
  selection: ListedSelection,
  listing: SnapshotListing,
  age?: { limit: AgeLimit; tooOld: number }
): void {
  const { instanceId, pacing } = ctx
  const filtered = describeFilter(selection.filter)
  const maxAge = age && `max-age ${formatDuration(age.limit.maxAgeMs)}`
  const newest = listing.snapshots[0]
  if (selection.kind === 'latest') {
    const within =
      age && newest ? `; it ${describeAge(newest, age.limit.serverNow)}, within ${maxAge}` : ''
    pacing.log.info(
      `The latest snapshot of instance ${instanceId}${filtered} is ${newest?.SnapshotId}${within}`
    )
    return
  }
  const left = age?.tooOld
    ? ` (${plural(age.tooOld, 'snapshot')} older than ${maxAge} left out)`
    : ''
  pacing.log.info(
    `Checking ${plural(listing.snapshots.length, 'snapshot')} of instance ${instanceId}${filtered}${left}`
  )
}

/**
 * An instance without (matching) snapshots. Alone, a mistake to point out; one of several, it
 * adds nothing to `all`, and under `latest` it is a failure of its own, named in the report.
 */
function noSnapshots(ctx: FindContext, selection: ListedSelection): Found {
  const { instanceId, severalInstances } = ctx
  const filtered = describeFilter(selection.filter)
  if (severalInstances && selection.kind === 'all') return { kind: 'nothing' }
  if (severalInstances)
    return ended(ctx, 'failure', `Instance ${instanceId} has no snapshot${filtered} yet`)
  const next = isFiltering(selection.filter) ? ' and the filters' : ''
  return ended(
    ctx,
    'error',
    `Instance ${instanceId} has no snapshots${filtered}: check instance-id${next}`
  )
}

/**
 * `max-age`: the snapshots created within it. When none is, `timeout: 0` ends in a failure that
 * says how old the newest is; a longer timeout keeps looking on the poll schedule until one
 * appears (the deploy gate waiting for a snapshot another workflow makes), then waits for it.
 */
async function findRecent(
  ctx: FindContext,
  selection: ListedSelection,
  maxAgeMs: number
): Promise<Found> {
  const { pacing, instanceId } = ctx
  let stale = ''
  let tooOld = 0
  const look = async (): Promise<Found | NotYet> => {
    const listing = await readListing(ctx, selection)
    const limit: AgeLimit = { maxAgeMs, serverNow: pacing.clock.now() + ctx.client.clockSkewMs }
    const split = splitByAge(listing.snapshots, limit)
    tooOld = split.tooOld.length
    if (split.recent.length > 0) {
      const recent = { ...listing, snapshots: split.recent }
      logFound(ctx, selection, recent, { limit, tooOld })
      return { kind: 'listing', listing: recent }
    }
    const newest = listing.snapshots[0]
    stale = `Instance ${instanceId} ${describeStale(newest, limit, describeFilter(selection.filter))}`
    if (!pacing.deadline.checkOnce) return { notYet: { what: stale, note: 'looking again' } }
    return newest || ctx.severalInstances
      ? ended(ctx, 'failure', stale)
      : noSnapshots(ctx, selection)
  }
  try {
    return await retrying(look, pacing)
  } catch (error) {
    // A look refused at the deadline ends the search as the looks before it left it.
    if (stale && (error instanceof NothingYetError || isNotSent(error))) {
      const looked = formatDuration(pacing.deadline.timeoutMs)
      return ended(ctx, 'timeout', `${stale}; no newer one appeared within the timeout (${looked})`)
    }
    return failedFinding(ctx, selection, error)
  } finally {
    if (tooOld > 0) ctx.onTooOld?.(instanceId, tooOld)
  }
}
