import { randomUUID } from 'node:crypto'
import type { CreateSnapshotBody, PaiDswCalls } from '../aliyun/pai-dsw-client.js'
import { newestFirst } from '../finding/snapshot-listing.js'
import type { Snapshot } from '../aliyun/snapshot.js'
import { formatDuration } from '../duration.js'
import { ApiError, errorMessage } from '../errors.js'
import { isRefusedConnection } from '../http/transport.js'
import { plural, quoted } from '../text.js'
import { deliveredImage } from '../verdict/delivered-image.js'
import { loopUntilDone } from '../polling/loop.js'
import { CancelledError, type RetryOptions, retrying } from '../polling/retrying.js'

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
 * The snapshot this step made (it bears one of the step's markers) reports another name or image
 * than the one asked for. It is ours, so nothing is created again; the step fails naming both.
 */
export class NotTheSnapshotAskedFor extends Error {
  constructor(
    readonly snapshotId: string,
    message: string
  ) {
    super(message)
    this.name = 'NotTheSnapshotAskedFor'
  }
}

/**
 * Creates one snapshot of the instance and returns its ID — never someone else's, and never a
 * second one while the listing may still show the first. Each attempt labels its snapshot with a
 * fresh marker (`ATTEMPT_LABEL`). When a create may have succeeded without our hearing of it (a
 * timeout, a reset, a 5xx, an internal error or an unreadable 200), the listing is re-read for up
 * to `not-found-timeout` for a snapshot bearing one of our markers before anything is sent again:
 * such a snapshot is ours and is adopted (the earliest attempt's, when several are), and if it
 * names another image the step fails rather than create again. Throttling and refused
 * connections prove nothing was created and are simply retried; permanent refusals are thrown.
 */
export async function createSnapshot(
  client: PaiDswCalls,
  instanceId: string,
  spec: NewSnapshot,
  options: CreateOptions
): Promise<string> {
  const attempts = new CreateAttempts(client, instanceId, spec, options)
  let snapshotId: string
  try {
    snapshotId = await retrying(() => attempts.next(), options)
  } catch (error) {
    // Ours, though not what was asked for: a cleanup step must still learn its ID.
    if (error instanceof NotTheSnapshotAskedFor) options.onCreated(error.snapshotId)
    throw error
  }
  options.log.info(
    `Created snapshot ${spec.snapshotName} (${snapshotId}) of instance ${instanceId}: ` +
      `committing it and pushing it to ${spec.imageUrl}`
  )
  options.onCreated(snapshotId)
  return snapshotId
}

/** The create attempts of one step: their markers, and what is known of a lost answer. */
class CreateAttempts {
  /** Each attempt's marker, in the order sent: the first is the earliest attempt. */
  private readonly markers: string[] = []
  /** The markers of the attempts whose answers were lost. */
  private readonly lostMarkers: string[] = []
  /** The latest create whose answer was lost: its marker, when, and how it failed. */
  private lost?: { marker: string; at: number; error: unknown }

  constructor(
    private readonly client: PaiDswCalls,
    private readonly instanceId: string,
    private readonly spec: NewSnapshot,
    private readonly options: CreateOptions
  ) {}

  /** One try: adopt what a lost create made, or create (again). */
  async next(): Promise<string> {
    if (this.lost) {
      const marked = await this.listUntilShown(this.lost.marker, this.lost.at)
      if (marked.length > 0) return this.adopt(marked, undefined)
      // No time left to look further, and a create now could make a second snapshot.
      if (this.options.deadline.remaining() <= 0) throw this.lost.error
      this.options.log.info(
        `No snapshot marked by this step was listed within not-found-timeout ` +
          `(${formatDuration(this.options.notFoundTimeoutMs)}) of the lost answer: creating it again`
      )
    }
    const marker = (this.options.newMarker ?? randomUUID)()
    this.markers.push(marker)
    let snapshotId: string
    try {
      const body = createBody(this.spec, marker)
      snapshotId = (await this.client.createInstanceSnapshot(this.instanceId, body)).snapshotId
    } catch (error) {
      if (mayHaveCreated(error)) {
        this.lost = { marker, at: this.options.clock.now(), error }
        this.lostMarkers.push(marker)
      }
      throw error
    }
    return this.lost ? this.afterLostAnswers(snapshotId, marker) : snapshotId
  }

  /**
   * A create answered after earlier answers were lost: an earlier attempt's snapshot may yet be
   * listed. The listing is read until it shows the new one (and so every earlier one), for up to
   * `not-found-timeout`; the earliest of ours is kept.
   */
  private async afterLostAnswers(snapshotId: string, marker: string): Promise<string> {
    let marked: Snapshot[] = []
    let unread = ''
    try {
      marked = await this.listUntilShown(marker, this.options.clock.now())
    } catch (error) {
      if (error instanceof CancelledError) {
        // Made all the same: a cleanup step must learn its ID (earlier ones may exist too).
        this.options.onCreated(snapshotId)
        throw error
      }
      unread = ` (${errorMessage(error)})`
    }
    if (marked.some(s => s.SnapshotId !== snapshotId)) return this.adopt(marked, snapshotId)
    if (!marked.some(s => s.SnapshotId === snapshotId)) {
      this.options.log.warning(
        `Snapshot ${snapshotId} was created after a lost answer, but the listing did not show it ` +
          `within not-found-timeout${unread}: an earlier attempt may have made a snapshot too. ` +
          `Delete any snapshot labelled ${ATTEMPT_LABEL} with ${this.lostMarkers.join(' or ')}`
      )
    }
    return snapshotId
  }

  /**
   * Re-reads the newest snapshots, on the step's pacing, until one bears `awaited` (the latest
   * attempt's marker), `not-found-timeout` has passed since `since`, or the deadline. Returns the
   * snapshots bearing any of our markers from the last read, the earliest attempt's first.
   */
  private async listUntilShown(awaited: string, since: number): Promise<Snapshot[]> {
    const { clock, notFoundTimeoutMs } = this.options
    let marked: Snapshot[] = []
    const ending = await loopUntilDone(this.options, async () => {
      marked = await this.listMarked()
      const shown = marked.some(s => attemptMarker(s) === awaited)
      if (shown || clock.now() - since >= notFoundTimeoutMs) return { done: true }
      const what = `the snapshot of this step's latest create is not listed yet`
      const note = `a listing can lag; looking for up to ${formatDuration(notFoundTimeoutMs)}`
      return { done: false, retries: [{ what, note }], retryAfterMs: 0 }
    })
    if (ending === 'cancelled') throw new CancelledError()
    return marked
  }

  /** The newest snapshots that bear one of this step's markers, the earliest attempt's first. */
  private async listMarked(): Promise<Snapshot[]> {
    const page = await newestFirst(this.client, this.instanceId, {
      pageNumber: 1,
      pageSize: RECENT_PAGE_SIZE
    })
    const attemptOf = (s: Snapshot) => this.markers.indexOf(attemptMarker(s) ?? '')
    return page.snapshots.filter(s => attemptOf(s) >= 0).sort((a, b) => attemptOf(a) - attemptOf(b))
  }

  /**
   * Keeps the earliest of our snapshots, names the others (`created` among them when it is not
   * kept) for deletion, and fails if the one kept is not the name and image asked for.
   */
  private adopt(marked: readonly Snapshot[], created: string | undefined): string {
    const [ours, ...extra] = marked as [Snapshot, ...Snapshot[]]
    const id = ours.SnapshotId!
    const extraIds = new Set(extra.map(s => s.SnapshotId!))
    if (created && created !== id) extraIds.add(created)
    if (extraIds.size > 0) {
      this.options.log.warning(
        `This step's create attempts made ${plural(extraIds.size + 1, 'snapshot')}, as answers ` +
          `were lost: ${id}, the first, is used; delete the others: ${[...extraIds].join(', ')}`
      )
    }
    const problem = this.notAskedFor(ours)
    if (problem) throw new NotTheSnapshotAskedFor(id, problem)
    this.options.log.info(
      `The answer to the create was lost, but snapshot ${id} named ${this.spec.snapshotName}, ` +
        `marked by this step, was created: using it`
    )
    return id
  }

  /** Why our own snapshot is not the one asked for, if it is not. */
  private notAskedFor(ours: Snapshot): string | undefined {
    const { snapshotName, imageUrl } = this.spec
    const sameName = ours.SnapshotName === snapshotName
    if (sameName && 'imageUrl' in deliveredImage(ours.ImageUrl, imageUrl)) return undefined
    const reported = (value: string | undefined) => (value ? quoted(value) : '(none)')
    return (
      `snapshot ${ours.SnapshotId}, made by this step after a lost answer, names ` +
      `${reported(ours.SnapshotName)} and image ${reported(ours.ImageUrl)}, not the ` +
      `${snapshotName} and ${imageUrl} asked for; it was not created again. Check the image-url ` +
      `input and delete the snapshot if it is not wanted`
    )
  }
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
