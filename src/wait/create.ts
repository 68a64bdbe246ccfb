import { randomUUID } from 'node:crypto'
import type { CreateSnapshotBody, PaiDswClient } from '../aliyun/pai-dsw-client.js'
import type { Snapshot } from '../aliyun/snapshot.js'
import { ApiError } from '../errors.js'
import { isRefusedConnection } from '../http/transport.js'
import { deliveredImage } from './delivered-image.js'
import { type RetryOptions, retrying } from './retrying.js'

/** What `snapshot-id: new` creates: the body of CreateInstanceSnapshot, in our words. */
export interface NewSnapshot {
  /** The image to push, with its tag (the snapshot name when none was given). */
  imageUrl: string
  snapshotName: string
  description: string
  labels: Record<string, string>
  excludePaths: string[]
  overwrite: boolean
}

export interface CreateOptions extends Omit<RetryOptions, 'log'> {
  /** Told the new ID as soon as it is known, before any wait. */
  onCreated(snapshotId: string): void
  /** A fresh, unguessable marker for each create attempt (injectable for tests). */
  newMarker?: () => string
  log: { info(message: string): void; warning(message: string): void }
}

/**
 * The label each create attempt carries, with a value unique to that attempt: after a lost answer
 * it tells the snapshot this step made from any other of the same name (another run, another
 * client), which the name alone cannot (names are predictable and may be reused).
 */
export const ATTEMPT_LABEL = 'wait-for-pai-dsw-snapshot.attempt'

/** Snapshots per page when looking for one this step may have created: the newest are enough. */
const RECENT_PAGE_SIZE = 100

/**
 * Creates one snapshot of the instance and returns its ID — never two, and never someone else's.
 * Each attempt labels its snapshot with a fresh marker (`ATTEMPT_LABEL`). When a create may have
 * succeeded without our hearing of it (a timeout, a reset, a 5xx, an internal error or an
 * unreadable 200), the newest snapshots are searched for one bearing a marker of ours and asking
 * for the same image before anything is sent again; only that one is adopted. Throttling and
 * refused connections prove nothing was created and are simply retried; permanent refusals are
 * thrown at once.
 */
export async function createSnapshot(
  client: PaiDswClient,
  instanceId: string,
  spec: NewSnapshot,
  options: CreateOptions
): Promise<string> {
  const newMarker = options.newMarker ?? randomUUID
  const markers: string[] = []
  let answerLost = false
  const snapshotId = await retrying(async () => {
    if (answerLost) {
      const adopted = await findOurSnapshot(client, instanceId, spec, markers, options)
      if (adopted) return adopted
    }
    const marker = newMarker()
    markers.push(marker)
    try {
      return (await client.createInstanceSnapshot(instanceId, createBody(spec, marker))).snapshotId
    } catch (error) {
      answerLost ||= mayHaveCreated(error)
      throw error
    }
  }, options)
  options.log.info(
    `Created snapshot ${spec.snapshotName} (${snapshotId}) of instance ${instanceId}: ` +
      `committing it and pushing it to ${spec.imageUrl}`
  )
  options.onCreated(snapshotId)
  return snapshotId
}

/** The snapshot one of our lost creates made: our marker, our name, our image. */
async function findOurSnapshot(
  client: PaiDswClient,
  instanceId: string,
  spec: NewSnapshot,
  markers: readonly string[],
  options: CreateOptions
): Promise<string | undefined> {
  const page = await client.listInstanceSnapshots(instanceId, {
    pageNumber: 1,
    pageSize: RECENT_PAGE_SIZE,
    order: 'DESC'
  })
  const marked = page.snapshots.filter(s => markers.includes(attemptMarker(s) ?? ''))
  const ours = marked.find(
    s =>
      s.SnapshotName === spec.snapshotName &&
      'imageUrl' in deliveredImage(s.ImageUrl, spec.imageUrl)
  )
  if (ours) {
    options.log.info(
      `The answer to the create was lost, but snapshot ${ours.SnapshotId} named ` +
        `${spec.snapshotName}, marked by this step, was created: using it`
    )
    return ours.SnapshotId
  }
  for (const other of marked) {
    // Our marker on another name or image: not ours to adopt, whatever made it.
    options.log.warning(
      `Snapshot ${other.SnapshotId} bears this step's marker but names ${other.SnapshotName ?? '(none)'} ` +
        `and image ${other.ImageUrl ?? '(none)'}, not ${spec.snapshotName} and ${spec.imageUrl}: not adopted`
    )
  }
  return undefined
}

function attemptMarker(snapshot: Snapshot): string | undefined {
  return snapshot.Labels?.find(label => label.Key === ATTEMPT_LABEL)?.Value
}

/**
 * Whether a failed create may still have created the snapshot: the request went out and no
 * answer we could read came back, or the service's internal error left it unclear. A refused
 * connection never reached the service; throttling and the service's other refusals say it did
 * nothing.
 */
export function mayHaveCreated(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  if (error.kind === 'server' || error.kind === 'internal') return true
  return error.kind === 'network' && !isRefusedConnection(error)
}

/** The API's body: each optional key only when set, and the attempt's marker among the labels. */
export function createBody(spec: NewSnapshot, marker: string): CreateSnapshotBody {
  const labels = Object.entries({ ...spec.labels, [ATTEMPT_LABEL]: marker }).map(
    ([Key, Value]) => ({ Key, Value })
  )
  return {
    ImageUrl: spec.imageUrl,
    SnapshotName: spec.snapshotName,
    ...(spec.description ? { SnapshotDescription: spec.description } : {}),
    Labels: labels,
    ...(spec.excludePaths.length ? { ExcludePaths: spec.excludePaths } : {}),
    // Always said, so an existing tag is never overwritten by a service-side default.
    Overwrite: spec.overwrite
  }
}
