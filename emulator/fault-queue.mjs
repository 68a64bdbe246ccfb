// Faults waiting to be served, consumed in order by the requests they match.

const KINDS = [
  'error',
  'reset',
  'stall',
  'html',
  'truncated',
  'oversize',
  'respond',
  'unsuccessful',
  'redirect',
  'lose-answer'
]

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
    validateAnswer(spec)
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

/**
 * What 'respond', 'unsuccessful' and 'redirect' send must be sendable: a real HTTP status, a
 * Location to go to, one body at most, an envelope of the right types.
 * @param {import('./types.mjs').FaultSpec} spec
 */
function validateAnswer(spec) {
  const { httpStatus } = spec
  if (
    httpStatus !== undefined &&
    !(Number.isInteger(httpStatus) && httpStatus >= 200 && httpStatus <= 599)
  ) {
    throw new TypeError(`fault httpStatus must be an integer from 200 to 599, got ${httpStatus}`)
  }
  if (spec.kind === 'redirect' && (typeof spec.location !== 'string' || spec.location === '')) {
    throw new TypeError(`a redirect fault needs a location, got ${spec.location}`)
  }
  if (spec.kind === 'respond') {
    if (spec.body !== undefined && spec.rawBody !== undefined) {
      throw new TypeError('a respond fault takes body or rawBody, not both')
    }
    if (spec.rawBody !== undefined && typeof spec.rawBody !== 'string') {
      throw new TypeError(`a respond fault's rawBody must be a string, got ${typeof spec.rawBody}`)
    }
  }
  if (spec.kind === 'unsuccessful') {
    for (const key of /** @type {const} */ (['code', 'message'])) {
      if (spec[key] !== undefined && typeof spec[key] !== 'string') {
        throw new TypeError(
          `an unsuccessful fault's ${key} must be a string, got ${typeof spec[key]}`
        )
      }
    }
    if (spec.httpStatusCode !== undefined && !Number.isInteger(spec.httpStatusCode)) {
      throw new TypeError(
        `an unsuccessful fault's httpStatusCode must be an integer, got ${spec.httpStatusCode}`
      )
    }
  }
}
