import { createHash, createHmac, randomBytes } from 'node:crypto'

/** Alibaba Cloud request signature V3; the only version PAI-DSW 2022-01-01 documents as current. */
export const SIGNATURE_ALGORITHM = 'ACS3-HMAC-SHA256'

export interface Credentials {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

export interface UnsignedRequest {
  method: string
  host: string
  /** Path with each segment already percent-encoded (see `encodePathSegment`). */
  path: string
  query?: Record<string, string>
  body?: string
  contentType?: string
  action: string
  version: string
}

export interface SigningContext {
  /** When the request is signed; the service rejects dates more than 15 minutes off. */
  now: Date
  /** Fresh per request: the service rejects a reused nonce. */
  nonce: string
}

export interface SignedRequest {
  headers: Record<string, string>
  canonicalRequest: string
  stringToSign: string
  signature: string
}

/** RFC 3986 percent-encoding as the V3 signature defines it: only `A-Z a-z 0-9 - _ . ~` stay. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

export const encodePathSegment = percentEncode

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex')
}

/** `YYYY-MM-DDTHH:mm:ssZ`: the signature format has no milliseconds. */
export function formatAcsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function newNonce(): string {
  return randomBytes(16).toString('hex')
}

export function canonicalQueryString(query: Record<string, string> = {}): string {
  return Object.keys(query)
    .sort()
    .map(name => `${percentEncode(name)}=${percentEncode(query[name] ?? '')}`)
    .join('&')
}

function isSignedHeader(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-acs-')
}

/**
 * Builds the headers for one request and signs them. Pure: the clock and the nonce come in through
 * `context`, so the official test vectors can be reproduced exactly.
 */
export function signRequest(
  request: UnsignedRequest,
  credentials: Credentials,
  context: SigningContext
): SignedRequest {
  const body = request.body ?? ''
  const headers: Record<string, string> = {
    host: request.host,
    'x-acs-action': request.action,
    'x-acs-version': request.version,
    'x-acs-date': formatAcsDate(context.now),
    'x-acs-signature-nonce': context.nonce,
    'x-acs-content-sha256': sha256Hex(body)
  }
  if (request.contentType) headers['content-type'] = request.contentType
  if (credentials.securityToken) {
    // The official SDK sends the key ID alongside the token; the gateway expects both signed.
    headers['x-acs-accesskey-id'] = credentials.accessKeyId
    headers['x-acs-security-token'] = credentials.securityToken
  }

  const signedNames = Object.keys(headers).filter(isSignedHeader).sort()
  const canonicalHeaders = signedNames.map(name => `${name}:${headers[name]?.trim()}\n`).join('')
  const signedHeaders = signedNames.join(';')
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.path,
    canonicalQueryString(request.query),
    canonicalHeaders,
    signedHeaders,
    headers['x-acs-content-sha256']
  ].join('\n')
  const stringToSign = `${SIGNATURE_ALGORITHM}\n${sha256Hex(canonicalRequest)}`
  const signature = createHmac('sha256', credentials.accessKeySecret)
    .update(stringToSign, 'utf8')
    .digest('hex')
  headers.authorization =
    `${SIGNATURE_ALGORITHM} Credential=${credentials.accessKeyId},` +
    `SignedHeaders=${signedHeaders},Signature=${signature}`
  return { headers, canonicalRequest, stringToSign, signature }
}
