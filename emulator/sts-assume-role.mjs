// STS AssumeRole: a signed call (signature V1 with `Signature` parameters, as the official
// @alicloud/credentials library sends it, or V3 with an ACS3-HMAC-SHA256 Authorization header)
// by a key the emulator accepts, for a role that lets that key (and its ExternalId) assume it.
import { apiError } from './api-errors.mjs'
import { authenticateV3 } from './gateway-auth.mjs'
import { timestampError } from './request-freshness.mjs'
import { verifyRpcSignature } from './rpc-signature.mjs'
import {
  STS_VERSION,
  assumedRoleAnswer,
  missingParameter,
  refuse,
  sessionNameError
} from './sts-session.mjs'

export class AssumeRole {
  /**
   * @param {import('./sts.mjs').StsStandIn} sts its roles, issuer and lifetime options
   * @param {import('./gateway-auth.mjs').Authenticator} gateway
   */
  constructor(sts, gateway) {
    this.sts = sts
    this.gateway = gateway
  }

  /**
   * @param {import('./received-request.mjs').ReceivedRequest} received
   * @param {Record<string, string>} params query and form body
   * @param {string} requestId
   * @returns {import('./types.mjs').ApiResult}
   */
  answer(received, params, requestId) {
    const version = params.Version ?? received.headers.get('x-acs-version')?.[0]
    if (version !== STS_VERSION) {
      const detail = `Expected ${STS_VERSION}, got "${version}".`
      return { error: apiError('InvalidVersion', { detail }) }
    }
    const caller = this.#authenticate(received, params)
    if ('error' in caller) return caller
    const invalid =
      missingParameter(params, ['RoleArn', 'RoleSessionName']) ??
      sessionNameError(params.RoleSessionName)
    if (invalid) return invalid
    const role = this.sts.roles.get(params.RoleArn ?? '')
    if (!role) return refuse('EntityNotExist.Role', `The role not exists: ${params.RoleArn}.`)
    if (!trusts(role, caller.credential.accessKeyId, params.ExternalId))
      return refuse('NoPermission')
    const { issuer, credentialLifetimeMs } = this.sts
    return assumedRoleAnswer(issuer, role, params, credentialLifetimeMs, requestId)
  }

  /**
   * V3 when there is an Authorization header, else V1: key, token, signature, `Timestamp` window
   * and single-use `SignatureNonce`, in the order the gateway checks a V3 call.
   * @param {import('./received-request.mjs').ReceivedRequest} received
   * @param {Record<string, string>} params
   * @returns {{ credential: import('./types.mjs').CredentialSpec } | { error: import('./api-errors.mjs').ApiError }}
   */
  #authenticate(received, params) {
    if (received.headers.has('authorization')) return authenticateV3(received, this.gateway)
    const { credentials, clock, nonces } = this.gateway
    const verdict = verifyRpcSignature(
      received.method,
      params,
      accessKeyId => credentials.get(accessKeyId),
      clock.localNow()
    )
    if ('error' in verdict) return verdict
    const stale = timestampError(params.Timestamp, clock.serverNow(), 'Timestamp')
    if (stale) return { error: stale }
    if (!nonces.claim(params.SignatureNonce ?? '', clock.localNow())) {
      return { error: apiError('SignatureNonceUsed') }
    }
    return verdict
  }
}

/**
 * The role's trust policy: the caller's key is one it names (any, when it names none), and the
 * ExternalId is its `sts:ExternalId` condition, if it has one.
 * @param {import('./types.mjs').RoleSpec} role
 * @param {string} accessKeyId
 * @param {string | undefined} externalId
 */
function trusts(role, accessKeyId, externalId) {
  const keyTrusted = role.assumableBy === undefined || role.assumableBy.includes(accessKeyId)
  return keyTrusted && (role.externalId === undefined || role.externalId === externalId)
}
