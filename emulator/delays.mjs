// Answers held back on purpose (a slow metadata address, a slow credentials URI), forgotten
// together when the emulator closes so no timer outlives it.
export class Delays {
  /** @type {Set<NodeJS.Timeout>} */
  #timers = new Set()

  /**
   * Runs `then` after `delayMs`, or right away when there is no delay.
   * @param {number} delayMs
   * @param {() => void} then
   */
  later(delayMs, then) {
    if (delayMs <= 0) return then()
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      then()
    }, delayMs)
    this.#timers.add(timer)
  }

  cancelAll() {
    this.#timers.forEach(timer => clearTimeout(timer))
    this.#timers.clear()
  }
}
