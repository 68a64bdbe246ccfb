// A stand-in for GitHub's ID-token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL), and for other OIDC
// issuers (an ACK cluster's RRSA tokens): it issues signed JWTs that only this emulator's STS
// accepts, so a token from anywhere else is refused like a forgery.
import { generateKeyPairSync, randomBytes, randomUUID, sign, verify } from 'node:crypto'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
/** The runner's URL already has a query (`?api-version=2.0`); @actions/core appends `&audience=`. */
export const ID_TOKEN_PATH = '/_github/idtoken'
const DEFAULT_SUBJECT = 'repo:octo-org/deploy:ref:refs/heads/main'
const DEFAULT_LIFETIME_MS = 5 * 60_000

/**
 * @typedef {object} IdTokenClaims
 * @property {string} iss
 * @property {string} sub
 * @property {string} aud
 * @property {string} jti
 * @property {number} iat seconds
 * @property {number} nbf seconds
 * @property {number} exp seconds
 */

/** @param {import('./received-request.mjs').ReceivedRequest} received */
export function isIdTokenRequest(received) {
  return received.rawPath === ID_TOKEN_PATH
}

export class IdTokenIssuer {
  /** @type {string[]} every token issued, in order */
  issued = []
  // ES256: a real JWT algorithm whose keys take no time to make.
  #keys = generateKeyPairSync('ec', { namedCurve: 'P-256' })

  /** @param {import('./types.mjs').OidcOptions} options */
  constructor(options) {
    /** The bearer token the endpoint demands: what the runner puts in ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
    this.requestToken =
      options.requestToken ?? `emulator-request-${randomBytes(16).toString('hex')}`
    this.subject = options.subject ?? DEFAULT_SUBJECT
    this.lifetimeMs = options.idTokenLifetimeMs ?? DEFAULT_LIFETIME_MS
  }

  /**
   * GitHub's answer to `GET …?api-version=2.0&audience=…`: `{ value }`, for the right bearer only.
   * @param {import('./received-request.mjs').ReceivedRequest} received
   * @returns {{ status: number, body: Record<string, unknown> }}
   */
  answer(received) {
    if (received.headers.get('authorization')?.[0] !== `Bearer ${this.requestToken}`) {
      return { status: 401, body: { message: 'Bad credentials' } }
    }
    // Without an audience GitHub uses the URL of the repository owner.
    const owner = this.subject.match(/^repo:([^/]+)\//)?.[1] ?? 'octo-org'
    const audience = received.query.audience || `https://github.com/${owner}`
    return { status: 200, body: { value: this.issue(audience) } }
  }

  /**
   * A token from GitHub unless told otherwise: any other issuer stands for another OIDC provider,
   * such as an ACK cluster's RRSA token file, signed with the same key.
   * @param {string} audience
   * @param {{ issuer?: string, subject?: string, lifetimeMs?: number }} [claimed]
   */
  issue(audience, { issuer = GITHUB_ISSUER, subject = this.subject, lifetimeMs } = {}) {
    const now = Math.floor(Date.now() / 1000)
    /** @type {IdTokenClaims} */
    const claims = {
      iss: issuer,
      sub: subject,
      aud: audience,
      jti: randomUUID(),
      iat: now,
      nbf: now - 5,
      exp: now + Math.ceil((lifetimeMs ?? this.lifetimeMs) / 1000)
    }
    const unsigned = `${encode({ alg: 'ES256', typ: 'JWT', kid: 'emulator' })}.${encode(claims)}`
    const signature = sign('sha256', Buffer.from(unsigned), {
      key: this.#keys.privateKey,
      dsaEncoding: 'ieee-p1363'
    })
    const token = `${unsigned}.${signature.toString('base64url')}`
    this.issued.push(token)
    return token
  }

  /**
   * @param {string} token
   * @param {number} nowMs
   * @returns {{ claims: IdTokenClaims } | { problem: 'Invalid' | 'InvalidSignature' | 'Expired' }}
   */
  verify(token, nowMs) {
    const parts = token.split('.')
    if (parts.length !== 3) return { problem: 'Invalid' }
    const [header, payload, signature] = /** @type {[string, string, string]} */ (parts)
    /** @type {IdTokenClaims} */
    let claims
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    } catch {
      return { problem: 'Invalid' }
    }
    const authentic = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key: this.#keys.publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url')
    )
    if (!authentic) return { problem: 'InvalidSignature' }
    if (claims.exp * 1000 <= nowMs) return { problem: 'Expired' }
    return { claims }
  }
}

/** @param {unknown} value */
function encode(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
