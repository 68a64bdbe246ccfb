// An independent ACS3-HMAC-SHA256 verifier: it shares no code with the action's own signer, so that
// each can check the other.
import { timingSafeEqual } from 'node:crypto'
import { apiError } from './api-errors.mjs'
import { parseAuthorization } from './authorization-header.mjs'
import { canonicalRequest, sha256Hex, signatureOf, stringToSign } from './canonical-request.mjs'

const ALWAYS_SIGNED = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256'
]

/**
 * @typedef {object} RequestToVerify
 * @property {string} method
 * @property {string} rawPath
 * @property {string} rawQuery
 * @property {Map<string, string[]>} headers from headerValues()
 * @property {Uint8Array} body
 */

/**
 * @param {RequestToVerify} request
 * @param {(accessKeyId: string) => import('./types.mjs').CredentialSpec | undefined} findCredential
 * @param {number} now local ms, to judge token expiry
 * @returns {{ credential: import('./types.mjs').CredentialSpec } | { error: import('./api-errors.mjs').ApiError }}
 */
export function verifySignature(request, findCredential, now) {
  const authorization = parseAuthorization(firstValue(request.headers, 'authorization'))
  if ('error' in authorization) return authorization
  const credential = findCredential(authorization.accessKeyId)
  if (!credential) return { error: apiError('InvalidAccessKeyId.NotFound') }
  // A token is checked before the signature: with STS the token is what vouches for the key.
  const token = firstValue(request.headers, 'x-acs-security-token')
  const error =
    securityTokenError(credential, token, now) ??
    signedHeadersError(authorization.signedHeaders, request.headers, request.body)
  if (error) return { error }
  return checkSignature(request, authorization, credential)
}

/**
 * @param {RequestToVerify} request
 * @param {import('./authorization-header.mjs').ParsedAuthorization} authorization
 * @param {import('./types.mjs').CredentialSpec} credential
 */
function checkSignature(request, authorization, credential) {
  const payloadHash = sha256Hex(request.body)
  const toSign = stringToSign(
    canonicalRequest({ ...request, signedHeaders: authorization.signedHeaders, payloadHash })
  )
  const serverSays = `server string to sign is:${toSign}`
  if (firstValue(request.headers, 'x-acs-content-sha256') !== payloadHash) {
    const detail = `x-acs-content-sha256 is not the SHA-256 of the body received. ${serverSays}`
    return { error: apiError('SignatureDoesNotMatch', { detail }) }
  }
  if (
    !constantTimeEqual(authorization.signature, signatureOf(credential.accessKeySecret, toSign))
  ) {
    return { error: apiError('SignatureDoesNotMatch', { detail: serverSays }) }
  }
  return { credential }
}

/**
 * The headers that must be signed are signed, and every signed header was sent.
 * @param {string[]} signedHeaders
 * @param {Map<string, string[]>} headers
 * @param {Uint8Array} body
 */
function signedHeadersError(signedHeaders, headers, body) {
  const unsigned = requiredHeaders(headers, body).filter(name => !signedHeaders.includes(name))
  if (unsigned.length > 0) {
    return apiError('IncompleteSignature', { detail: `Unsigned headers: ${unsigned.join(', ')}.` })
  }
  const absent = signedHeaders.filter(name => !headers.has(name))
  if (absent.length > 0) {
    return apiError('IncompleteSignature', { detail: `Missing headers: ${absent.join(', ')}.` })
  }
  return undefined
}

/**
 * @param {Map<string, string[]>} headers
 * @param {Uint8Array} body
 */
function requiredHeaders(headers, body) {
  return [
    ...ALWAYS_SIGNED,
    ...(headers.has('x-acs-security-token') ? ['x-acs-security-token'] : []),
    // A body is only as trustworthy as the content type that says how to read it.
    ...(body.length > 0 ? ['content-type'] : [])
  ]
}

/**
 * The security token sent with a key (header or RPC parameter) against the one it was issued with.
 * @param {import('./types.mjs').CredentialSpec} credential
 * @param {string | undefined} token
 * @param {number} now
 */
export function securityTokenError(credential, token, now) {
  if (credential.securityToken === undefined) {
    return token === undefined ? undefined : apiError('InvalidSecurityToken.Mismatch')
  }
  if (token === undefined) return apiError('MissingSecurityToken')
  if (token !== credential.securityToken) return apiError('InvalidSecurityToken.Mismatch')
  if (credential.expiration !== undefined && Date.parse(credential.expiration) <= now) {
    return apiError('InvalidSecurityToken.Expired')
  }
  if (credential.expiresAfterRequests !== undefined) {
    const used = (requestsSigned.get(credential) ?? 0) + 1
    requestsSigned.set(credential, used)
    if (used > credential.expiresAfterRequests) return apiError('InvalidSecurityToken.Expired')
  }
  return undefined
}

/** Requests signed with each credential that expires after a number of them. */
const requestsSigned = new WeakMap()

/**
 * @param {Map<string, string[]>} headers
 * @param {string} name
 */
function firstValue(headers, name) {
  return headers.get(name)?.[0]
}

/**
 * Constant-time comparison, so the emulator does not teach bad habits.
 * @param {string} given
 * @param {string} expected
 */
export function constantTimeEqual(given, expected) {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
