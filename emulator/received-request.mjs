// What arrived: a request split into the parts the emulator judges, and its log record.
import { randomUUID } from 'node:crypto'
import { claimedAccessKeyId } from './authorization-header.mjs'
import { headerValues } from './canonical-request.mjs'
import { parseQuery } from './query-string.mjs'
import { matchRoute } from './routes.mjs'

/**
 * @typedef {object} ReceivedRequest
 * @property {string} method
 * @property {string} rawPath
 * @property {string} rawQuery
 * @property {Record<string, string>} query
 * @property {Map<string, string[]>} headers
 * @property {Buffer} body
 * @property {import('./routes.mjs').Route | undefined} route
 */

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {Buffer} body
 * @returns {ReceivedRequest}
 */
export function receive(req, body) {
  const target = req.url ?? '/'
  const queryStart = target.indexOf('?')
  const rawPath = queryStart < 0 ? target : target.slice(0, queryStart)
  const rawQuery = queryStart < 0 ? '' : target.slice(queryStart + 1)
  const method = req.method ?? 'GET'
  return {
    method,
    rawPath,
    rawQuery,
    query: Object.fromEntries(parseQuery(rawQuery)),
    headers: headerValues(req.rawHeaders),
    body,
    route: matchRoute(method, rawPath)
  }
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {ReceivedRequest} received
 * @param {number} at
 * @returns {import('./types.mjs').RequestRecord}
 */
export function recordOf(req, received, at) {
  const token = req.headers['x-acs-security-token']
  const headerAction = req.headers['x-acs-action']
  return {
    method: received.method,
    path: received.rawPath,
    query: received.query,
    ...(received.body.length > 0 ? { body: received.body.toString('utf8') } : {}),
    action:
      received.route?.action ??
      received.query.Action ?? // RPC style (STS)
      (typeof headerAction === 'string' ? headerAction : undefined),
    accessKeyId: claimedAccessKeyId(req.headers.authorization),
    securityToken: typeof token === 'string' ? token : undefined,
    headers: req.headers,
    statusCode: 0,
    at,
    // Fresh per request, upper case like the real gateway's.
    requestId: randomUUID().toUpperCase()
  }
}

/** @param {import('node:http').IncomingMessage} req */
export async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  return Buffer.concat(chunks)
}
