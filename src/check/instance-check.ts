import type { PaiDswCalls } from '../aliyun/pai-dsw-client.js'
import type { Snapshot, SnapshotResponse } from '../aliyun/snapshot.js'
import type { Clock } from '../clock.js'
import { sentence } from '../text.js'
import { type NewSnapshot, NotTheSnapshotAskedFor, createSnapshot } from './create.js'
import type { Deadline } from '../polling/deadline.js'
import { failedBeforeWait, notWaited } from '../verdict/early-outcomes.js'
import { type ListedSelection, findListedSnapshots } from '../finding/listed-snapshots.js'
import { type SnapshotListing, listAllSnapshots, readHistory } from '../finding/snapshot-listing.js'
import { HISTORY_PAGE_SIZE, finishPredictor, once } from '../history/prediction.js'
import type { StatusRules } from '../verdict/snapshot-tracker.js'
import type { StepWatch } from './waiter.js'

export { failedBeforeWait, notWaited } from '../verdict/early-outcomes.js'
import {
  type PollingOptions,
  type WaitLog,
  type WaitOutcome,
  waitForSnapshot,
  waitForSnapshots
} from './waiter.js'

/** Which snapshots one step checks: the `snapshot-id` input, plus the filters for latest/all. */
export type SnapshotSelection =
  | { kind: 'ids'; ids: string[] }
  | (ListedSelection & { kind: 'latest' })
  | (ListedSelection & { kind: 'all' })
  /** Create one, then wait for it. */
  | { kind: 'new'; snapshot: NewSnapshot }

export interface CheckDependencies {
  client: PaiDswCalls
  /** Told the ID of a snapshot this step created, the moment it is known. */
  onCreated?: (snapshotId: string) => void
  /** Told how many snapshots of an instance `max-age` left out, when it left any out. */
  onTooOld?: (instanceId: string, count: number) => void
  clock: Clock
  random: () => number
  /** The step's log; `group` folds the lines of each snapshot when the step checks several. */
  log: WaitLog & { group?(title: string, lines: readonly string[]): void }
  signal?: AbortSignal
  /** The step's progress line (the action layer draws it), shared by every wait of the step. */
  progress?: StepWatch
}

/** What to check and how long to wait: the part of the action's inputs this layer needs. */
export interface CheckRequest extends StatusRules {
  instanceId: string
  /** One of several instances checked in one step: an instance without snapshots is reported. */
  severalInstances?: boolean
  snapshots: SnapshotSelection
  /** The step's deadline, shared by every instance and every part of the check. */
  deadline: Deadline
  pollIntervalMs: number
  maxPollIntervalMs: number
  /** Gather polls where the instance's past snapshots say the snapshot should finish. */
  historyAwarePolling?: boolean
}

/** What every mode shares: the request and the dependencies. */
interface Check {
  request: CheckRequest
  deps: CheckDependencies
  subject(snapshotId: string): string
  /** The waiter's options: the step's deadline, so finding the snapshots comes off it. */
  polling: PollingOptions
}

/**
 * Waits for the snapshots the inputs select — one or several IDs, the latest, or all of an
 * instance's — and returns one outcome per snapshot (or one describing why none could be found).
 */
export async function checkSnapshots(
  request: CheckRequest,
  deps: CheckDependencies
): Promise<WaitOutcome[]> {
  const history = once(() =>
    readHistory(deps.client, request.instanceId, HISTORY_PAGE_SIZE, request.deadline)
  )
  const check: Check = {
    request,
    deps,
    subject: id => `snapshot ${id} of instance ${request.instanceId}`,
    polling: {
      ...request,
      clock: deps.clock,
      random: deps.random,
      log: deps.log,
      signal: deps.signal,
      progress: deps.progress,
      predictFinish: predictor(request, deps, history)
    }
  }
  const outcomes = await checkSelection(check, request.snapshots)
  return outcomes.map(outcome => ({ ...outcome, instanceId: request.instanceId }))
}

/**
 * History-aware polling, when on: the instance's history is read at most once per step (and not
 * at all when a listing already read it, or when no snapshot is still in progress).
 */
function predictor(
  request: CheckRequest,
  deps: CheckDependencies,
  history: () => Promise<readonly Snapshot[]>
): PollingOptions['predictFinish'] {
  if (!request.historyAwarePolling) return undefined
  return finishPredictor({
    ...request,
    history,
    clock: deps.clock,
    clockSkewMs: () => deps.client.clockSkewMs,
    log: deps.log
  })
}

/** The waiter's options for snapshots found by a listing: its history needs no other request. */
function pollingAfter(check: Check, listing: SnapshotListing): PollingOptions {
  const history = listing.history ?? listing.snapshots
  return {
    ...check.polling,
    predictFinish: predictor(check.request, check.deps, async () => history)
  }
}

async function checkSelection(check: Check, selection: SnapshotSelection): Promise<WaitOutcome[]> {
  if (selection.kind === 'ids') return checkSnapshotIds(check, selection.ids)
  if (selection.kind === 'new') return [await createAndWait(check, selection.snapshot)]
  const found = await findListedSnapshots(
    {
      ...check.request,
      client: check.deps.client,
      pacing: { ...check.request, ...check.deps },
      onTooOld: check.deps.onTooOld,
      latestPageSize: check.request.historyAwarePolling ? HISTORY_PAGE_SIZE : 1
    },
    selection
  )
  if (found.kind === 'ended') return [found.outcome]
  if (found.kind === 'nothing') return []
  return selection.kind === 'latest'
    ? [await waitForLatest(check, found.listing)]
    : waitForAll(check, found.listing)
}

function checkSnapshotIds(check: Check, ids: readonly string[]): Promise<WaitOutcome[]> {
  const { client } = check.deps
  const { instanceId } = check.request
  return Promise.all(
    ids.map(id =>
      waitForSnapshot({
        ...check.polling,
        snapshotId: id,
        subject: check.subject(id),
        poll: () => client.getInstanceSnapshot(instanceId, id)
      })
    )
  )
}

/** The listing already tells each status: it serves as the first poll, then it is forgotten. */
function firstRoundFrom(listing: SnapshotListing): () => SnapshotListing | undefined {
  let first: SnapshotListing | undefined = listing
  return () => {
    const round = first
    first = undefined
    return round
  }
}

function waitForLatest(check: Check, listing: SnapshotListing): Promise<WaitOutcome> {
  const id = listing.snapshots[0]?.SnapshotId ?? ''
  const takeFirstRound = firstRoundFrom(listing)
  return waitForSnapshot({
    ...pollingAfter(check, listing),
    snapshotId: id,
    subject: check.subject(id),
    poll: async () => {
      const round = takeFirstRound()
      return round
        ? { snapshot: round.snapshots[0]!, requestId: round.requestId }
        : check.deps.client.getInstanceSnapshot(check.request.instanceId, id)
    }
  })
}

function waitForAll(check: Check, listing: SnapshotListing): Promise<WaitOutcome[]> {
  const takeFirstRound = firstRoundFrom(listing)
  return waitForSnapshots({
    ...pollingAfter(check, listing),
    snapshotIds: listing.snapshots.map(s => s.SnapshotId ?? ''),
    describe: check.subject,
    pollRound: async () => {
      // Later rounds look the chosen IDs up in the whole listing, without the filter: it chose
      // them once, and a snapshot whose labels change while it is pushed is still the one waited for.
      const round =
        takeFirstRound() ??
        (await listAllSnapshots(
          check.deps.client,
          check.request.instanceId,
          {},
          check.request.deadline
        ))
      return new Map<string, SnapshotResponse>(
        round.snapshots.map(snapshot => [
          snapshot.SnapshotId ?? '',
          { snapshot, requestId: round.requestId }
        ])
      )
    }
  })
}

/** Creates one snapshot (never two), then waits for it exactly as for a given ID. */
async function createAndWait(check: Check, snapshot: NewSnapshot): Promise<WaitOutcome> {
  const { client, onCreated } = check.deps
  const { instanceId } = check.request
  let snapshotId: string
  try {
    snapshotId = await createSnapshot(client, instanceId, snapshot, {
      ...check.request,
      ...check.deps,
      onCreated: id => onCreated?.(id)
    })
  } catch (error) {
    if (error instanceof NotTheSnapshotAskedFor) {
      // Our own snapshot, pushing another image than asked for: a failure, as when it is Saved.
      const { snapshotId: ours, message } = error
      return { ...notWaited('failure', sentence(message), elapsed(check)), snapshotId: ours }
    }
    const what = `snapshot ${snapshot.snapshotName} of instance ${instanceId}`
    const doing = { failed: `Could not create ${what}`, while: `creating ${what}` }
    return failedBeforeWait(doing, error, elapsed(check))
  }
  return waitForSnapshot({
    ...check.polling,
    expectedImageUrl: snapshot.imageUrl,
    snapshotId,
    subject: check.subject(snapshotId),
    poll: () => client.getInstanceSnapshot(instanceId, snapshotId)
  })
}

const elapsed = (check: Check) => check.request.deadline.elapsed()
