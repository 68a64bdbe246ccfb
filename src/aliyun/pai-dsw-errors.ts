import { type ServiceFailure, classifyTransient } from './service-errors.js'

const AUTH_HINT =
  'Check the access key ID and secret (a stray space or newline in a secret breaks the signature) ' +
  'and, with temporary credentials, the security token'

const EXPIRED_TOKEN_HINT =
  'The security token has expired: temporary credentials passed in (security-token, or from the ' +
  'environment) must last the whole wait. Refresh them, or let the action assume the role with ' +
  'OIDC (role-to-assume), which renews them as needed'

const INTERNAL_ERROR_HINT =
  'The service kept reporting an internal error; if it persists, open a support case with ' +
  'Alibaba Cloud and quote the RequestId'

/**
 * Maps an error response to what a waiter should do with it. Codes take precedence over HTTP
 * status because the gateway reuses 400 for throttling and signature errors alike.
 */
export function classifyPaiDswError(
  httpStatus: number,
  code: string,
  context: { ramAction: string; host: string }
): ServiceFailure {
  const transient = classifyTransient(httpStatus, code)
  if (transient) return transient
  if (code === 'SignatureNonceUsed') return { kind: 'server' } // a fresh nonce fixes it
  if (code.startsWith('InvalidTimeStamp')) {
    return {
      kind: 'clock',
      hint: "The runner's clock is more than 15 minutes off; fix its time synchronisation"
    }
  }
  if (code === 'InvalidSecurityToken.Expired') {
    return { kind: 'auth', hint: EXPIRED_TOKEN_HINT }
  }
  if (
    /^(?:InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|MissingSecurityToken|MissingAuthorization|InvalidAuthorization)/.test(
      code
    )
  ) {
    return { kind: 'auth', hint: AUTH_HINT }
  }
  if (/^(?:Forbidden|NoPermission)/.test(code) || httpStatus === 403) {
    return {
      kind: 'permission',
      hint: `Grant the RAM identity the action ${context.ramAction} (for example in a custom RAM policy)`
    }
  }
  if (code === 'InvalidApi.NotFound') {
    return {
      kind: 'validation',
      hint: 'Check that endpoint points at PAI-DSW (pai-dsw.<region>.aliyuncs.com)'
    }
  }
  if (httpStatus === 404) {
    return {
      kind: 'not-found',
      hint:
        `The snapshot or instance does not exist at ${context.host}: check the region ` +
        '(or endpoint) and the instance-id and snapshot-id inputs'
    }
  }
  // The API page: InternalError covers every error except parameter validation, 400 included.
  if (code === 'InternalError') return { kind: 'internal', hint: INTERNAL_ERROR_HINT }
  return { kind: 'validation' }
}
