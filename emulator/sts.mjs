// A stand-in for STS (2015-04-01). AssumeRoleWithOIDC is anonymous: its OIDC token must be one this
// emulator issued, for a provider and role it knows and a subject the role trusts. AssumeRole must
// be signed (V1 or V3) by a key the emulator accepts. The credentials either issues are then
// accepted for PAI-DSW calls until they expire.
import { apiError } from './api-errors.mjs'
import { GITHUB_ISSUER } from './id-token.mjs'
import { timestampError } from './request-freshness.mjs'
import { AssumeRole } from './sts-assume-role.mjs'
import {
  STS_VERSION,
  assumedRoleAnswer,
  missingParameter,
  refuse,
  sessionNameError,
  stsParameters
} from './sts-session.mjs'

const DEFAULT_CLIENT_IDS = ['sts.aliyuncs.com']

const TOKEN_PROBLEMS = /** @type {const} */ ({
  Invalid: 'AuthenticationFail.OIDCToken.Invalid',
  InvalidSignature: 'AuthenticationFail.OIDCToken.InvalidSignature',
  Expired: 'AuthenticationFail.OIDCToken.Expired'
})

/**
 * STS is RPC style: every call is to `/`, its action in the query (or the form body), or, signed
 * with V3, in `x-acs-action` next to `x-acs-version: 2015-04-01`.
 * @param {import('./received-request.mjs').ReceivedRequest} received
 */
export function isStsRequest(received) {
  if (received.rawPath !== '/') return false
  return (
    stsParameters(received).Action !== undefined ||
    received.headers.get('x-acs-version')?.[0] === STS_VERSION
  )
}

export class StsStandIn {
  /**
   * @param {import('./types.mjs').OidcOptions} options
   * @param {object} context
   * @param {import('./emulator-clock.mjs').EmulatorClock} context.clock
   * @param {import('./id-token.mjs').IdTokenIssuer} context.idTokens who issued the tokens to accept
   * @param {import('./credential-issuer.mjs').CredentialIssuer} context.issuer what STS issues
   *   goes through it, so that PAI-DSW calls are accepted with it
   * @param {import('./request-freshness.mjs').NonceRegistry} context.nonces for signed calls
   */
  constructor(options, { clock, idTokens, issuer, nonces }) {
    this.providers = new Map((options.providers ?? []).map(p => [p.arn, p]))
    this.roles = new Map((options.roles ?? []).map(r => [r.arn, r]))
    this.credentialLifetimeMs = options.credentialLifetimeMs
    this.clock = clock
    this.idTokens = idTokens
    this.issuer = issuer
    this.assumeRole = new AssumeRole(this, { credentials: issuer.credentials, clock, nonces })
  }

  /** Every credential issued, in order (by STS and the metadata stand-ins alike). */
  get issued() {
    return this.issuer.issued
  }

  /**
   * @param {import('./received-request.mjs').ReceivedRequest} received
   * @param {string} requestId
   * @returns {import('./types.mjs').ApiResult}
   */
  answer(received, requestId) {
    const params = stsParameters(received)
    const action = params.Action ?? received.headers.get('x-acs-action')?.[0]
    if (action === 'AssumeRole') return this.assumeRole.answer(received, params, requestId)
    if (action !== 'AssumeRoleWithOIDC') return { error: apiError('InvalidApi.NotFound') }
    if (params.Version !== STS_VERSION) {
      const detail = `Expected ${STS_VERSION}, got "${params.Version}".`
      return { error: apiError('InvalidVersion', { detail }) }
    }
    const stale = timestampError(params.Timestamp, this.clock.serverNow(), 'Timestamp')
    if (stale) return { error: stale }
    const invalid =
      missingParameter(params, ['OIDCProviderArn', 'RoleArn', 'OIDCToken']) ??
      sessionNameError(params.RoleSessionName)
    if (invalid) return invalid

    const verdict = this.#trust(params)
    if ('error' in verdict) return verdict
    const { role, claims } = verdict
    const answer = assumedRoleAnswer(
      this.issuer,
      role,
      params,
      this.credentialLifetimeMs,
      requestId
    )
    if ('error' in answer) return answer
    return { body: { ...answer.body, OIDCTokenInfo: tokenInfo(claims) } }
  }

  /**
   * The token, the provider, the role, and the role's trust in that provider and subject.
   * @param {Record<string, string>} params
   * @returns {{ role: import('./types.mjs').RoleSpec, claims: import('./id-token.mjs').IdTokenClaims } | { error: import('./api-errors.mjs').ApiError }}
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
}

/** @param {import('./id-token.mjs').IdTokenClaims} claims */
function tokenInfo(claims) {
  return {
    Subject: claims.sub,
    Issuer: claims.iss,
    ClientIds: claims.aud,
    IssuanceTime: isoSeconds(claims.iat),
    ExpirationTime: isoSeconds(claims.exp)
  }
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
