// GitHub's ID-token endpoint and STS, served on the same emulator as PAI-DSW. Neither is signed
// like a PAI-DSW call, so they are answered before the gateway's signature checks.
import { ID_TOKEN_PATH, IdTokenIssuer, isIdTokenRequest } from './id-token.mjs'
import { StsStandIn, isStsRequest } from './sts.mjs'

export class OidcServices {
  /**
   * @param {import('./types.mjs').OidcOptions} options
   * @param {object} context
   * @param {import('./emulator-clock.mjs').EmulatorClock} context.clock
   * @param {Map<string, import('./types.mjs').CredentialSpec>} context.credentials the PAI-DSW
   *   callers; STS adds what it issues
   */
  constructor(options, { clock, credentials }) {
    this.idTokens = new IdTokenIssuer(options)
    this.sts = new StsStandIn(options, { clock, idTokens: this.idTokens, credentials })
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
