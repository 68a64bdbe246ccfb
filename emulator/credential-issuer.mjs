// Temporary credentials as STS, the ECS metadata service and a credentials URI hand them out: an
// `STS.` key, a secret and a `CAIS` token, accepted for PAI-DSW calls (and for signing STS
// AssumeRole) until they expire.
import { randomBytes } from 'node:crypto'

/**
 * @typedef {object} IssuedCredential
 * @property {import('./types.mjs').CredentialSpec} credential
 * @property {number} issuedAt local ms
 * @property {number} expiresAt local ms
 */

export class CredentialIssuer {
  /** @type {import('./types.mjs').CredentialSpec[]} every credential issued, in order */
  issued = []

  /**
   * @param {import('./emulator-clock.mjs').EmulatorClock} clock
   * @param {Map<string, import('./types.mjs').CredentialSpec>} credentials the accepted callers,
   *   where issued credentials go
   */
  constructor(clock, credentials) {
    this.clock = clock
    this.credentials = credentials
  }

  /**
   * @param {number} lifetimeMs
   * @returns {IssuedCredential}
   */
  issue(lifetimeMs) {
    // Expiration is stated to the second: the credentials end exactly then.
    const serverExpiry = Math.floor((this.clock.serverNow() + lifetimeMs) / 1000) * 1000
    const expiresAt = serverExpiry - this.clock.skewMs
    const credential = {
      accessKeyId: `STS.${randomText(24)}`,
      accessKeySecret: randomText(44),
      securityToken: `CAIS${randomText(200)}`,
      expiration: new Date(expiresAt).toISOString()
    }
    this.credentials.set(credential.accessKeyId, credential)
    this.issued.push(credential)
    return { credential, issuedAt: this.clock.localNow(), expiresAt }
  }

  /**
   * The four fields every answer that hands out credentials has, `Expiration` on the server's
   * clock to the second (`2026-12-03T10:00:00Z`).
   * @param {IssuedCredential} issued
   */
  fields({ credential, expiresAt }) {
    return {
      AccessKeyId: credential.accessKeyId,
      AccessKeySecret: credential.accessKeySecret,
      SecurityToken: credential.securityToken,
      Expiration: this.clock.serverIso(expiresAt)
    }
  }
}

/**
 * One current set of credentials, as a metadata service serves it: the same set on every read
 * until it is past half its life, then a new one, so a client that renews in time gets fresh keys.
 */
export class RotatingCredentials {
  /** @type {IssuedCredential | undefined} */
  #current

  /**
   * @param {CredentialIssuer} issuer
   * @param {() => number} lifetimeMs read at each renewal, so it can change during a test
   */
  constructor(issuer, lifetimeMs) {
    this.issuer = issuer
    this.lifetimeMs = lifetimeMs
  }

  /** @returns {IssuedCredential} */
  current() {
    const now = this.issuer.clock.localNow()
    const current = this.#current
    if (current === undefined || now >= (current.issuedAt + current.expiresAt) / 2) {
      this.#current = this.issuer.issue(this.lifetimeMs())
    }
    return /** @type {IssuedCredential} */ (this.#current)
  }
}

/** @param {number} length */
export function randomText(length) {
  return randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length)
}
