// GitHub's ID-token endpoint and STS, served on the same emulator as PAI-DSW. Neither is signed
// like a PAI-DSW call (STS AssumeRole checks its own signatures), so they are answered before the
// gateway's signature checks.
import { ID_TOKEN_PATH, IdTokenIssuer, isIdTokenRequest } from './id-token.mjs'
import { StsStandIn, isStsRequest } from './sts.mjs'

/** What an ACK cluster's RRSA token says by default (`issueOidcToken()`). */
const RRSA_DEFAULTS = {
  issuer: 'https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c-emulator',
  subject: 'system:serviceaccount:ci:runner',
  audience: 'sts.aliyuncs.com',
  // ACK's projected service-account tokens live an hour.
  lifetimeMs: 60 * 60_000
}

export class OidcServices {
  /**
   * @param {import('./types.mjs').OidcOptions} options
   * @param {object} context
   * @param {import('./emulator-clock.mjs').EmulatorClock} context.clock
   * @param {import('./credential-issuer.mjs').CredentialIssuer} context.issuer STS issues through
   *   it, so that PAI-DSW calls are accepted with what it issues
   * @param {import('./request-freshness.mjs').NonceRegistry} context.nonces for signed STS calls
   */
  constructor(options, { clock, issuer, nonces }) {
    this.idTokens = new IdTokenIssuer(options)
    this.sts = new StsStandIn(options, { clock, idTokens: this.idTokens, issuer, nonces })
  }

  /**
   * Answers the request if it is for one of these services.
   * @param {import('./exchange.mjs').Exchange} exchange
   * @param {import('./received-request.mjs').ReceivedRequest} received
   * @returns {boolean} whether it was
   */
  answer(exchange, received) {
    if (isIdTokenRequest(received)) {
      const { status, body } = this.idTokens.answer(received)
      exchange.sendJson(status, body)
      return true
    }
    if (!isStsRequest(received)) return false
    const result = this.sts.answer(received, exchange.requestId)
    if ('error' in result) exchange.sendError(result.error)
    else exchange.sendJson(200, result.body)
    return true
  }

  /**
   * An OIDC token as another identity provider (an ACK cluster's RRSA token file) would issue it,
   * which STS accepts for a provider with that issuer.
   * @param {import('./types.mjs').OidcTokenRequest} [request]
   */
  issueToken(request = {}) {
    const {
      issuer = RRSA_DEFAULTS.issuer,
      subject = RRSA_DEFAULTS.subject,
      audience = RRSA_DEFAULTS.audience,
      lifetimeMs = RRSA_DEFAULTS.lifetimeMs
    } = request
    return this.idTokens.issue(audience, { issuer, subject, lifetimeMs })
  }

  /**
   * What the runner gives a job with `id-token: write`, for the endpoint at `baseUrl`.
   * @param {string} baseUrl
   */
  requestEnv(baseUrl) {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${baseUrl}${ID_TOKEN_PATH}?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.idTokens.requestToken
    }
  }
}
