// Checks of the options the credential sources share, so a typo fails at start, not mid-test.

/**
 * @param {string} owner the option's parent, for the message
 * @param {unknown} delayMs
 */
export function checkDelay(owner, delayMs) {
  if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0)) {
    throw new TypeError(`${owner}.delayMs must be a non-negative number, got ${delayMs}`)
  }
}

/**
 * @param {string} owner
 * @param {unknown} lifetimeMs
 */
export function checkLifetime(owner, lifetimeMs) {
  if (lifetimeMs !== undefined && !(typeof lifetimeMs === 'number' && lifetimeMs > 0)) {
    throw new TypeError(
      `${owner}.credentialLifetimeMs must be a positive number, got ${lifetimeMs}`
    )
  }
}
