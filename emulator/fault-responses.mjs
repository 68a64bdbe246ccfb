// How each injected fault misbehaves on the wire.
import { STATUS_CODES } from 'node:http'
import { apiError, isKnownErrorCode } from './api-errors.mjs'

const OVERSIZE_BYTES = 20 * 1024 * 1024
const PADDING = Buffer.alloc(64 * 1024, ' ')
const UNSUCCESSFUL_CODE = 'InternalError'

/**
 * @typedef {object} FaultContext
 * @property {import('./exchange.mjs').Exchange} exchange
 * @property {import('./types.mjs').FaultSpec} fault
 * @property {() => Record<string, unknown>} successBody what the request would normally get,
 *   without counting as a poll; for faults that mangle a 200 answer
 * @property {(delayMs: number, then: () => void) => void} later a timer close() can cancel
 * @property {() => void} proceed answer the request normally
 */

/** @type {Record<import('./types.mjs').FaultKind, (context: FaultContext) => void>} */
export const FAULT_RESPONSES = {
  // A code the catalog knows comes with its real message (InternalError: 'The request processing
  // has failed due to some unknown error.'); the status stays the fault's (default 503).
  error({ exchange, fault }) {
    const code = fault.code ?? 'ServiceUnavailable'
    const error = apiError(isKnownErrorCode(code) ? code : 'ServiceUnavailable', {
      ...(fault.message === undefined ? {} : { message: fault.message }),
      status: fault.httpStatus ?? 503
    })
    exchange.sendError({ ...error, code }, fault.headers)
  },

  // What the service sends when the call went through but the work did not: the success
  // envelope's shape with `Success: false`, under an HTTP status (default 200) that does not say
  // so. Nothing is carried out: a create creates nothing.
  unsuccessful({ exchange, fault }) {
    const status = fault.httpStatus ?? 200
    const code = fault.code ?? UNSUCCESSFUL_CODE
    const json = JSON.stringify({
      RequestId: exchange.requestId,
      Success: false,
      Message: fault.message ?? apiError(UNSUCCESSFUL_CODE).message,
      Code: code,
      HttpStatusCode: fault.httpStatusCode ?? 400
    })
    exchange.res.writeHead(
      status,
      jsonHeaders(exchange, fault, { 'content-length': Buffer.byteLength(json) })
    )
    exchange.res.end(json)
    exchange.settle(status, code)
  },

  reset({ exchange }) {
    exchange.settle(0)
    // An RST, not a polite FIN: what a dropped connection looks like to the client.
    exchange.req.socket.resetAndDestroy()
  },

  stall({ exchange, fault, later, proceed }) {
    if (fault.stallMs === undefined) exchange.settle(0)
    else later(fault.stallMs, proceed)
  },

  html({ exchange, fault }) {
    const status = fault.httpStatus ?? 502
    const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`
    const page = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`
    // A proxy's page: no request id, since the request never reached the API gateway.
    sendWithoutRequestId(exchange, status, { 'content-type': 'text/html', ...fault.headers }, page)
    exchange.settle(status)
  },

  truncated({ exchange, fault, successBody }) {
    const json = Buffer.from(JSON.stringify(successBody()))
    exchange.res.writeHead(200, jsonHeaders(exchange, fault, { 'content-length': json.length }))
    exchange.settle(200)
    exchange.res.write(json.subarray(0, Math.floor(json.length / 2)), () => exchange.res.destroy())
  },

  respond({ exchange, fault }) {
    const status = fault.httpStatus ?? 200
    const text = fault.rawBody ?? (fault.body === undefined ? '' : JSON.stringify(fault.body))
    // Exactly what was given: no request id unless the fault's headers carry one.
    const headers = { 'content-type': 'application/json;charset=utf-8', ...fault.headers }
    sendWithoutRequestId(exchange, status, headers, text)
    exchange.settle(status, status >= 400 ? errorCodeOf(fault.body) : undefined)
  },

  redirect({ exchange, fault }) {
    const status = fault.httpStatus ?? 302
    const location = /** @type {string} */ (fault.location)
    sendWithoutRequestId(exchange, status, { location, ...fault.headers }, '')
    exchange.settle(status)
  },

  // The request is judged and carried out in full (a create creates), then its answer is dropped:
  // the client cannot tell whether anything happened.
  'lose-answer'({ exchange, proceed }) {
    exchange.loseAnswer()
    proceed()
  },

  oversize({ exchange, fault, successBody }) {
    exchange.res.writeHead(200, jsonHeaders(exchange, fault, {}))
    exchange.settle(200)
    void streamPadded(exchange.res, JSON.stringify(successBody()))
  }
}

/**
 * An answer from something other than the gateway: only a `Date` and the length are added.
 * @param {import('./exchange.mjs').Exchange} exchange
 * @param {number} status
 * @param {Record<string, string>} headers
 * @param {string} body
 */
function sendWithoutRequestId(exchange, status, headers, body) {
  exchange.res.writeHead(status, {
    date: exchange.clock.httpDate(),
    'content-length': Buffer.byteLength(body),
    ...headers
  })
  exchange.res.end(body)
}

/**
 * @param {import('./exchange.mjs').Exchange} exchange
 * @param {import('./types.mjs').FaultSpec} fault
 * @param {Record<string, number>} sizing
 */
function jsonHeaders(exchange, fault, sizing) {
  return exchange.headers({
    'content-type': 'application/json;charset=utf-8',
    ...sizing,
    ...fault.headers
  })
}

/**
 * Sends valid JSON about 20 MiB long: the body with whitespace after its opening brace, streamed
 * with backpressure so a client that stops reading does not make the emulator buffer it all.
 * @param {import('node:http').ServerResponse} res
 * @param {string} json
 */
async function streamPadded(res, json) {
  res.write(json.slice(0, 1))
  for (let sent = 0; sent < OVERSIZE_BYTES && !res.destroyed; sent += PADDING.length) {
    if (!res.write(PADDING)) await drainedOrClosed(res)
  }
  if (!res.destroyed) res.end(json.slice(1))
}

/** @param {import('node:http').ServerResponse} res */
function drainedOrClosed(res) {
  return new Promise(resolve => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve(undefined)
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

/**
 * The error code a 'respond' body carries, in either case, for the request record.
 * @param {unknown} body
 */
function errorCodeOf(body) {
  if (typeof body !== 'object' || body === null) return undefined
  const { Code, code } = /** @type {Record<string, unknown>} */ (body)
  const found = Code ?? code
  return typeof found === 'string' ? found : undefined
}
