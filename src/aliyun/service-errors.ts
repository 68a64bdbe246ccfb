import { ApiError, type FailureKind } from '../errors.js'
import type { HttpResponse } from '../http/transport.js'

/** What a service's error answer means for the caller, and what the user can do about it. */
export interface ServiceFailure {
  kind: FailureKind
  hint?: string
}

/** Maps an error answer's HTTP status and `Code` to a failure; one per API (PAI-DSW, STS). */
export type ErrorClassifier = (httpStatus: number, code: string) => ServiceFailure

/**
 * Throttling and server faults, which every Alibaba Cloud API answers alike: worth a retry. Like
 * the official SDK core, any code that contains `Throttling` (`Throttling.User`,
 * `Request.Throttling`) is throttling.
 */
export function classifyTransient(httpStatus: number, code: string): ServiceFailure | undefined {
  if (/Throttling/i.test(code) || httpStatus === 429) return { kind: 'throttled' }
  if (code === 'ServiceUnavailable' || httpStatus >= 500) return { kind: 'server' }
  return undefined
}

/**
 * The ApiError for an answer that is not a success, classified by `classify`. Without a JSON body
 * the response came from something in between (a proxy or load balancer page): such pages are
 * passing faults, unlike the service's own 4xx answers.
 */
export function errorFromResponse(
  operation: string,
  response: HttpResponse,
  body: Record<string, unknown> | undefined,
  classify: ErrorClassifier
): ApiError {
  const code = errorField(body, 'Code')
  const requestId = errorField(body, 'RequestId') || response.headers['x-acs-request-id']
  const { kind, hint } = body
    ? classify(statusOfAnswer(response.status, body), code)
    : {
        kind: response.status === 429 ? ('throttled' as const) : ('server' as const),
        hint: undefined
      }
  return new ApiError({
    operation,
    kind,
    httpStatus: response.status,
    code: code || undefined,
    serviceMessage: body
      ? errorField(body, 'Message') ||
        (response.status < 300 ? 'the answer says Success: false' : '')
      : `non-JSON response: ${preview(response.body)}`,
    requestId: requestId || undefined,
    hint,
    retryAfterMs: retryAfterMs(response.headers),
    serverDate: serverDate(response.headers)
  })
}

/**
 * The HTTP status an error answer stands for: a 2xx that says `Success: false` may name the real
 * one in `HttpStatusCode` (a number, or a numeric string as the SDK reads it); else it is the
 * response's own.
 */
function statusOfAnswer(responseStatus: number, body: Record<string, unknown>): number {
  if (responseStatus >= 300) return responseStatus
  const named = Number(body.HttpStatusCode)
  return Number.isInteger(named) && named >= 400 && named <= 599 ? named : responseStatus
}

export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The fields an XML error answer carries, as the official SDK reads them from `<Error>`. */
const XML_ERROR_FIELDS = ['Code', 'Message', 'RequestId', 'HostId', 'Recommend'] as const

/**
 * An error answer in XML (`<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId>`),
 * which the official SDK core reads for its Code, Message and RequestId when the answer says
 * `text/xml`; undefined for anything else (a proxy's page). Read with `indexOf`, never a
 * backtracking pattern, so a hostile body costs time linear in its (capped) size.
 */
export function xmlErrorBody(response: HttpResponse): Record<string, string> | undefined {
  const text = response.body.trimStart()
  const saysXml = /\bxml\b/i.test(response.headers['content-type'] ?? '')
  if (!saysXml && !/^<(\?xml|Error[\s>])/.test(text)) return undefined
  const error = elementText(text, 'Error')
  if (error === undefined) return undefined
  const fields: Record<string, string> = {}
  for (const name of XML_ERROR_FIELDS) {
    const value = elementText(error, name)
    if (value !== undefined) fields[name] = xmlText(value)
  }
  return fields.Code ? fields : undefined
}

/** What stands between the first `<name>` (or `<name attr…>`) and the `</name>` after it. */
function elementText(xml: string, name: string): string | undefined {
  const open = new RegExp(`<${name}(?:\\s[^<>]*)?>`).exec(xml)
  if (!open) return undefined
  const start = open.index + open[0].length
  const end = xml.indexOf(`</${name}>`, start)
  return end === -1 ? undefined : xml.slice(start, end)
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

const CDATA_OPEN = '<![CDATA['
const CDATA_CLOSE = ']]>'

/**
 * Character data: CDATA sections as they are, the text around them with its entities decoded, as
 * the SDK core's XML reader gives it; then trimmed, which that reader is not, so that a `Code`
 * written with spaces around it is still classified. Read with `indexOf`, like the elements.
 */
function xmlText(raw: string): string {
  let text = ''
  let at = 0
  for (;;) {
    const open = raw.indexOf(CDATA_OPEN, at)
    const close = open === -1 ? -1 : raw.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length)
    if (close === -1) return (text + decodeEntities(raw.slice(at))).trim()
    text += decodeEntities(raw.slice(at, open)) + raw.slice(open + CDATA_OPEN.length, close)
    at = close + CDATA_CLOSE.length
  }
}

/** The five named entities and numeric character references; anything else stays as written. */
function decodeEntities(text: string): string {
  return text.replace(
    /&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi,
    (entity, name: string) => {
      if (name[0] !== '#') return XML_ENTITIES[name.toLowerCase()] ?? entity
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity
    }
  )
}

export function stringField(body: Record<string, unknown> | undefined, name: string): string {
  const value = body?.[name]
  return typeof value === 'string' ? value : ''
}

/** Error bodies spell their keys `Code` or, from some services, `code` (the SDK core reads both). */
function errorField(body: Record<string, unknown> | undefined, name: string): string {
  return stringField(body, name) || stringField(body, name[0]!.toLowerCase() + name.slice(1))
}

/** A proxy's HTML page can be long and multi-line: show a short single-line start of it. */
export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat || '(empty body)'
}

/**
 * The pause a throttled answer asks for: `x-acs-retry-after` in milliseconds (as the official SDK
 * core reads it), else HTTP's `Retry-After` in seconds or as a date. A date is read against the
 * answer's own `Date` header, the server's clock: the runner's clock may be off, and without a
 * `Date` the pause is unknown.
 */
export function retryAfterMs(headers: Record<string, string | undefined>): number | undefined {
  const acs = headers['x-acs-retry-after']
  if (acs && /^\d+$/.test(acs.trim())) return Number(acs.trim())
  const value = headers['retry-after']?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  const answeredAt = serverDate(headers)?.getTime()
  if (Number.isNaN(date) || answeredAt === undefined) return undefined
  return Math.max(0, date - answeredAt)
}

export function serverDate(headers: Record<string, string | undefined>): Date | undefined {
  const value = headers.date
  const parsed = value ? Date.parse(value) : NaN
  return Number.isNaN(parsed) ? undefined : new Date(parsed)
}
