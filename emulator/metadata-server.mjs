// A stand-in for the ECS instance metadata service (http://100.100.100.200), on its own port: the
// session token (`PUT /latest/api/token`), the instance's RAM role name and that role's temporary
// credentials. Hardened mode refuses reads without a valid token, as IMDSv2 does.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { RotatingCredentials } from './credential-issuer.mjs'
import { Delays } from './delays.mjs'
import { listen } from './http-listener.mjs'
import { checkDelay, checkLifetime } from './option-checks.mjs'
import { decodePercent } from './percent-encoding.mjs'

const TOKEN_PATH = '/latest/api/token'
const ROLES_PATH = '/latest/meta-data/ram/security-credentials/'
const MAX_TOKEN_TTL_S = 21600

export const METADATA_DEFAULTS = {
  roleName: 'EcsRamRoleForCI',
  hardened: true,
  delayMs: 0,
  credentialLifetimeMs: 6 * 60 * 60_000,
  unavailable: false
}

/**
 * @typedef {object} MetadataAnswer
 * @property {number} status
 * @property {string} body
 * @property {string} [type] default text/plain
 */

export class MetadataService {
  /** @type {import('./types.mjs').MetadataRequestRecord[]} */
  requests = []
  /** @type {string[]} every session token issued, for secret scanning */
  issuedTokens = []
  /** @type {Map<string, number>} session token → local ms when it expires */
  #tokens = new Map()
  delays = new Delays()

  /**
   * @param {import('./types.mjs').MetadataOptions} options
   * @param {object} context
   * @param {import('./credential-issuer.mjs').CredentialIssuer} context.issuer
   */
  constructor(options, { issuer }) {
    /** @type {Required<import('./types.mjs').MetadataOptions>} */
    this.options = validate({ ...METADATA_DEFAULTS, ...options })
    this.issuer = issuer
    this.credentials = new RotatingCredentials(issuer, () => this.options.credentialLifetimeMs)
  }

  /** @param {Partial<import('./types.mjs').MetadataOptions>} partial */
  set(partial) {
    this.options = validate({ ...this.options, ...partial })
  }

  /** Every session token issued so far stops working. */
  expireTokens() {
    this.#tokens.clear()
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  handle = (req, res) => {
    /** @type {import('./types.mjs').MetadataRequestRecord} */
    const record = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      headers: req.headers,
      statusCode: 0,
      at: Date.now()
    }
    this.requests.push(record)
    // The body is never read; a client that hangs up is simply gone.
    req.on('error', () => res.destroy()).resume()
    this.delays.later(this.options.delayMs, () => {
      if (res.destroyed) return
      const { status, body, type = 'text/plain' } = this.#answer(record)
      record.statusCode = status
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
      res.end(body)
    })
  }

  /**
   * @param {import('./types.mjs').MetadataRequestRecord} request
   * @returns {MetadataAnswer}
   */
  #answer({ method, path, headers }) {
    if (path === TOKEN_PATH) {
      if (method !== 'PUT') return { status: 405, body: 'Method Not Allowed' }
      return this.#issueToken(headers['x-aliyun-ecs-metadata-token-ttl-seconds'])
    }
    if (!path.startsWith(ROLES_PATH)) return { status: 404, body: 'Not Found' }
    if (method !== 'GET') return { status: 405, body: 'Method Not Allowed' }
    const token = headers['x-aliyun-ecs-metadata-token']
    if (!this.#tokenAccepted(typeof token === 'string' ? token : undefined)) {
      return { status: 401, body: 'Unauthorized' }
    }
    const role = decodePercent(path.slice(ROLES_PATH.length))
    if (role === '') return { status: 200, body: this.options.roleName }
    if (role !== this.options.roleName) return { status: 404, body: 'Not Found' }
    if (this.options.unavailable) return { status: 503, body: 'Service Unavailable' }
    return { status: 200, type: 'application/json', body: JSON.stringify(this.#credentialsBody()) }
  }

  /** @param {string | string[] | undefined} ttlHeader */
  #issueToken(ttlHeader) {
    const ttl = Number(ttlHeader)
    if (!(Number.isInteger(ttl) && ttl >= 1 && ttl <= MAX_TOKEN_TTL_S)) {
      return { status: 400, body: 'Bad Request: invalid token ttl' }
    }
    const token = randomBytes(32).toString('base64url')
    this.#tokens.set(token, Date.now() + ttl * 1000)
    this.issuedTokens.push(token)
    return { status: 200, body: token }
  }

  /**
   * No token passes only when not hardened; a token sent must be valid either way.
   * @param {string | undefined} token
   */
  #tokenAccepted(token) {
    if (token === undefined) return !this.options.hardened
    const expiry = this.#tokens.get(token)
    return expiry !== undefined && expiry > Date.now()
  }

  #credentialsBody() {
    const current = this.credentials.current()
    return {
      ...this.issuer.fields(current),
      LastUpdated: this.issuer.clock.serverIso(current.issuedAt),
      Code: 'Success'
    }
  }
}

/**
 * Starts the metadata server on its own address.
 * @param {MetadataService} service
 * @param {string} host
 * @param {number} port
 */
export async function startMetadataServer(service, host, port) {
  const listener = await listen(createServer(service.handle), port, host)
  return {
    url: listener.url,
    close() {
      service.delays.cancelAll()
      return listener.close()
    }
  }
}

/**
 * @param {Required<import('./types.mjs').MetadataOptions>} options
 * @returns {Required<import('./types.mjs').MetadataOptions>}
 */
function validate(options) {
  if (typeof options.roleName !== 'string' || !/^[\w.@+=,-]+$/.test(options.roleName)) {
    throw new TypeError(`metadata.roleName must be a RAM role name, got ${options.roleName}`)
  }
  checkDelay('metadata', options.delayMs)
  checkLifetime('metadata', options.credentialLifetimeMs)
  return options
}
