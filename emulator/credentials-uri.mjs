// An ALIBABA_CLOUD_CREDENTIALS_URI endpoint on the emulator's own port: `GET` hands out the current
// temporary credentials as `{ Code: 'Success', AccessKeyId, … }`, or fails as configured.
import { RotatingCredentials } from './credential-issuer.mjs'
import { checkDelay, checkLifetime } from './option-checks.mjs'

export const CREDENTIALS_URI_DEFAULTS = {
  path: '/credentials-uri',
  delayMs: 0,
  credentialLifetimeMs: 6 * 60 * 60_000
}

export class CredentialsUri {
  /**
   * @param {import('./types.mjs').CredentialsUriOptions | undefined} options none: not served
   *   until set() is called
   * @param {object} context
   * @param {import('./credential-issuer.mjs').CredentialIssuer} context.issuer
   * @param {import('./delays.mjs').Delays} context.delays
   */
  constructor(options, { issuer, delays }) {
    this.enabled = options !== undefined
    /** @type {Required<Omit<import('./types.mjs').CredentialsUriOptions, 'failure'>> & import('./types.mjs').CredentialsUriOptions} */
    this.options = validate({ ...CREDENTIALS_URI_DEFAULTS, ...options })
    this.issuer = issuer
    this.delays = delays
    this.credentials = new RotatingCredentials(issuer, () => this.options.credentialLifetimeMs)
  }

  /** @param {Partial<import('./types.mjs').CredentialsUriOptions>} partial */
  set(partial) {
    this.options = validate({ ...this.options, ...partial })
    this.enabled = true
  }

  /**
   * Answers the request if it is for the credentials URI.
   * @param {import('./exchange.mjs').Exchange} exchange
   * @param {import('./received-request.mjs').ReceivedRequest} received
   * @returns {boolean} whether it was
   */
  answer(exchange, received) {
    if (!this.enabled || received.rawPath !== this.options.path) return false
    this.delays.later(this.options.delayMs, () => {
      if (!exchange.res.destroyed) this.#respond(exchange)
    })
    return true
  }

  /** @param {import('./exchange.mjs').Exchange} exchange */
  #respond(exchange) {
    const { failure } = this.options
    if (failure === 'http') {
      return exchange.sendJson(500, { Code: 'InternalError', Message: 'credentials unavailable' })
    }
    if (failure === 'code') {
      return exchange.sendJson(200, { Code: 'Failed', Message: 'credentials unavailable' })
    }
    exchange.sendJson(200, {
      Code: 'Success',
      ...this.issuer.fields(this.credentials.current())
    })
  }
}

/**
 * @template {import('./types.mjs').CredentialsUriOptions} T
 * @param {T} options
 * @returns {T}
 */
function validate(options) {
  const { path, failure } = options
  if (typeof path !== 'string' || !path.startsWith('/') || path === '/') {
    throw new TypeError(`credentialsUri.path must be a path other than /, got ${path}`)
  }
  if (failure !== undefined && failure !== 'code' && failure !== 'http') {
    throw new TypeError(`credentialsUri.failure must be 'code' or 'http', got ${failure}`)
  }
  checkDelay('credentialsUri', options.delayMs)
  checkLifetime('credentialsUri', options.credentialLifetimeMs)
  return options
}
