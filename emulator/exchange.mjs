// One request and its answer: writes the response and keeps the request's record up to date.
import { errorBody } from './api-errors.mjs'

export class Exchange {
  #settled = false
  #answerLost = false

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {import('./types.mjs').RequestRecord} record
   * @param {import('./emulator-clock.mjs').EmulatorClock} clock
   * @param {(record: import('./types.mjs').RequestRecord) => void} onSettled
   */
  constructor(req, res, record, clock, onSettled) {
    this.req = req
    this.res = res
    this.record = record
    this.clock = clock
    this.onSettled = onSettled
    // Whatever happens (a client gives up on a stall, a reset), the record gets its outcome once.
    res.once('close', () => this.settle(0))
  }

  /** The answer, whatever it is, will be dropped with a reset instead of sent. */
  loseAnswer() {
    this.#answerLost = true
  }

  get requestId() {
    return this.record.requestId
  }

  /** What the gateway calls itself in error bodies: the endpoint host the caller used. */
  get hostId() {
    return this.req.headers.host ?? '127.0.0.1'
  }

  /**
   * Headers every answer carries: the emulator's own clock in `Date`, and the request id.
   * @param {Record<string, string | number>} [extra]
   */
  headers(extra = {}) {
    return { date: this.clock.httpDate(), 'x-acs-request-id': this.requestId, ...extra }
  }

  /**
   * @param {number} status
   * @param {Record<string, unknown>} body carries RequestId = this.requestId
   * @param {Record<string, string>} [extraHeaders]
   */
  sendJson(status, body, extraHeaders = {}) {
    if (this.#answerLost) {
      this.settle(0)
      this.req.socket.resetAndDestroy()
      return
    }
    const json = JSON.stringify(body)
    this.res.writeHead(
      status,
      this.headers({
        'content-type': 'application/json;charset=utf-8',
        'content-length': Buffer.byteLength(json),
        ...extraHeaders
      })
    )
    this.res.end(json)
    this.settle(status, typeof body.Code === 'string' && status >= 400 ? body.Code : undefined)
  }

  /**
   * @param {import('./api-errors.mjs').ApiError} error
   * @param {Record<string, string>} [extraHeaders]
   */
  sendError(error, extraHeaders) {
    this.sendJson(error.status, errorBody(error, this.requestId, this.hostId), extraHeaders)
  }

  /**
   * Records the outcome once, whatever ends the exchange.
   * @param {number} statusCode 0 when nothing is answered
   * @param {string} [code]
   */
  settle(statusCode, code) {
    if (this.#settled) return
    this.#settled = true
    this.record.statusCode = statusCode
    if (code !== undefined) this.record.code = code
    this.onSettled(this.record)
  }
}
