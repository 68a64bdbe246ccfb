// Faults waiting to be served, consumed in order by the requests they match.

const KINDS = ['error', 'reset', 'stall', 'html', 'truncated', 'oversize']

export class FaultQueue {
  /** @type {Array<{ spec: import('./types.mjs').FaultSpec, left: number }>} */
  #entries = []

  /** @param {import('./types.mjs').FaultSpec[]} specs */
  constructor(specs) {
    specs.forEach(spec => this.add(spec))
  }

  /** @param {import('./types.mjs').FaultSpec} spec */
  add(spec) {
    if (!KINDS.includes(spec?.kind)) {
      throw new TypeError(`fault kind must be one of ${KINDS.join(', ')}, got ${spec?.kind}`)
    }
    const times = spec.times ?? 1
    if (!(Number.isInteger(times) && times > 0)) {
      throw new TypeError(`fault times must be a positive integer, got ${spec.times}`)
    }
    this.#entries.push({ spec, left: times })
  }

  /**
   * The first fault with uses left that matches the request, used up by one.
   * @param {string | undefined} action
   * @param {string | undefined} snapshotId
   */
  take(action, snapshotId) {
    const entry = this.#entries.find(
      ({ spec, left }) =>
        left > 0 &&
        (spec.action === undefined || spec.action === action) &&
        (spec.snapshotId === undefined || spec.snapshotId === snapshotId)
    )
    if (entry) entry.left -= 1
    return entry?.spec
  }
}
