import { SIGNATURE_ALGORITHM } from './canonical-request.mjs'
import { apiError } from './api-errors.mjs'

/**
 * @typedef {object} ParsedAuthorization
 * @property {string} accessKeyId
 * @property {string[]} signedHeaders
 * @property {string} signature
 */

/**
 * Reads `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`.
 * @param {string | undefined} header
 * @returns {ParsedAuthorization | { error: import('./api-errors.mjs').ApiError }}
 */
export function parseAuthorization(header) {
  if (header === undefined || header.trim() === '') return { error: apiError('MissingAccessKeyId') }
  const [algorithm, ...rest] = header.trim().split(/\s+/)
  if (algorithm !== SIGNATURE_ALGORITHM) {
    return incomplete(`Only ${SIGNATURE_ALGORITHM} is supported, got "${algorithm}".`)
  }
  const fields = authorizationFields(rest.join(''))
  const accessKeyId = fields.get('Credential')
  const signedHeaders = fields.get('SignedHeaders')
  const signature = fields.get('Signature')
  if (!accessKeyId) return { error: apiError('MissingAccessKeyId') }
  if (!signature) return { error: apiError('MissingSignature') }
  if (!signedHeaders) return incomplete('The Authorization header has no SignedHeaders.')
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature }
}

/**
 * The Credential of an Authorization header, for logging before anything is verified.
 * @param {string | undefined} header
 */
export function claimedAccessKeyId(header) {
  return header?.match(/Credential=([^,\s]*)/)?.[1]
}

/** @param {string} text `Name=value,Name=value` */
function authorizationFields(text) {
  /** @type {Map<string, string>} */
  const fields = new Map()
  for (const part of text.split(',')) {
    const equals = part.indexOf('=')
    if (equals > 0) fields.set(part.slice(0, equals), part.slice(equals + 1))
  }
  return fields
}

/** @param {string} detail */
function incomplete(detail) {
  return { error: apiError('IncompleteSignature', { detail }) }
}
