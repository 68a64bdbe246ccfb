// The emulator's notion of "now": the local clock plus a configurable skew, so tests can put the
// server's clock out of step with the client's. Internal bookkeeping stays on the local clock.

export class EmulatorClock {
  /** @param {number} skewMs */
  constructor(skewMs) {
    this.skewMs = skewMs
  }

  /** Local ms timestamp, the time base of timelines and request records. */
  localNow() {
    return Date.now()
  }

  /** The server's current time, in ms. */
  serverNow() {
    return Date.now() + this.skewMs
  }

  /**
   * A local timestamp as the server reports it: ISO-8601 UTC without milliseconds.
   * @param {number} localMs
   */
  serverIso(localMs) {
    return new Date(localMs + this.skewMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  /** The value of the HTTP `Date` response header. */
  httpDate() {
    return new Date(this.serverNow()).toUTCString()
  }
}
