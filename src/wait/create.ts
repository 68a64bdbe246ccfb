import type { CreateSnapshotBody, PaiDswClient } from '../aliyun/pai-dsw-client.js'
import { ApiError } from '../errors.js'
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

export interface CreateOptions extends RetryOptions {
  /** Told the new ID as soon as it is known, before any wait. */
  onCreated(snapshotId: string): void
}

/** Snapshots per page when looking for one this step may have created: the newest are enough. */
const RECENT_PAGE_SIZE = 100

/**
 * Creates one snapshot of the instance and returns its ID — never two, even when an answer is
 * lost. Before the first attempt it notes the snapshots that already bear the name; when a create
 * may have succeeded without our hearing of it (a timeout, a reset, a 5xx or an unreadable 200),
 * it looks for a new snapshot of that name before sending again, and adopts it. Throttling and
 * refused connections prove nothing was created and are simply retried; permanent refusals are
 * thrown at once.
 */
export async function createSnapshot(
  client: PaiDswClient,
  instanceId: string,
  spec: NewSnapshot,
  options: CreateOptions
): Promise<string> {
  const before = await retrying(() => namesakes(client, instanceId, spec.snapshotName), options)
  let answerLost = false
  const snapshotId = await retrying(async () => {
    if (answerLost) {
      const now = await namesakes(client, instanceId, spec.snapshotName)
      const adopted = [...now].find(id => !before.has(id))
      if (adopted) {
        options.log.info(
          `The answer to the create was lost, but snapshot ${adopted} named ` +
            `${spec.snapshotName} was created: using it`
        )
        return adopted
      }
    }
    try {
      return (await client.createInstanceSnapshot(instanceId, createBody(spec))).snapshotId
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

/** IDs of the newest snapshots of the instance named `name`. */
async function namesakes(client: PaiDswClient, instanceId: string, name: string) {
  const page = await client.listInstanceSnapshots(instanceId, {
    pageNumber: 1,
    pageSize: RECENT_PAGE_SIZE,
    order: 'DESC'
  })
  return new Set(page.snapshots.filter(s => s.SnapshotName === name).map(s => s.SnapshotId!))
}

/**
 * Whether a failed create may still have created the snapshot: the request went out and no
 * answer we could read came back. A refused connection never reached the service; throttling and
 * the service's own 4xx answers say it did nothing.
 */
export function mayHaveCreated(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  if (error.kind === 'server') return true
  return error.kind === 'network' && error.code !== 'ECONNREFUSED'
}

/** The API's body: each optional key only when set. */
export function createBody(spec: NewSnapshot): CreateSnapshotBody {
  const labels = Object.entries(spec.labels).map(([Key, Value]) => ({ Key, Value }))
  return {
    ImageUrl: spec.imageUrl,
    SnapshotName: spec.snapshotName,
    ...(spec.description ? { SnapshotDescription: spec.description } : {}),
    ...(labels.length ? { Labels: labels } : {}),
    ...(spec.excludePaths.length ? { ExcludePaths: spec.excludePaths } : {}),
    // Always said, so an existing tag is never overwritten by a service-side default.
    Overwrite: spec.overwrite
  }
}
