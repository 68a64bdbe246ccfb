// The emulated instances and their snapshots.
import { DEFAULT_WORKSPACE_ID, instanceSpecOf } from './instance-spec.mjs'
import {
  SnapshotTimeline,
  validateFields,
  validateListedAfterMs,
  validateTimeline
} from './snapshot-timeline.mjs'

/**
 * @typedef {object} StoredSnapshot
 * @property {import('./types.mjs').SnapshotSpec} spec
 * @property {SnapshotTimeline} timeline
 * @property {number} createdAt server-clock ms of GmtCreateTime, the sort key of listings
 * @property {number} listedFrom local-clock ms from which ListInstanceSnapshot shows it
 * @property {string} gmtCreateTime as reported
 */

/**
 * @typedef {object} StoredInstance
 * @property {import('./types.mjs').InstanceSpec} spec as declared; just the ID when it was not
 * @property {boolean} declared whether an instance description was given
 * @property {number} createdAt server-clock ms of GmtCreateTime, the sort key of ListInstances
 * @property {string} gmtCreateTime as reported
 * @property {StoredSnapshot[]} snapshots in the order added
 */

/**
 * An instance with its defaults filled in, as ListInstances and CreateInstanceSnapshot see it.
 * @typedef {object} InstanceView
 * @property {string} instanceId
 * @property {string} instanceName
 * @property {string} workspaceId
 * @property {string} workspaceName
 * @property {'PayAsYouGo' | 'Subscription'} paymentType
 * @property {string} status
 * @property {import('./types.mjs').SnapshotLabel[]} labels
 * @property {number} createdAt
 * @property {string} gmtCreateTime
 * @property {Record<string, unknown> | undefined} fields
 * @property {StoredSnapshot[]} snapshots
 */

export class SnapshotStore {
  /** @type {Map<string, StoredInstance>} instance id → the instance, in the order first seen */
  #instances = new Map()
  #clock
  #defaultWorkspaceId

  /**
   * @param {import('./emulator-clock.mjs').EmulatorClock} clock
   * @param {string} [defaultWorkspaceId]
   */
  constructor(clock, defaultWorkspaceId = DEFAULT_WORKSPACE_ID) {
    this.#clock = clock
    this.#defaultWorkspaceId = defaultWorkspaceId
  }

  get defaultWorkspaceId() {
    return this.#defaultWorkspaceId
  }

  /**
   * An instance ID (no-op if it exists) or a description (which may describe an instance that so
   * far only owned snapshots, but not one described before).
   * @param {string | import('./types.mjs').InstanceSpec} entry
   */
  addInstance(entry) {
    const spec = instanceSpecOf(entry)
    const declared = typeof entry !== 'string'
    const existing = this.#instances.get(spec.instanceId)
    if (existing && !declared) return
    if (existing?.declared) throw new Error(`instance ${spec.instanceId} already exists`)
    const now = this.#clock.localNow()
    const createdAt =
      spec.gmtCreateTime !== undefined
        ? Date.parse(spec.gmtCreateTime)
        : (existing?.createdAt ?? now + this.#clock.skewMs)
    this.#instances.set(spec.instanceId, {
      spec,
      declared,
      createdAt,
      gmtCreateTime: spec.gmtCreateTime ?? existing?.gmtCreateTime ?? this.#clock.serverIso(now),
      snapshots: existing?.snapshots ?? []
    })
  }

  /** @param {import('./types.mjs').SnapshotSpec} spec */
  add(spec) {
    validateSnapshotSpec(spec)
    if (this.find(spec.instanceId, spec.snapshotId)) {
      throw new Error(`snapshot ${spec.snapshotId} of ${spec.instanceId} already exists`)
    }
    const now = this.#clock.localNow()
    const createdAt =
      spec.gmtCreateTime === undefined ? now + this.#clock.skewMs : Date.parse(spec.gmtCreateTime)
    this.addInstance(spec.instanceId)
    this.#instances.get(spec.instanceId)?.snapshots.push({
      spec,
      timeline: new SnapshotTimeline(spec.timeline, now),
      createdAt,
      listedFrom: now + (spec.listedAfterMs ?? 0),
      gmtCreateTime: spec.gmtCreateTime ?? this.#clock.serverIso(now)
    })
  }

  /** @param {string} instanceId */
  hasInstance(instanceId) {
    return this.#instances.has(instanceId)
  }

  /**
   * @param {string} instanceId
   * @returns {InstanceView | undefined}
   */
  instance(instanceId) {
    const stored = this.#instances.get(instanceId)
    return stored && this.#view(stored)
  }

  /** Every instance, in the order first seen. */
  instances() {
    return [...this.#instances.values()].map(stored => this.#view(stored))
  }

  /**
   * @param {string} instanceId
   * @param {string} snapshotId
   */
  find(instanceId, snapshotId) {
    return this.snapshotsOf(instanceId).find(stored => stored.spec.snapshotId === snapshotId)
  }

  /** @param {string} instanceId */
  snapshotsOf(instanceId) {
    return this.#instances.get(instanceId)?.snapshots ?? []
  }

  /**
   * @param {string} snapshotId
   * @param {string} status
   */
  statusReachedAt(snapshotId, status) {
    for (const { snapshots } of this.#instances.values()) {
      const stored = snapshots.find(candidate => candidate.spec.snapshotId === snapshotId)
      if (stored) return stored.timeline.statusReachedAt(status, this.#clock.localNow())
    }
    return undefined
  }

  /**
   * @param {StoredInstance} stored
   * @returns {InstanceView}
   */
  #view({ spec, createdAt, gmtCreateTime, snapshots }) {
    const workspaceId = spec.workspaceId ?? this.#defaultWorkspaceId
    return {
      instanceId: spec.instanceId,
      instanceName: spec.instanceName ?? spec.instanceId,
      workspaceId,
      workspaceName: spec.workspaceName ?? workspaceId,
      paymentType: spec.paymentType ?? 'PayAsYouGo',
      status: spec.status ?? 'Running',
      labels: spec.labels ?? [],
      createdAt,
      gmtCreateTime,
      fields: spec.fields,
      snapshots
    }
  }
}

/**
 * @param {import('./types.mjs').SnapshotSpec} spec
 */
function validateSnapshotSpec(spec) {
  for (const key of /** @type {const} */ (['instanceId', 'snapshotId'])) {
    if (typeof spec?.[key] !== 'string' || spec[key] === '') {
      throw new TypeError(`snapshot spec: ${key} must be a non-empty string`)
    }
  }
  if (spec.gmtCreateTime !== undefined && Number.isNaN(Date.parse(spec.gmtCreateTime))) {
    throw new TypeError(`snapshot ${spec.snapshotId}: gmtCreateTime is not a date`)
  }
  validateFields(spec.fields, `snapshot ${spec.snapshotId}: fields`)
  validateListedAfterMs(spec.listedAfterMs, `snapshot ${spec.snapshotId}: listedAfterMs`)
  validateTimeline(spec.timeline, `snapshot ${spec.snapshotId}`)
}

/**
 * The newest of some snapshots by creation time; of equals, the last added.
 * @param {StoredSnapshot[]} snapshots in the order added
 */
export function newestSnapshot(snapshots) {
  return snapshots.reduce(
    (/** @type {StoredSnapshot | undefined} */ newest, stored) =>
      newest === undefined || stored.createdAt >= newest.createdAt ? stored : newest,
    undefined
  )
}
