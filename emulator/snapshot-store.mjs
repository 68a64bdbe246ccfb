// The emulated instances and their snapshots.
import { SnapshotTimeline, validateFields, validateTimeline } from './snapshot-timeline.mjs'

/**
 * @typedef {object} StoredSnapshot
 * @property {import('./types.mjs').SnapshotSpec} spec
 * @property {SnapshotTimeline} timeline
 * @property {number} createdAt server-clock ms of GmtCreateTime, the sort key of listings
 * @property {string} gmtCreateTime as reported
 */

export class SnapshotStore {
  /** @type {Map<string, StoredSnapshot[]>} instance id → snapshots in the order added */
  #instances = new Map()
  #clock

  /** @param {import('./emulator-clock.mjs').EmulatorClock} clock */
  constructor(clock) {
    this.#clock = clock
  }

  /** @param {string} instanceId */
  addInstance(instanceId) {
    if (!this.#instances.has(instanceId)) this.#instances.set(instanceId, [])
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
    this.#instances.get(spec.instanceId)?.push({
      spec,
      timeline: new SnapshotTimeline(spec.timeline, now),
      createdAt,
      gmtCreateTime: spec.gmtCreateTime ?? this.#clock.serverIso(now)
    })
  }

  /** @param {string} instanceId */
  hasInstance(instanceId) {
    return this.#instances.has(instanceId)
  }

  /**
   * @param {string} instanceId
   * @param {string} snapshotId
   */
  find(instanceId, snapshotId) {
    return this.#instances.get(instanceId)?.find(stored => stored.spec.snapshotId === snapshotId)
  }

  /** @param {string} instanceId */
  snapshotsOf(instanceId) {
    return this.#instances.get(instanceId) ?? []
  }

  /**
   * @param {string} snapshotId
   * @param {string} status
   */
  statusReachedAt(snapshotId, status) {
    for (const snapshots of this.#instances.values()) {
      const stored = snapshots.find(candidate => candidate.spec.snapshotId === snapshotId)
      if (stored) return stored.timeline.statusReachedAt(status, this.#clock.localNow())
    }
    return undefined
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
  validateTimeline(spec.timeline, `snapshot ${spec.snapshotId}`)
}
