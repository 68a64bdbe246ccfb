// A deliberately small ACS3-HMAC-SHA256 client for the emulator's tests. It shares no code with
// the emulator (nor with the action's signer in src/); the official SDK cross-checks both.
import { createHash, createHmac, randomUUID } from 'node:crypto'
import { request } from 'undici'

export interface Caller {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

export interface SignedRequestOptions {
  /** Already percent-encoded, e.g. /api/v2/instances/dsw-1/snapshots/snp-1 */
  path: string
  action: string
  caller: Caller
  query?: Record<string, string>
  version?: string
  date?: Date
  nonce?: string
  /** Sent as x-acs-content-sha256 instead of the empty body's hash. */
  contentSha256?: string
  /** Signed headers to leave out of SignedHeaders (they are still sent). */
  unsigned?: string[]
  /** Extra headers, signed when they are x-acs-* ones. */
  headers?: Record<string, string>
}

export interface SignedPostOptions extends SignedRequestOptions {
  /** The exact body bytes sent (and, unless contentSha256 says otherwise, hashed). */
  body: string
  /** Default `application/json; charset=utf-8`; null sends none. */
  contentType?: string | null
  /** Sent instead of `body`, after signing: what a tampering proxy would do. */
  sentBody?: string
}

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: Record<string, unknown>
}

export function acsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/** The headers (including Authorization) and query string of a signed GET to `baseUrl`. */
export function signGet(baseUrl: string, options: SignedRequestOptions) {
  return signRequest(baseUrl, 'GET', '', options)
}

/** The same for any method and body; `content-type` is signed like the official SDK signs it. */
export function signRequest(
  baseUrl: string,
  method: string,
  body: string,
  options: SignedRequestOptions & { contentType?: string | null }
) {
  const { caller } = options
  const bodyHash = createHash('sha256').update(body).digest('hex')
  const contentType =
    options.contentType === undefined && body !== ''
      ? 'application/json; charset=utf-8'
      : options.contentType
  const query = Object.entries(options.query ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .join('&')
  const headers: Record<string, string> = {
    host: new URL(baseUrl).host,
    'x-acs-action': options.action,
    'x-acs-version': options.version ?? '2022-01-01',
    'x-acs-date': acsDate(options.date ?? new Date()),
    'x-acs-signature-nonce': options.nonce ?? randomUUID(),
    'x-acs-content-sha256': options.contentSha256 ?? bodyHash,
    ...(caller.securityToken === undefined ? {} : { 'x-acs-security-token': caller.securityToken }),
    ...(typeof contentType === 'string' ? { 'content-type': contentType } : {}),
    ...options.headers
  }
  const signed = Object.keys(headers)
    .filter(name => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'))
    .filter(name => !options.unsigned?.includes(name))
    .sort()
  const canonical = [
    method,
    options.path,
    query,
    signed.map(name => `${name}:${headers[name]?.trim()}\n`).join(''),
    signed.join(';'),
    bodyHash
  ].join('\n')
  const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`
  const signature = createHmac('sha256', caller.accessKeySecret).update(toSign).digest('hex')
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${caller.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`
  return { headers, query }
}

/** Sends a signed GET and reads the whole answer. */
export async function signedGet(baseUrl: string, options: SignedRequestOptions): Promise<Answer> {
  const { headers, query } = signGet(baseUrl, options)
  return send(baseUrl, options.path + (query ? `?${query}` : ''), headers)
}

/** Sends a signed POST with a body (JSON unless told otherwise) and reads the whole answer. */
export async function signedPost(baseUrl: string, options: SignedPostOptions): Promise<Answer> {
  const { headers, query } = signRequest(baseUrl, 'POST', options.body, options)
  const path = options.path + (query ? `?${query}` : '')
  return send(baseUrl, path, headers, { method: 'POST', body: options.sentBody ?? options.body })
}

/** Sends a GET (or what `init` says) with exactly these headers (undici adds `host` itself). */
export async function send(
  baseUrl: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  init: { method?: 'GET' | 'POST'; body?: string } = {}
): Promise<Answer> {
  const { host: _host, ...rest } = headers
  const response = await request(baseUrl + pathAndQuery, {
    method: init.method ?? 'GET',
    headers: rest,
    ...(init.body === undefined ? {} : { body: init.body })
  })
  const text = await response.body.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    // Not JSON (an HTML fault page): callers look at `text`.
  }
  return { status: response.statusCode, headers: response.headers, text, json }
}

export function snapshotPath(instanceId: string, snapshotId?: string): string {
  const list = `/api/v2/instances/${rfc3986(instanceId)}/snapshots`
  return snapshotId === undefined ? list : `${list}/${rfc3986(snapshotId)}`
}

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** How an error answer reads: `[HTTP status, Code, Message]`. */
export const refusal = (answer: Answer) => [answer.status, answer.json.Code, answer.json.Message]

/** The envelope every success answer carries (its RequestId equal to the header's). */
export const successEnvelope = (requestId: unknown) => ({
  RequestId: requestId,
  Success: true,
  Message: '',
  Code: 'null',
  HttpStatusCode: 0
})
