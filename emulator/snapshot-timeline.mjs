// The scripted life of one snapshot: which status it is in, since when, and when each status was
// first entered.

/**
 * @typedef {object} TimelinePosition
 * @property {import('./types.mjs').TimelineStep} step
 * @property {number} startedAt local ms when this step began
 */

export class SnapshotTimeline {
  /** @type {import('./types.mjs').TimelineStep[]} */
  #steps
  #index = 0
  #startedAt
  #pollsInStep = 0
  /** @type {Map<string, number>} */
  #reachedAt = new Map()

  /**
   * @param {import('./types.mjs').TimelineStep[]} steps validated by validateTimeline()
   * @param {number} startedAt local ms
   */
  constructor(steps, startedAt) {
    this.#steps = steps
    this.#startedAt = startedAt
    this.#reachedAt.set(this.#step.status, startedAt)
  }

  /**
   * One read of the snapshot by the API: counts towards a `polls` step.
   * @param {number} now local ms
   * @returns {TimelinePosition}
   */
  poll(now) {
    this.#advance(now, true)
    this.#pollsInStep += 1
    return this.#position
  }

  /**
   * The current position without counting a read: time-based steps still move on.
   * @param {number} now local ms
   * @returns {TimelinePosition}
   */
  peek(now) {
    this.#advance(now, false)
    return this.#position
  }

  /**
   * @param {string} status
   * @param {number} now local ms
   */
  statusReachedAt(status, now) {
    this.#advance(now, false)
    return this.#reachedAt.get(status)
  }

  get #step() {
    return /** @type {import('./types.mjs').TimelineStep} */ (this.#steps[this.#index])
  }

  get #position() {
    return { step: this.#step, startedAt: this.#startedAt }
  }

  /**
   * Moves past every step that is over. A time step ends at an exact moment, even if nobody was
   * looking; a poll step ends only when a poll arrives that it no longer covers.
   * @param {number} now
   * @param {boolean} polling
   */
  #advance(now, polling) {
    while (this.#index < this.#steps.length - 1) {
      const { ms, polls } = this.#step
      if (ms !== undefined && now - this.#startedAt >= ms) {
        this.#enterNext(this.#startedAt + ms)
      } else if (polls !== undefined && polling && this.#pollsInStep >= polls) {
        this.#enterNext(now)
      } else {
        return
      }
    }
  }

  /** @param {number} at */
  #enterNext(at) {
    this.#index += 1
    this.#startedAt = at
    this.#pollsInStep = 0
    if (!this.#reachedAt.has(this.#step.status)) this.#reachedAt.set(this.#step.status, at)
  }
}

/**
 * Throws a TypeError naming the first problem in a timeline.
 * @param {unknown} steps
 * @param {string} owner names the snapshot in messages
 * @returns {asserts steps is import('./types.mjs').TimelineStep[]}
 */
export function validateTimeline(steps, owner) {
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new TypeError(`${owner}: timeline must be a non-empty array of steps`)
  }
  steps.forEach((step, index) => {
    const where = `${owner}: timeline[${index}]`
    if (typeof step?.status !== 'string' || step.status === '') {
      throw new TypeError(`${where}.status must be a non-empty string`)
    }
    if (step.polls !== undefined && !(Number.isInteger(step.polls) && step.polls > 0)) {
      throw new TypeError(`${where}.polls must be a positive integer`)
    }
    if (step.ms !== undefined && !(Number.isFinite(step.ms) && step.ms >= 0)) {
      throw new TypeError(`${where}.ms must be a non-negative number`)
    }
    validateFields(step.fields, `${where}.fields`)
    const durations = Number(step.polls !== undefined) + Number(step.ms !== undefined)
    if (durations > 1) throw new TypeError(`${where} must have either polls or ms, not both`)
    if (durations === 0 && index < steps.length - 1) {
      throw new TypeError(`${where} needs polls or ms: only the last step may last forever`)
    }
  })
}

/**
 * Raw field overrides must be an object of field names to values (any values).
 * @param {unknown} fields
 * @param {string} where names them in messages
 */
export function validateFields(fields, where) {
  if (fields === undefined) return
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new TypeError(`${where} must be an object of field names to values`)
  }
}

/**
 * A listing lag must be a whole number of milliseconds, 0 or more.
 * @param {unknown} value
 * @param {string} where names it in messages
 */
export function validateListedAfterMs(value, where) {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`${where} must be a whole number of ms, 0 or more`)
  }
}
