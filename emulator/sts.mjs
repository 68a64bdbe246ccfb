// A stand-in for STS AssumeRoleWithOIDC (2015-04-01): an anonymous RPC call whose OIDC token must
// be one the ID-token stand-in issued, for a provider and role the emulator knows and a subject
// the role trusts. The credentials it issues are then accepted for PAI-DSW calls until they expire.
import { randomBytes } from 'node:crypto'
import { apiError } from './api-errors.mjs'
import { GITHUB_ISSUER } from './id-token.mjs'
import { timestampError } from './request-freshness.mjs'

const STS_VERSION = '2015-04-01'
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/
const DEFAULT_CLIENT_IDS = ['sts.aliyuncs.com']
const MIN_DURATION_S = 900
const DEFAULT_DURATION_S = 3600
const DEFAULT_MAX_SESSION_S = 3600

/** STS's own codes, with the status and wording of its error code list (see README.md). */
const STS_ERRORS = /** @type {const} */ ({
  MissingParameter: [400, 'A mandatory parameter is not supplied.'],
  'InvalidParameter.RoleSessionName': [400, 'The parameter RoleSessionName is wrongly formed.'],
  'InvalidParameter.DurationSeconds': [400, 'The Min/Max value of DurationSeconds is 15min/1hr.'],
  'AuthenticationFail.OIDCToken.Invalid': [
    401,
    'The Jwt content is invalid that cannot be recognized.'
  ],
  'AuthenticationFail.OIDCToken.InvalidSignature': [
    401,
    'OIDC token validate failed: invalid signature.'
  ],
  'AuthenticationFail.OIDCToken.Expired': [401, 'This JsonWebToken is expired.'],
  'AuthenticationFail.OIDCToken.IssuerNotMatch': [401, 'Invalid issuer.'],
  'AuthenticationFail.OIDCToken.AudienceNotMatch': [401, 'Invalid audience.'],
  'AuthenticationFail.NoPermission': [401, 'There is no permission'],
  'EntityNotExist.Role': [404, 'The role not exists.']
})

const TOKEN_PROBLEMS = /** @type {const} */ ({
  Invalid: 'AuthenticationFail.OIDCToken.Invalid',
  InvalidSignature: 'AuthenticationFail.OIDCToken.InvalidSignature',
  Expired: 'AuthenticationFail.OIDCToken.Expired'
})

/**
 * @param {keyof typeof STS_ERRORS} code
 * @param {string} [message] instead of the standard one
 * @returns {{ error: import('./api-errors.mjs').ApiError }}
 */
function refuse(code, message) {
  const [status, standard] = STS_ERRORS[code]
  return { error: { status, code, message: message ?? standard } }
}

/** STS is RPC style: every call is `/?Action=…`. @param {import('./received-request.mjs').ReceivedRequest} received */
export function isStsRequest(received) {
  return received.rawPath === '/' && received.query.Action !== undefined
}

export class StsStandIn {
  /** @type {import('./types.mjs').CredentialSpec[]} every credential issued, in order */
  issued = []

  /**
   * @param {import('./types.mjs').OidcOptions} options
   * @param {object} context
   * @param {import('./emulator-clock.mjs').EmulatorClock} context.clock
   * @param {import('./id-token.mjs').IdTokenIssuer} context.idTokens who issued the tokens to accept
   * @param {Map<string, import('./types.mjs').CredentialSpec>} context.credentials where issued
   *   credentials go, so that PAI-DSW calls are accepted with them
   */
  constructor(options, { clock, idTokens, credentials }) {
    this.providers = new Map((options.providers ?? []).map(p => [p.arn, p]))
    this.roles = new Map((options.roles ?? []).map(r => [r.arn, r]))
    this.credentialLifetimeMs = options.credentialLifetimeMs
    this.clock = clock
    this.idTokens = idTokens
    this.credentials = credentials
  }

  /**
   * @param {import('./received-request.mjs').ReceivedRequest} received
   * @param {string} requestId
   * @returns {import('./types.mjs').ApiResult}
   */
  answer(received, requestId) {
    const params = { ...formParameters(received), ...received.query }
    if (params.Action !== 'AssumeRoleWithOIDC') return { error: apiError('InvalidApi.NotFound') }
    if (params.Version !== STS_VERSION) {
      const detail = `Expected ${STS_VERSION}, got "${params.Version}".`
      return { error: apiError('InvalidVersion', { detail }) }
    }
    const stale = timestampError(params.Timestamp, this.clock.serverNow(), 'Timestamp')
    if (stale) return { error: stale }
    const missing = ['OIDCProviderArn', 'RoleArn', 'OIDCToken'].find(name => !params[name])
    if (missing) {
      return refuse(
        'MissingParameter',
        `The input parameter "${missing}" that is mandatory for processing this request is not supplied.`
      )
    }
    const sessionName = params.RoleSessionName ?? ''
    if (!SESSION_NAME.test(sessionName)) return refuse('InvalidParameter.RoleSessionName')

    const verdict = this.#trust(params)
    if ('error' in verdict) return verdict
    const { role, claims } = verdict
    const maxSession = role.maxSessionDurationSeconds ?? DEFAULT_MAX_SESSION_S
    const duration = Number(params.DurationSeconds ?? DEFAULT_DURATION_S)
    if (!Number.isInteger(duration) || duration < MIN_DURATION_S || duration > maxSession) {
      return refuse(
        'InvalidParameter.DurationSeconds',
        `The Min/Max value of DurationSeconds is 15min/${maxSession / 3600}hr.`
      )
    }
    return { body: this.#issue(role.arn, sessionName, duration, claims, requestId) }
  }

  /**
   * The token, the provider, the role, and the role's trust in that provider and subject.
   * @param {Record<string, string>} params
   * @returns {{ role: import('./types.mjs').OidcRoleSpec, claims: import('./id-token.mjs').IdTokenClaims } | { error: import('./api-errors.mjs').ApiError }}
   */
  #trust(params) {
    const token = this.idTokens.verify(params.OIDCToken ?? '', this.clock.localNow())
    if ('problem' in token) return refuse(TOKEN_PROBLEMS[token.problem])
    const provider = this.providers.get(params.OIDCProviderArn ?? '')
    if (!provider)
      return refuse('AuthenticationFail.NoPermission', 'No such OIDC Provider registered.')
    if (token.claims.iss !== (provider.issuer ?? GITHUB_ISSUER)) {
      return refuse('AuthenticationFail.OIDCToken.IssuerNotMatch')
    }
    if (!(provider.clientIds ?? DEFAULT_CLIENT_IDS).includes(token.claims.aud)) {
      return refuse('AuthenticationFail.OIDCToken.AudienceNotMatch')
    }
    const role = this.roles.get(params.RoleArn ?? '')
    if (!role) return refuse('EntityNotExist.Role', `The role not exists: ${params.RoleArn}.`)
    const trusted =
      role.providerArn === provider.arn && likePattern(role.subject ?? '*').test(token.claims.sub)
    if (!trusted) return refuse('AuthenticationFail.NoPermission')
    return { role, claims: token.claims }
  }

  /**
   * @param {string} roleArn
   * @param {string} sessionName
   * @param {number} durationSeconds
   * @param {import('./id-token.mjs').IdTokenClaims} claims
   * @param {string} requestId
   */
  #issue(roleArn, sessionName, durationSeconds, claims, requestId) {
    const lifetimeMs = this.credentialLifetimeMs ?? durationSeconds * 1000
    // STS states Expiration to the second: the credentials end exactly then.
    const serverExpiry = Math.floor((this.clock.serverNow() + lifetimeMs) / 1000) * 1000
    const localExpiry = serverExpiry - this.clock.skewMs
    const credential = {
      accessKeyId: `STS.${randomText(24)}`,
      accessKeySecret: randomText(44),
      securityToken: `CAIS${randomText(200)}`,
      expiration: new Date(localExpiry).toISOString()
    }
    this.credentials.set(credential.accessKeyId, credential)
    this.issued.push(credential)
    const account = roleArn.match(/^acs:ram::(\d+):/)?.[1] ?? '0'
    return {
      RequestId: requestId,
      Credentials: {
        AccessKeyId: credential.accessKeyId,
        AccessKeySecret: credential.accessKeySecret,
        SecurityToken: credential.securityToken,
        Expiration: this.clock.serverIso(localExpiry)
      },
      AssumedRoleUser: {
        AssumedRoleId: `${account}${randomText(6)}:${sessionName}`,
        Arn: `${roleArn.replace(':role/', ':assumed-role/')}/${sessionName}`
      },
      OIDCTokenInfo: {
        Subject: claims.sub,
        Issuer: claims.iss,
        ClientIds: claims.aud,
        IssuanceTime: isoSeconds(claims.iat),
        ExpirationTime: isoSeconds(claims.exp)
      }
    }
  }
}

/**
 * The form body of a POST (`application/x-www-form-urlencoded`), where STS takes its parameters.
 * @param {import('./received-request.mjs').ReceivedRequest} received
 * @returns {Record<string, string>}
 */
function formParameters(received) {
  const type = received.headers.get('content-type')?.[0] ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded')) return {}
  return Object.fromEntries(new URLSearchParams(received.body.toString('utf8')))
}

/**
 * A trust policy's StringLike condition: `*` matches anything, the rest literally.
 * @param {string} pattern
 */
function likePattern(pattern) {
  const literal = pattern.split('*').map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${literal.join('.*')}$`)
}

/** @param {number} seconds since the epoch, as JWT claims count */
function isoSeconds(seconds) {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** @param {number} length */
function randomText(length) {
  return randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length)
}
