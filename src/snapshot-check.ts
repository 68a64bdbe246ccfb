import type { PaiDswClient } from './client.js'
import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { ApiError, errorMessage } from './errors.js'
import type { Inputs } from './inputs.js'
import { CancelledError, retrying } from './retry.js'
import type { SnapshotResponse } from './snapshot.js'
import {
  type SnapshotListing,
  describeFilter,
  findLatestSnapshot,
  isFiltering,
  listAllSnapshots
} from './snapshot-list.js'
import {
  type PollingOptions,
  type WaitLog,
  type WaitOutcome,
  waitForSnapshot,
  waitForSnapshots
} from './waiter.js'

export interface CheckDependencies {
  client: PaiDswClient
  clock: Clock
  random: () => number
  log: WaitLog
  signal?: AbortSignal
}

type CheckInputs = Pick<
  Inputs,
  | 'instanceId'
  | 'snapshots'
  | 'timeoutMs'
  | 'pollIntervalMs'
  | 'maxPollIntervalMs'
  | 'notFoundTimeoutMs'
  | 'successStatuses'
  | 'failureStatuses'
>

/**
 * Waits for the snapshots the inputs select — one or several IDs, the latest, or all of an
 * instance's — and returns one outcome per snapshot (or one describing why none could be found).
 * Listings double as polls: a status already read from a list page is not asked for again.
 */
export async function checkSnapshots(
  inputs: CheckInputs,
  deps: CheckDependencies
): Promise<WaitOutcome[]> {
  const { client, clock } = deps
  const { instanceId, snapshots: selection } = inputs
  const started = clock.now()
  const subject = (id: string) => `snapshot ${id} of instance ${instanceId}`
  const polling = (): PollingOptions => ({
    ...inputs,
    // What finding the snapshots took comes off the overall timeout.
    timeoutMs: Math.max(0, inputs.timeoutMs - (clock.now() - started)),
    clock,
    random: deps.random,
    log: deps.log,
    signal: deps.signal
  })

  if (selection.kind === 'ids') {
    return Promise.all(
      selection.ids.map(id =>
        waitForSnapshot({
          ...polling(),
          snapshotId: id,
          subject: subject(id),
          poll: () => client.getInstanceSnapshot(instanceId, id)
        })
      )
    )
  }

  const what = `${selection.kind === 'latest' ? 'the latest snapshot' : 'the snapshots'} of instance ${instanceId}${describeFilter(selection.filter)}`
  let listing: SnapshotListing
  try {
    listing = await retrying(
      () =>
        selection.kind === 'latest'
          ? findLatestSnapshot(client, instanceId, selection.filter)
          : listAllSnapshots(client, instanceId, selection.filter),
      {
        ...inputs,
        deadline: started + inputs.timeoutMs,
        startedAt: started,
        clock,
        random: deps.random,
        log: deps.log,
        signal: deps.signal
      }
    )
  } catch (error) {
    return [resolutionFailed(error)]
  }
  if (listing.snapshots.length === 0) {
    return [
      unresolved(
        'error',
        `Instance ${instanceId} has no snapshots${describeFilter(selection.filter)}: check instance-id` +
          (isFiltering(selection.filter) ? ' and the filters' : '')
      )
    ]
  }
  deps.log.info(
    selection.kind === 'latest'
      ? `The latest snapshot of instance ${instanceId}${describeFilter(selection.filter)} is ${listing.snapshots[0]?.SnapshotId}`
      : `Checking ${listing.snapshots.length} snapshot(s) of instance ${instanceId}${describeFilter(selection.filter)}`
  )

  // The listing already tells each status: it serves as the first poll.
  let firstRound: SnapshotListing | undefined = listing
  const takeFirstRound = () => {
    const round = firstRound
    firstRound = undefined
    return round
  }
  if (selection.kind === 'latest') {
    const id = listing.snapshots[0]?.SnapshotId ?? ''
    return [
      await waitForSnapshot({
        ...polling(),
        snapshotId: id,
        subject: subject(id),
        poll: async () => {
          const round = takeFirstRound()
          return round
            ? { snapshot: round.snapshots[0]!, requestId: round.requestId }
            : client.getInstanceSnapshot(instanceId, id)
        }
      })
    ]
  }
  return waitForSnapshots({
    ...polling(),
    snapshotIds: listing.snapshots.map(s => s.SnapshotId ?? ''),
    describe: subject,
    pollRound: async () => {
      const round = takeFirstRound() ?? (await listAllSnapshots(client, instanceId))
      return new Map<string, SnapshotResponse>(
        round.snapshots.map(snapshot => [
          snapshot.SnapshotId ?? '',
          { snapshot, requestId: round.requestId }
        ])
      )
    }
  })

  function unresolved(result: WaitOutcome['result'], message: string): WaitOutcome {
    return {
      result,
      message,
      snapshotId: '',
      attempts: 0,
      waitedMs: clock.now() - started,
      timeline: []
    }
  }

  function resolutionFailed(error: unknown): WaitOutcome {
    if (error instanceof CancelledError) {
      return unresolved(
        'cancelled',
        `Cancelled after ${formatDuration(clock.now() - started)} while looking for ${what}`
      )
    }
    const transient = error instanceof ApiError && error.retryable
    return {
      ...unresolved(
        transient ? 'timeout' : 'error',
        `Could not find ${what}: ${errorMessage(error)}`
      ),
      error
    }
  }
}
