// Replay protection: the x-acs-date window and single-use signature nonces.
import { apiError } from './api-errors.mjs'

export const FRESHNESS_WINDOW_MS = 15 * 60 * 1000
const ACS_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

/**
 * @param {string | undefined} acsDate the x-acs-date header
 * @param {number} serverNow
 * @param {string} [name] where the date came from, for the message (STS sends `Timestamp`)
 */
export function timestampError(acsDate, serverNow, name = 'x-acs-date') {
  const sent = acsDate !== undefined && ACS_DATE.test(acsDate) ? Date.parse(acsDate) : NaN
  if (Number.isNaN(sent)) {
    return apiError('InvalidTimeStamp.Format', { detail: `${name}: "${acsDate ?? ''}".` })
  }
  if (Math.abs(sent - serverNow) > FRESHNESS_WINDOW_MS) return apiError('InvalidTimeStamp.Expired')
  return undefined
}

/** Remembers nonces for the freshness window; older ones could not pass the date check anyway. */
export class NonceRegistry {
  /** @type {Map<string, number>} nonce → local ms after which it may be forgotten */
  #expiries = new Map()
  #claimsSincePrune = 0

  /**
   * Records a nonce; false when it was already used within the window.
   * @param {string} nonce
   * @param {number} now local ms
   */
  claim(nonce, now) {
    const expiry = this.#expiries.get(nonce)
    if (expiry !== undefined && expiry > now) return false
    this.#expiries.set(nonce, now + FRESHNESS_WINDOW_MS)
    if (++this.#claimsSincePrune >= 1000) this.#prune(now)
    return true
  }

  /** @param {number} now */
  #prune(now) {
    this.#claimsSincePrune = 0
    for (const [nonce, expiry] of this.#expiries) if (expiry <= now) this.#expiries.delete(nonce)
  }
}
