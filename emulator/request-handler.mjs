// The order in which the emulator judges a request, like the real gateway: record it, serve an
// injected fault if one matches, authenticate, check freshness, then route to the API.
import { apiError, errorBody } from './api-errors.mjs'
import { createInstanceSnapshot } from './create-instance-snapshot.mjs'
import { Exchange } from './exchange.mjs'
import { FAULT_RESPONSES } from './fault-responses.mjs'
import { authenticateV3 } from './gateway-auth.mjs'
import { getInstanceSnapshot } from './get-instance-snapshot.mjs'
import { listInstanceSnapshot } from './list-instance-snapshot.mjs'
import { listInstances } from './list-instances.mjs'
import { readBody, receive, recordOf } from './received-request.mjs'

export const API_VERSION = '2022-01-01'

const HANDLERS = {
  GetInstanceSnapshot: getInstanceSnapshot,
  ListInstanceSnapshot: listInstanceSnapshot,
  CreateInstanceSnapshot: createInstanceSnapshot,
  ListInstances: listInstances
}

/**
 * @typedef {object} EmulatorState
 * @property {import('./emulator-clock.mjs').EmulatorClock} clock
 * @property {import('./snapshot-store.mjs').SnapshotStore} store
 * @property {import('./fault-queue.mjs').FaultQueue} faults
 * @property {Map<string, import('./types.mjs').CredentialSpec>} credentials by access key id
 * @property {import('./oidc-services.mjs').OidcServices} oidc STS and the GitHub ID-token endpoint
 * @property {import('./credentials-uri.mjs').CredentialsUri} credentialsUri
 * @property {import('./request-freshness.mjs').NonceRegistry} nonces
 * @property {import('./types.mjs').RequestRecord[]} requests
 * @property {number} maxPageSize
 * @property {import('./types.mjs').ListingOptions} listing
 * @property {import('./create-instance-snapshot.mjs').SnapshotCreation} creation
 * @property {(record: import('./types.mjs').RequestRecord) => void} onRequest
 */

/**
 * @param {EmulatorState} state
 */
export function createRequestHandler(state) {
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set()

  /** @type {import('./fault-responses.mjs').FaultContext['later']} */
  const later = (delayMs, then) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      then()
    }, delayMs)
    timers.add(timer)
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  function handle(req, res) {
    const at = state.clock.localNow()
    // A client that hangs up mid-body is simply gone: nothing to answer, nothing to record.
    readBody(req).then(
      body => serve(req, res, receive(req, body), at),
      () => res.destroy()
    )
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {import('./received-request.mjs').ReceivedRequest} received
   * @param {number} at
   */
  function serve(req, res, received, at) {
    const record = recordOf(req, received, at)
    state.requests.push(record)
    const exchange = new Exchange(req, res, record, state.clock, state.onRequest)
    guarded(exchange, () => {
      const fault = state.faults.take(record.action, received.route?.snapshotId)
      if (fault === undefined) return answer(exchange, received, state)
      record.fault = fault.kind
      FAULT_RESPONSES[fault.kind]({
        exchange,
        fault,
        successBody: () => bodyToMangle(exchange, received, state),
        later,
        proceed: () => guarded(exchange, () => answer(exchange, received, state))
      })
    })
  }

  return {
    handle,
    /** Forgets delayed answers, so close() leaves nothing behind. */
    cancelPending() {
      timers.forEach(timer => clearTimeout(timer))
      timers.clear()
    }
  }
}

/**
 * A bug in the emulator becomes a 500 for that request, never a crashed server.
 * @param {Exchange} exchange
 * @param {() => void} work
 */
function guarded(exchange, work) {
  try {
    work()
  } catch (error) {
    if (exchange.res.headersSent) exchange.res.destroy()
    else exchange.sendError(apiError('InternalError', { detail: String(error) }))
  }
}

/**
 * The normal path: authenticate, check freshness, route.
 * @param {Exchange} exchange
 * @param {import('./received-request.mjs').ReceivedRequest} received
 * @param {EmulatorState} state
 */
function answer(exchange, received, state) {
  if (exchange.res.destroyed) return
  if (state.oidc.answer(exchange, received)) return
  if (state.credentialsUri.answer(exchange, received)) return
  const error = gatewayError(received, state) ?? routingError(received)
  if (error) return exchange.sendError(error)
  const result = routedResult(exchange, received, state, true)
  if ('error' in result) exchange.sendError(result.error)
  else exchange.sendJson(200, result.body)
}

/**
 * @param {import('./received-request.mjs').ReceivedRequest} received
 * @param {EmulatorState} state
 */
function gatewayError(received, state) {
  const verdict = authenticateV3(received, state)
  return 'error' in verdict ? verdict.error : undefined
}

/** @param {import('./received-request.mjs').ReceivedRequest} received */
function routingError({ route, headers }) {
  if (!route) return apiError('InvalidApi.NotFound')
  const version = headers.get('x-acs-version')?.[0]
  if (version !== API_VERSION) {
    return apiError('InvalidVersion', { detail: `Expected ${API_VERSION}, got "${version}".` })
  }
  const action = headers.get('x-acs-action')?.[0]
  if (action !== route.action) {
    const detail = `The path is ${route.action}, x-acs-action says "${action}".`
    return apiError('InvalidApi.NotFound', { status: 400, detail })
  }
  return undefined
}

/**
 * @param {Exchange} exchange
 * @param {import('./received-request.mjs').ReceivedRequest} received
 * @param {EmulatorState} state
 * @param {boolean} countsAsPoll
 * @returns {import('./types.mjs').ApiResult}
 */
function routedResult(exchange, received, state, countsAsPoll) {
  const { route } = received
  if (!route) return { body: { RequestId: exchange.requestId } }
  return HANDLERS[route.action]({
    store: state.store,
    clock: state.clock,
    route,
    query: received.query,
    received,
    maxPageSize: state.maxPageSize,
    listing: state.listing,
    creation: state.creation,
    requestId: exchange.requestId,
    countsAsPoll
  })
}

/**
 * What a truncated or oversized answer is cut from: the answer the request would get, without
 * counting as a poll or creating anything (or its error body, if it would fail).
 * @param {Exchange} exchange
 * @param {import('./received-request.mjs').ReceivedRequest} received
 * @param {EmulatorState} state
 */
function bodyToMangle(exchange, received, state) {
  const result = routedResult(exchange, received, state, false)
  return 'error' in result
    ? errorBody(result.error, exchange.requestId, exchange.hostId)
    : result.body
}
