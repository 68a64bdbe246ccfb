// The ACS3-HMAC-SHA256 canonical request, rebuilt from a request as the server received it.
import { createHash, createHmac } from 'node:crypto'
import { decodePercent, encodeRfc3986 } from './percent-encoding.mjs'
import { parseQuery } from './query-string.mjs'

export const SIGNATURE_ALGORITHM = 'ACS3-HMAC-SHA256'

/** @param {string | Uint8Array} data */
export function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * Each path segment decoded then re-encoded, so `%7e`, `%7E` and `~` (or `*` and `%2A`) sign alike.
 * @param {string} rawPath
 */
export function canonicalUri(rawPath) {
  return rawPath
    .split('/')
    .map(segment => encodeRfc3986(decodePercent(segment)))
    .join('/')
}

/**
 * Parameters sorted by decoded name (then value), each `name=value` RFC 3986-encoded.
 * @param {string} rawQuery
 */
export function canonicalQueryString(rawQuery) {
  return parseQuery(rawQuery)
    .sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)
    .join('&')
}

/**
 * Groups Node's `rawHeaders` list by lowercase name, keeping repeated headers apart.
 * @param {string[]} rawHeaders alternating names and values
 * @returns {Map<string, string[]>}
 */
export function headerValues(rawHeaders) {
  /** @type {Map<string, string[]>} */
  const values = new Map()
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = /** @type {string} */ (rawHeaders[i]).toLowerCase()
    const value = /** @type {string} */ (rawHeaders[i + 1])
    values.set(name, [...(values.get(name) ?? []), value])
  }
  return values
}

/**
 * @typedef {object} ReceivedForSigning
 * @property {string} method
 * @property {string} rawPath
 * @property {string} rawQuery
 * @property {Map<string, string[]>} headers from headerValues()
 * @property {string[]} signedHeaders lowercase names, as listed by the client
 * @property {string} payloadHash lowercase hex SHA-256 of the body received
 */

/** @param {ReceivedForSigning} received */
export function canonicalRequest(received) {
  const names = [...received.signedHeaders].sort(compare)
  const headerBlock = names.map(name => `${name}:${mergedValue(received.headers, name)}\n`).join('')
  return [
    received.method,
    canonicalUri(received.rawPath),
    canonicalQueryString(received.rawQuery),
    headerBlock,
    names.join(';'),
    received.payloadHash
  ].join('\n')
}

/** @param {string} canonical */
export function stringToSign(canonical) {
  return `${SIGNATURE_ALGORITHM}\n${sha256Hex(canonical)}`
}

/**
 * @param {string} accessKeySecret
 * @param {string} toSign
 */
export function signatureOf(accessKeySecret, toSign) {
  return createHmac('sha256', accessKeySecret).update(toSign).digest('hex')
}

/**
 * Repeated headers merge into one line: trimmed values, sorted, joined by commas.
 * @param {Map<string, string[]>} headers
 * @param {string} name
 */
function mergedValue(headers, name) {
  return (headers.get(name) ?? [])
    .map(value => value.trim())
    .sort(compare)
    .join(',')
}

/**
 * Code-unit order, independent of locale.
 * @param {string} a
 * @param {string} b
 */
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0
}
