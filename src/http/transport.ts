import { ApiError } from '../errors.js'
import type { Dispatcher } from 'undici'
import { isLoopbackHost } from './loopback.js'

export interface HttpRequest {
  url: string
  method: string
  headers: Record<string, string>
  body?: string
  /** Covers connecting, waiting for headers and reading the body: a stalled call must not hang. */
  timeoutMs: number
  /** Aborts the request when the job is cancelled. */
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: Record<string, string | undefined>
  body: string
}

/** Sends HTTP requests; the seam where unit tests put a fake and everything else uses undici. */
export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>
  /** Resolves once requests can go out at once (undici loaded), so a rate limit spaces them. */
  prepare?(): Promise<void>
  /** Closes kept-alive connections so the process can exit as soon as the work is done. */
  close(): Promise<void>
}

/** API responses are a few KiB; anything far larger is a proxy page or an attack, not data. */
export const MAX_BODY_BYTES = 1024 * 1024

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']

/** Node error codes that say the host name itself is wrong, not that the network blinked. */
const HOST_NOT_FOUND = new Set(['ENOTFOUND'])
const TLS_CERTIFICATE =
  /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT)/

/**
 * The undici transport. undici is imported on first use, not at start-up, so that a run that
 * fails on its inputs never pays for loading it; proxies from the environment are honoured the
 * way self-hosted runners expect, except for loopback hosts, which are always reached directly
 * (as Go's net/http does): a proxy must never see what is sent to this machine in clear. Redirects
 * are never followed: undici's dispatchers do not follow them unless asked, and a 3xx is then an
 * error like any other non-2xx answer.
 */
export function createUndiciTransport(env: Record<string, string | undefined>): Transport {
  let dispatchersPromise: Promise<Dispatchers> | undefined
  const dispatchers = () => (dispatchersPromise ??= createDispatchers(env))
  /** Origins that have sent an HTTP answer during this step. */
  const answered = new Set<string>()

  const send = async (request: HttpRequest): Promise<HttpResponse> => {
    const url = new URL(request.url)
    const { direct, viaProxy } = await dispatchers()
    const agent = isLoopbackHost(url.hostname) ? direct : viaProxy
    const timeout = AbortSignal.timeout(request.timeoutMs)
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout
    try {
      const pending = agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method as 'GET',
        headers: request.headers,
        body: request.body,
        signal,
        headersTimeout: request.timeoutMs,
        bodyTimeout: request.timeoutMs
      })
      const response = await untilAborted(pending, signal)
      answered.add(url.origin)
      const body = await readCapped(response.body, MAX_BODY_BYTES)
      const headers: Record<string, string | undefined> = {}
      for (const [name, value] of Object.entries(response.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value
      }
      return { status: response.statusCode, headers, body }
    } catch (error) {
      throw toNetworkError(request, error, timeout.aborted, answered.has(url.origin))
    }
  }
  // Destroyed, not closed: a close waits for every request still queued, and one abandoned behind
  // a proxy's unanswered CONNECT would hold the step for as long as the proxy likes.
  let closed: Promise<void> | undefined
  const close = () =>
    (closed ??= (async () => {
      if (!dispatchersPromise) return
      const { direct, viaProxy } = await dispatchersPromise
      await Promise.all([...new Set([direct, viaProxy])].map(agent => agent.destroy()))
    })())
  const prepare = async () => {
    await dispatchers()
  }
  return { send, prepare, close }
}

/**
 * The answer, or the signal's abort. undici leaves a request waiting for its connection until the
 * connection is made, whatever its signal says; through a proxy that never answers `CONNECT`,
 * that is forever. So the wait for the answer ends with the signal, and the request left behind
 * is dropped (its late answer, if any, is discarded) when the transport is closed.
 */
async function untilAborted<T extends { body: { destroy(): unknown } }>(
  pending: Promise<T>,
  signal: AbortSignal
): Promise<T> {
  let onAbort = () => {}
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason)
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([pending, aborted])
  } catch (error) {
    pending.then(
      late => late.body.destroy(),
      () => undefined
    )
    throw error
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

/** `viaProxy` honours the proxy variables (and NO_PROXY); `direct` is for loopback hosts. */
interface Dispatchers {
  direct: Dispatcher
  viaProxy: Dispatcher
}

/** The proxy settings are read from `env` alone, so the step and its tests see one truth. */
async function createDispatchers(env: NodeJS.ProcessEnv): Promise<Dispatchers> {
  const { Agent, EnvHttpProxyAgent } = await import('undici')
  const direct = new Agent({ keepAliveTimeout: 10_000 })
  if (!PROXY_VARIABLES.some(name => env[name])) return { direct, viaProxy: direct }
  const viaProxy = new EnvHttpProxyAgent({
    httpProxy: env.http_proxy ?? env.HTTP_PROXY,
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY,
    noProxy: env.no_proxy ?? env.NO_PROXY ?? ''
  })
  return { direct, viaProxy }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }, limit: number) {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > limit) {
      body.destroy()
      throw new BodyTooLargeError(limit)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE'
  constructor(limit: number) {
    super(`response body larger than ${limit} bytes`)
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error
  // undici wraps the socket error; the useful code is usually on the cause.
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && !code.startsWith('UND_ERR')) return code
    current = (current as { cause?: unknown }).cause
  }
  // undici's own code, when nothing below names more; a number (an AbortError's) names nothing.
  const own = (error as { code?: unknown } | undefined)?.code
  return typeof own === 'string' ? own : undefined
}

/** Failures that, from a host that has not answered this step yet, mean the wrong place. */
const REFUSED = new Set(['ECONNREFUSED'])
const TLS_PROTOCOL = /^(?:EPROTO$|ERR_SSL_)/

/** A connection the host refused: the request never reached it, so it did nothing. */
export function isRefusedConnection(error: ApiError): boolean {
  return REFUSED.has(error.code ?? '')
}

const WRONG_PLACE_HINT =
  'Check the endpoint the action calls (the endpoint and region inputs; sts-endpoint for STS) ' +
  'and the proxy variables HTTPS_PROXY, HTTP_PROXY and NO_PROXY'

/** Node and OpenSSL messages can span lines; a log line must not. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

/**
 * The ApiError for a request that got no HTTP answer. The API client names the operation
 * (`GetInstanceSnapshot (snapshot …)`) with `withOperation`. `hostAnswered`: whether the host has
 * answered any request of this step, which turns a refused connection from a wrong endpoint
 * (fail fast) into a passing fault (retry).
 */
function toNetworkError(
  request: HttpRequest,
  error: unknown,
  timedOut: boolean,
  hostAnswered: boolean
): ApiError {
  const url = new URL(request.url)
  const operation = `${request.method} ${url.pathname}`
  const host = url.host
  const code = timedOut ? 'TIMEOUT' : (errorCode(error) ?? 'NETWORK_ERROR')
  if (HOST_NOT_FOUND.has(code)) {
    return new ApiError({
      operation,
      kind: 'host-not-found',
      code,
      serviceMessage: `host ${host} not found`,
      hint: 'Check the region and endpoint inputs'
    })
  }
  if (TLS_CERTIFICATE.test(code)) {
    return new ApiError({
      operation,
      kind: 'tls',
      code,
      serviceMessage: `TLS certificate of ${host} not trusted`,
      hint: 'Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate'
    })
  }
  const what = timedOut
    ? `no complete response from ${host} within ${request.timeoutMs} ms`
    : REFUSED.has(code)
      ? `connection refused by ${host}`
      : TLS_PROTOCOL.test(code)
        ? `TLS handshake with ${host} failed (https:// to a plain-HTTP port fails this way)`
        : `${oneLine(error instanceof Error ? error.message : String(error))} (${host})`
  if ((REFUSED.has(code) || TLS_PROTOCOL.test(code)) && !hostAnswered) {
    return new ApiError({
      operation,
      kind: 'unreachable',
      code,
      serviceMessage: `${what}, which has not answered this step`,
      hint: WRONG_PLACE_HINT
    })
  }
  return new ApiError({ operation, kind: 'network', code, serviceMessage: what })
}
