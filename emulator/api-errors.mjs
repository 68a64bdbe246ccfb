// The error codes the emulator answers with, with the HTTP status and wording of the real ones
// where those are known (see README.md for which are assumptions).

/**
 * @typedef {object} ApiError
 * @property {number} status
 * @property {string} code
 * @property {string} message
 */

const CATALOG = /** @type {const} */ ({
  MissingAccessKeyId: [400, 'AccessKeyId is mandatory for this action.'],
  MissingSignature: [400, 'Signature is mandatory for this action.'],
  IncompleteSignature: [400, 'The request signature does not conform to Aliyun standards.'],
  'InvalidAccessKeyId.NotFound': [404, 'Specified access key is not found.'],
  MissingSecurityToken: [400, 'SecurityToken is mandatory for this action.'],
  'InvalidSecurityToken.Mismatch': [400, 'Specified SecurityToken mismatch with the AccessKey.'],
  'InvalidSecurityToken.Expired': [400, 'Specified SecurityToken is expired.'],
  SignatureDoesNotMatch: [400, 'Specified signature is not matched with our calculation.'],
  'InvalidTimeStamp.Format': [400, 'Specified time stamp or date value is not well formatted.'],
  'InvalidTimeStamp.Expired': [400, 'Specified time stamp or date value is expired.'],
  SignatureNonceUsed: [400, 'Specified signature nonce was used already.'],
  'InvalidApi.NotFound': [404, 'Specified api is not found, please check your url and method.'],
  InvalidVersion: [400, 'Specified parameter Version is not valid.'],
  ValidationError: [400, 'The request parameters are not valid.'],
  'InvalidInstance.NotFound': [404, 'The instance does not exist.'],
  'InvalidSnapshot.NotFound': [404, 'The snapshot does not exist.'],
  InternalError: [500, 'The request processing has failed due to some unknown error.'],
  ServiceUnavailable: [503, 'The request has failed due to a temporary failure of the server.']
})

/** @typedef {keyof typeof CATALOG} KnownErrorCode */

/**
 * @param {unknown} code
 * @returns {code is KnownErrorCode}
 */
export function isKnownErrorCode(code) {
  return typeof code === 'string' && Object.hasOwn(CATALOG, code)
}

/**
 * @param {KnownErrorCode} code
 * @param {{ message?: string, detail?: string, status?: number }} [overrides] `detail` is
 *   appended to the standard message, `message` replaces it
 * @returns {ApiError}
 */
export function apiError(code, overrides = {}) {
  const [status, standardMessage] = CATALOG[code]
  const message =
    overrides.message ??
    (overrides.detail ? `${standardMessage} ${overrides.detail}` : standardMessage)
  return { status: overrides.status ?? status, code, message }
}

/**
 * The JSON body the Alibaba Cloud gateway sends with an error.
 * @param {ApiError} error
 * @param {string} requestId
 * @param {string} hostId
 */
export function errorBody(error, requestId, hostId) {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=paidsw&requestId=${requestId}`
  }
}
