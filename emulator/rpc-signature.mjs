// Signature V1 of RPC calls, as the official @alicloud/credentials library signs STS AssumeRole:
// HMAC-SHA1, keyed with `secret&`, over `METHOD&%2F&` + the encoded, sorted parameters (query and
// form body alike), sent back as the `Signature` parameter. Written from the documented algorithm.
import { createHmac } from 'node:crypto'
import { apiError } from './api-errors.mjs'
import { encodeRfc3986 } from './percent-encoding.mjs'
import { constantTimeEqual, securityTokenError } from './signature-verifier.mjs'

/**
 * @param {string} method
 * @param {Record<string, string>} params every parameter but `Signature` counts
 */
export function rpcStringToSign(method, params) {
  const canonical = Object.keys(params)
    .filter(name => name !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(name => `${encodeRfc3986(name)}=${encodeRfc3986(params[name] ?? '')}`)
    .join('&')
  return `${method}&${encodeRfc3986('/')}&${encodeRfc3986(canonical)}`
}

/**
 * @param {string} accessKeySecret
 * @param {string} toSign
 */
export function rpcSignatureOf(accessKeySecret, toSign) {
  return createHmac('sha1', `${accessKeySecret}&`).update(toSign).digest('base64')
}

/**
 * The key, its `SecurityToken`, then the signature. Freshness and the nonce are the caller's.
 * @param {string} method
 * @param {Record<string, string>} params decoded
 * @param {(accessKeyId: string) => import('./types.mjs').CredentialSpec | undefined} findCredential
 * @param {number} now local ms, to judge token expiry
 * @returns {{ credential: import('./types.mjs').CredentialSpec } | { error: import('./api-errors.mjs').ApiError }}
 */
export function verifyRpcSignature(method, params, findCredential, now) {
  if (!params.AccessKeyId) return { error: apiError('MissingAccessKeyId') }
  if (!params.Signature) return { error: apiError('MissingSignature') }
  if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') {
    const detail = `Expected SignatureMethod HMAC-SHA1 and SignatureVersion 1.0, got "${params.SignatureMethod}" and "${params.SignatureVersion}".`
    return { error: apiError('IncompleteSignature', { detail }) }
  }
  const credential = findCredential(params.AccessKeyId)
  if (!credential) return { error: apiError('InvalidAccessKeyId.NotFound') }
  const tokenError = securityTokenError(credential, params.SecurityToken, now)
  if (tokenError) return { error: tokenError }
  const toSign = rpcStringToSign(method, params)
  if (!constantTimeEqual(params.Signature, rpcSignatureOf(credential.accessKeySecret, toSign))) {
    // The official library compares this string with its own to tell a wrong secret apart.
    const detail = `server string to sign is:${toSign}`
    return { error: apiError('SignatureDoesNotMatch', { detail }) }
  }
  return { credential }
}
