import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import dns from 'node:dns'
import { getEventListeners } from 'node:events'
import { readFileSync } from 'node:fs'
import {
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
  createServer
} from 'node:http'
import {
  type Server as NetServer,
  type Socket,
  createServer as createNetServer,
  isIP
} from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { ApiError } from '../../src/errors.js'
import {
  type HttpRequest,
  MAX_BODY_BYTES,
  type Transport,
  createUndiciTransport,
  isRefusedConnection
} from '../../src/http/transport.js'

const WRONG_PLACE_HINT =
  'Check the endpoint the action calls (the endpoint and region inputs; sts-endpoint for STS) ' +
  'and the proxy variables HTTPS_PROXY, HTTP_PROXY and NO_PROXY'

/** What a local server received: method, path (with query), headers and body. */
interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

interface Local {
  /** `127.0.0.1:PORT` */
  host: string
  port: number
  received: Received[]
  sockets: Set<Socket>
  close(): Promise<void>
}

const cleanups: (() => Promise<void>)[] = []

/**
 * No resolver is ever asked in these tests: `dns.lookup` (which Node's net, and so undici, uses)
 * answers `localhost` itself, passes IP literals on (they are not looked up) and fails every other
 * name, and any name in `missing`, with ENOTFOUND.
 */
const resolver = { asked: [] as string[], missing: new Set<string>() }
const realLookup = dns.lookup

function fakeLookup(host: string, ...rest: unknown[]) {
  const callback = rest.at(-1) as (...answer: unknown[]) => void
  const options = (typeof rest[0] === 'object' && rest[0]) || {}
  if (isIP(host) && !resolver.missing.has(host)) {
    return (realLookup as (...args: unknown[]) => void)(host, ...rest)
  }
  resolver.asked.push(host)
  if (host === 'localhost' && !resolver.missing.has(host)) {
    const all = (options as { all?: boolean }).all
    return process.nextTick(
      callback,
      null,
      ...(all ? [[{ address: '127.0.0.1', family: 4 }]] : ['127.0.0.1', 4])
    )
  }
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname: host
  })
  process.nextTick(callback, error)
}

beforeAll(() => {
  // The fake takes every overload's arguments; util.promisify keeps the real one's shape.
  dns.lookup = Object.assign(fakeLookup, { __promisify__: realLookup.__promisify__ })
})
afterAll(() => {
  dns.lookup = realLookup
})
beforeEach(() => {
  resolver.asked.length = 0
  resolver.missing.clear()
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Listens on 127.0.0.1 (a free port); closes itself, connections included, after the test. */
async function listenOn(server: NetServer): Promise<Local> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    for (const socket of sockets) socket.destroy()
    await new Promise(resolve => server.close(resolve))
  }
  cleanups.push(close)
  return { host: `127.0.0.1:${port}`, port, received: [], sockets, close }
}

/** An HTTP server on loopback that records each request, then lets `handler` answer it. */
async function httpServer(
  handler: (request: IncomingMessage, response: ServerResponse, body: string) => void
): Promise<Local> {
  const received: Received[] = []
  const listener: RequestListener = (request, response) => {
    response.on('error', () => undefined)
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body
      })
      handler(request, response, body)
    })
  }
  return { ...(await listenOn(createServer(listener))), received }
}

/** A server that answers 200 `ok`, closing each connection (so nothing is kept alive). */
const okServer = () =>
  httpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', connection: 'close' })
    response.end('ok')
  })

/** A port that was just listened on and closed: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const local = await listenOn(createNetServer())
  await local.close()
  return local.port
}

function transport(env: NodeJS.ProcessEnv = {}): Transport {
  const created = createUndiciTransport(env)
  cleanups.push(() => created.close())
  return created
}

const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  url,
  method: 'GET',
  headers: {},
  timeoutMs: 5000,
  ...extra
})

/** The ApiError a send rejects with (fails the test if it resolves). */
async function failure(sending: Promise<unknown>): Promise<ApiError> {
  const error = await sending.then(
    answer => {
      throw new Error(`expected a failure, got ${JSON.stringify(answer)}`)
    },
    (error: unknown) => error
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('MAX_BODY_BYTES', () => {
  it('is 1 MiB', () => {
    expect(MAX_BODY_BYTES).toBe(1_048_576)
  })
})

describe('createUndiciTransport: answers', () => {
  it('sends the method, path with query, headers and body, and returns status, headers and body', async () => {
    const server = await httpServer((_request, response, body) => {
      response.setHeader('x-multi', ['first', 'second'])
      response.setHeader('x-acs-request-id', 'req-1')
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"echo":')
      response.end(`${JSON.stringify(body)},"text":"caf\u00e9 \u2713"}`)
    })
    const answer = await transport().send({
      url: `http://${server.host}/api/v2/instances/dsw-1?PageNumber=2&Order=DESC`,
      method: 'POST',
      headers: { 'x-acs-action': 'ListInstanceSnapshot', 'content-type': 'application/json' },
      body: '{"a":1}',
      timeoutMs: 5000
    })
    expect(answer.status).toBe(200)
    expect(answer.headers['x-multi']).toBe('first, second')
    expect(answer.headers['x-acs-request-id']).toBe('req-1')
    expect(answer.headers['content-type']).toBe('application/json')
    expect(JSON.parse(answer.body)).toEqual({ echo: '{"a":1}', text: 'caf\u00e9 \u2713' })
    expect(server.received).toHaveLength(1)
    expect(server.received[0]).toMatchObject({
      method: 'POST',
      url: '/api/v2/instances/dsw-1?PageNumber=2&Order=DESC',
      body: '{"a":1}'
    })
    expect(server.received[0]!.headers['x-acs-action']).toBe('ListInstanceSnapshot')
  })

  it('keeps a header sent once as a plain string', async () => {
    const server = await httpServer((_request, response) => {
      response.writeHead(204, { 'x-single': 'only' })
      response.end()
    })
    const answer = await transport().send(get(`http://${server.host}/`))
    expect(answer).toEqual({
      status: 204,
      headers: expect.objectContaining({ 'x-single': 'only' }),
      body: ''
    })
  })

  it('returns a non-2xx answer as it is', async () => {
    const server = await httpServer((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' })
      response.end('{"Code":"Forbidden.RAM"}')
    })
    const answer = await transport().send(get(`http://${server.host}/x`))
    expect(answer.status).toBe(403)
    expect(answer.body).toBe('{"Code":"Forbidden.RAM"}')
  })

  it('never follows a redirect: a 302 comes back as a 302', async () => {
    const target = await okServer()
    const server = await httpServer((_request, response) => {
      response.writeHead(302, { location: `http://${target.host}/elsewhere` })
      response.end('moved')
    })
    const answer = await transport().send(get(`http://${server.host}/start`))
    expect(answer.status).toBe(302)
    expect(answer.headers.location).toBe(`http://${target.host}/elsewhere`)
    expect(answer.body).toBe('moved')
    expect(target.received).toEqual([])
  })

  it('reads a body of exactly MAX_BODY_BYTES, in as many chunks as it comes', async () => {
    const body = `${'a'.repeat(MAX_BODY_BYTES - 1)}z`
    const server = await httpServer((_request, response) => {
      response.writeHead(200)
      response.end(body)
    })
    const answer = await transport().send(get(`http://${server.host}/big`))
    expect(answer.body.length).toBe(MAX_BODY_BYTES)
    expect(answer.body === body).toBe(true)
  })

  it('refuses a body larger than MAX_BODY_BYTES', async () => {
    const server = await httpServer((_request, response) => {
      response.writeHead(200)
      response.end(Buffer.alloc(MAX_BODY_BYTES + 1, 'a'))
    })
    const error = await failure(transport().send(get(`http://${server.host}/huge`)))
    expect(error).toMatchObject({
      operation: 'GET /huge',
      kind: 'network',
      code: 'BODY_TOO_LARGE',
      serviceMessage: `response body larger than 1048576 bytes (${server.host})`,
      hint: undefined
    })
    expect(error.retryable).toBe(true)
  })
})

describe('createUndiciTransport: timeouts and cancellation', () => {
  it('times out a server that never answers, naming the host and the time', async () => {
    const stalled = await listenOn(createNetServer(() => undefined))
    const started = Date.now()
    const error = await failure(
      transport().send(get(`http://${stalled.host}/snapshots?x=1`, { timeoutMs: 200 }))
    )
    const took = Date.now() - started
    expect(error).toMatchObject({
      operation: 'GET /snapshots',
      kind: 'network',
      code: 'TIMEOUT',
      serviceMessage: `no complete response from ${stalled.host} within 200 ms`,
      hint: undefined
    })
    expect(error.message).toBe(
      `GET /snapshots failed: no complete response from ${stalled.host} within 200 ms (Code: TIMEOUT)`
    )
    expect(error.retryable).toBe(true)
    expect(isRefusedConnection(error)).toBe(false)
    expect(took).toBeGreaterThanOrEqual(190)
    expect(took).toBeLessThan(5000)
  })

  it('times out a body that stops coming after the headers', async () => {
    const server = await httpServer((_request, response) => {
      response.writeHead(200, { 'content-length': '100' })
      response.write('partial')
    })
    const error = await failure(transport().send(get(`http://${server.host}/`, { timeoutMs: 300 })))
    expect(error).toMatchObject({
      kind: 'network',
      code: 'TIMEOUT',
      serviceMessage: `no complete response from ${server.host} within 300 ms`
    })
  })

  it('aborts the request when the signal aborts, without waiting for the timeout', async () => {
    const stalled = await listenOn(createNetServer(() => undefined))
    const controller = new AbortController()
    // The request's own timeout is far beyond the test's: only the abort can end it in time.
    const sending = transport().send(
      get(`http://${stalled.host}/`, { timeoutMs: 600_000, signal: controller.signal })
    )
    setTimeout(() => controller.abort(), 50)
    const error = await failure(sending)
    expect(error.kind).toBe('network')
    // A string code, never the abort's numeric DOMException code.
    expect(error.code).toBe('NETWORK_ERROR')
    // (Jest runs the test in another realm than Node's DOMException: hence the optional name.)
    expect(error.serviceMessage).toMatch(
      new RegExp(`^(?:AbortError: )?This operation was aborted \\(${stalled.host}\\)$`)
    )
  })

  it('does not send at all when the signal has already aborted', async () => {
    const server = await okServer()
    const error = await failure(
      transport().send(get(`http://${server.host}/`, { signal: AbortSignal.abort() }))
    )
    expect(error.kind).toBe('network')
    expect(error.code).not.toBe('TIMEOUT')
    expect(server.received).toEqual([])
  })
})

describe('createUndiciTransport: what ended a request', () => {
  // A request fails with its signal's abort reason as it is: here the reason stands in for the
  // errors undici raises, which carry the socket's error as their cause.
  /** An Error with `code`, and `cause` below it. */
  const coded = (message: string, code: unknown, cause?: unknown) =>
    Object.assign(new Error(message, { cause }), { code })

  /** The failure of a request whose signal had aborted with `reason` (it is never sent). */
  async function endedBy(reason: unknown): Promise<{ error: ApiError; host: string }> {
    const server = await okServer()
    const error = await failure(
      transport().send(get(`http://${server.host}/x`, { signal: AbortSignal.abort(reason) }))
    )
    expect(server.received).toEqual([])
    return { error, host: server.host }
  }

  it("names a failure by the code below undici's own, on its cause", async () => {
    const { error, host } = await endedBy(
      coded('other side closed', 'UND_ERR_SOCKET', coded('read ECONNRESET', 'ECONNRESET'))
    )
    expect(error).toMatchObject({
      kind: 'network',
      code: 'ECONNRESET',
      serviceMessage: `other side closed (${host})`
    })
  })

  it('looks for that code three causes deep, no deeper', async () => {
    const chain = (below: unknown) =>
      coded('outer', 'UND_ERR_A', coded('b', 'UND_ERR_B', coded('c', 'UND_ERR_C', below)))
    const found = await endedBy(chain(coded('d', 'ECONNRESET')))
    expect(found.error.code).toBe('ECONNRESET')
    const tooDeep = await endedBy(chain(coded('d', 'UND_ERR_D', coded('e', 'ECONNRESET'))))
    expect(tooDeep.error.code).toBe('UND_ERR_A')
  })

  it('ends its search on a cause chain that loops, keeping the outer code', async () => {
    const looping = coded('looping', 'UND_ERR_LOOP')
    looping.cause = looping
    const { error } = await endedBy(looping)
    expect(error.code).toBe('UND_ERR_LOOP')
  })

  it('puts a message that spans lines on one line, without spaces at its ends', async () => {
    const { error, host } = await endedBy(
      new Error('\n  connect failed:\n\n   the peer\treset it  \n')
    )
    expect(error).toMatchObject({
      kind: 'network',
      code: 'NETWORK_ERROR',
      serviceMessage: `connect failed: the peer reset it (${host})`
    })
  })

  it('leaves no listener on the signals it makes once a request has ended', async () => {
    const server = await okServer()
    const timeouts = jest.spyOn(AbortSignal, 'timeout')
    const combined = jest.spyOn(AbortSignal, 'any')
    try {
      const sender = transport()
      await sender.send(get(`http://${server.host}/`))
      await sender.send(get(`http://${server.host}/`, { signal: new AbortController().signal }))
      await failure(sender.send(get(`http://127.0.0.1:${await closedPort()}/`)))
      // undici takes its own listener away once the body's stream has closed.
      await new Promise(resolve => setImmediate(resolve))
      const made = [...timeouts.mock.results, ...combined.mock.results].map(
        result => result.value as AbortSignal
      )
      expect(made).toHaveLength(4)
      for (const signal of made) expect(getEventListeners(signal, 'abort')).toEqual([])
    } finally {
      timeouts.mockRestore()
      combined.mockRestore()
    }
  })
})

describe('createUndiciTransport: connections that fail', () => {
  it('takes a refused connection at a host that never answered for the wrong place', async () => {
    const port = await closedPort()
    const error = await failure(transport().send(get(`http://127.0.0.1:${port}/x`)))
    expect(error).toMatchObject({
      operation: 'GET /x',
      kind: 'unreachable',
      code: 'ECONNREFUSED',
      serviceMessage: `connection refused by 127.0.0.1:${port}, which has not answered this step`,
      hint: WRONG_PLACE_HINT
    })
    expect(error.retryable).toBe(false)
    expect(isRefusedConnection(error)).toBe(true)
  })

  it('takes a refused connection at a host that has answered for a passing fault', async () => {
    const server = await okServer()
    const sender = transport()
    expect((await sender.send(get(`http://${server.host}/one`))).status).toBe(200)
    await server.close()
    const error = await failure(sender.send(get(`http://${server.host}/two`)))
    expect(error).toMatchObject({
      operation: 'GET /two',
      kind: 'network',
      code: 'ECONNREFUSED',
      serviceMessage: `connection refused by ${server.host}`,
      hint: undefined
    })
    expect(error.retryable).toBe(true)
    expect(isRefusedConnection(error)).toBe(true)
  })

  it('remembers answers per origin and per transport', async () => {
    const server = await okServer()
    const other = await closedPort()
    const sender = transport()
    await sender.send(get(`http://${server.host}/`))
    await server.close()
    // Another origin has still not answered.
    expect((await failure(sender.send(get(`http://127.0.0.1:${other}/`)))).kind).toBe('unreachable')
    // Another transport (another step) has not heard the first origin.
    expect((await failure(transport().send(get(`http://${server.host}/`)))).kind).toBe(
      'unreachable'
    )
  })

  it('explains https:// to a plain-HTTP port as a failed TLS handshake', async () => {
    const server = await okServer()
    const error = await failure(transport().send(get(`https://${server.host}/x`)))
    expect(error.kind).toBe('unreachable')
    expect(error.code).toMatch(/^(?:EPROTO$|ERR_SSL_)/)
    expect(error.serviceMessage).toBe(
      `TLS handshake with ${server.host} failed (https:// to a plain-HTTP port fails this way), ` +
        'which has not answered this step'
    )
    expect(error.hint).toBe(WRONG_PLACE_HINT)
    expect(isRefusedConnection(error)).toBe(false)
    expect(server.received).toEqual([])
  })

  it('says a certificate is not trusted, and how to trust a proxy that inspects TLS', async () => {
    const fixtures = new URL('../fixtures/tls/', import.meta.url)
    const tls = createTlsServer({
      key: readFileSync(new URL('key.pem', fixtures)),
      cert: readFileSync(new URL('cert.pem', fixtures))
    })
    tls.on('tlsClientError', () => undefined)
    const server = await listenOn(tls)
    const error = await failure(transport().send(get(`https://${server.host}/`)))
    expect(error).toMatchObject({
      operation: 'GET /',
      kind: 'tls',
      serviceMessage: `TLS certificate of ${server.host} not trusted`,
      hint: 'Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate'
    })
    expect(error.code).toMatch(/^(?:DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/)
    expect(error.retryable).toBe(false)
  })

  it('passes on any other failure with its message on one line, and the host', async () => {
    const server = await listenOn(
      createNetServer(socket => socket.once('data', () => socket.resetAndDestroy()))
    )
    const error = await failure(transport().send(get(`http://${server.host}/x`)))
    expect(error.kind).toBe('network')
    expect(error.hint).toBeUndefined()
    expect(error.serviceMessage).toMatch(new RegExp(`^\\S.*\\S \\(${server.host}\\)$`))
    expect(error.serviceMessage).not.toMatch(/\n/)
    expect(error.retryable).toBe(true)
  })
})

describe('createUndiciTransport: host names', () => {
  it('says a host that is not found is not found, and to check the region and endpoint', async () => {
    const port = await closedPort()
    resolver.missing.add('localhost')
    const error = await failure(transport().send(get(`http://localhost:${port}/x`)))
    expect(resolver.asked).toContain('localhost')
    expect(error).toMatchObject({
      operation: 'GET /x',
      kind: 'host-not-found',
      code: 'ENOTFOUND',
      serviceMessage: `host localhost:${port} not found`,
      hint: 'Check the region and endpoint inputs'
    })
    expect(error.retryable).toBe(false)
  })
})

describe('isRefusedConnection', () => {
  const error = (code?: string) => new ApiError({ operation: 'GET /', kind: 'network', code })
  it('is true only for ECONNREFUSED', () => {
    expect(isRefusedConnection(error('ECONNREFUSED'))).toBe(true)
    expect(isRefusedConnection(error('ECONNRESET'))).toBe(false)
    expect(isRefusedConnection(error('TIMEOUT'))).toBe(false)
    expect(isRefusedConnection(error(''))).toBe(false)
    expect(isRefusedConnection(error())).toBe(false)
  })
})

describe('createUndiciTransport: proxies', () => {
  const PROXY_NAMES = [
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'NO_PROXY',
    'no_proxy'
  ]
  let saved: Record<string, string | undefined> = {}
  beforeEach(() => {
    saved = Object.fromEntries(PROXY_NAMES.map(name => [name, process.env[name]]))
    for (const name of PROXY_NAMES) delete process.env[name]
  })
  afterEach(() => {
    for (const name of PROXY_NAMES) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  })

  /** A proxy that records what it is asked and forwards nothing: it answers 200 itself. */
  async function recordingProxy() {
    const seen: string[] = []
    const server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`)
      response.writeHead(200, { connection: 'close' })
      response.end('from the proxy')
    })
    server.on('connect', (request: IncomingMessage, socket: Socket) => {
      seen.push(`CONNECT ${request.url}`)
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    })
    const local = await listenOn(server)
    return { url: `http://${local.host}`, seen }
  }

  /** Only the environment the transport is given names the proxy: process.env stays clean. */
  function proxyEnvironment(url: string, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { HTTP_PROXY: url, HTTPS_PROXY: url, ...more }
  }

  it('sends to a proxy what is not for this machine (the control for the next test)', async () => {
    const proxy = await recordingProxy()
    const sender = transport(proxyEnvironment(proxy.url))
    await sender.send(get('http://pai-dsw.proxied.test/x')).catch(() => undefined)
    expect(proxy.seen).toHaveLength(1)
    expect(proxy.seen[0]).toMatch(/pai-dsw\.proxied\.test/)
    // Through the proxy, the runner never looked the name up itself.
    expect(resolver.asked).toEqual([])
  })

  it("honours the given environment's NO_PROXY, not the process's", async () => {
    const proxy = await recordingProxy()
    process.env.HTTP_PROXY = proxy.url
    const env = proxyEnvironment(proxy.url, { NO_PROXY: 'proxied.test' })
    const error = await failure(transport(env).send(get('http://pai-dsw.proxied.test/x')))
    // Direct, so the runner looked the name up itself (and the test resolver knows no such host).
    expect(error.kind).toBe('host-not-found')
    expect(proxy.seen).toEqual([])
    expect(resolver.asked).toEqual(['pai-dsw.proxied.test'])
  })

  it('ends a request at its timeout when the proxy never answers CONNECT, and closes at once', async () => {
    // A proxy that takes the connection and the CONNECT, then says nothing, ever. undici alone
    // keeps such a request waiting for its tunnel whatever its signal says.
    const connects: string[] = []
    const silent = await listenOn(
      createNetServer(socket => {
        socket.on('data', (chunk: Buffer) =>
          connects.push(chunk.toString('latin1').split('\r\n')[0]!)
        )
      })
    )
    const sender = transport(proxyEnvironment(`http://${silent.host}`))
    const url = 'https://pai-dsw.proxied.test/api/v2/instances'
    const first = await failure(sender.send(get(url, { timeoutMs: 300 })))
    expect(first).toMatchObject({ kind: 'network', code: 'TIMEOUT' })
    expect(first.serviceMessage).toBe(
      'no complete response from pai-dsw.proxied.test within 300 ms'
    )
    // A second request, queued behind the same tunnel, is bounded the same way.
    const second = await failure(sender.send(get(url, { timeoutMs: 300 })))
    expect(second.code).toBe('TIMEOUT')
    // The cancellation signal ends it too, not only the timeout.
    const cancel = new AbortController()
    const cancelled = failure(sender.send(get(url, { timeoutMs: 60_000, signal: cancel.signal })))
    cancel.abort()
    expect((await cancelled).code).not.toBe('TIMEOUT')
    expect(connects[0]).toBe('CONNECT pai-dsw.proxied.test:443 HTTP/1.1')
    // Closing does not wait for the tunnel that never came (the test's timeout would catch it).
    await sender.close()
  }, 20_000)

  it('sends directly when the given environment names no proxy, whatever the process names', async () => {
    const proxy = await recordingProxy()
    process.env.HTTP_PROXY = proxy.url
    process.env.HTTPS_PROXY = proxy.url
    const error = await failure(transport({}).send(get('http://pai-dsw.proxied.test/x')))
    expect(error.kind).toBe('host-not-found')
    expect(proxy.seen).toEqual([])
    expect(resolver.asked).toEqual(['pai-dsw.proxied.test'])
  })

  it('sends https:// through HTTPS_PROXY alone, and prefers https_proxy to it', async () => {
    const upper = await recordingProxy()
    await transport({ HTTPS_PROXY: upper.url })
      .send(get('https://pai-dsw.proxied.test/x'))
      .catch(() => undefined)
    expect(upper.seen).toEqual(['CONNECT pai-dsw.proxied.test:443'])
    const lower = await recordingProxy()
    await transport({ https_proxy: lower.url, HTTPS_PROXY: upper.url })
      .send(get('https://pai-dsw.proxied.test/y'))
      .catch(() => undefined)
    expect(lower.seen).toEqual(['CONNECT pai-dsw.proxied.test:443'])
    expect(upper.seen).toHaveLength(1)
    expect(resolver.asked).toEqual([])
  })

  it("ignores the process's NO_PROXY when the given environment has none", async () => {
    const proxy = await recordingProxy()
    process.env.NO_PROXY = 'proxied.test'
    await transport(proxyEnvironment(proxy.url))
      .send(get('http://pai-dsw.proxied.test/x'))
      .catch(() => undefined)
    expect(proxy.seen).toHaveLength(1)
    expect(resolver.asked).toEqual([])
  })

  it('never sends a loopback request to the proxy', async () => {
    const proxy = await recordingProxy()
    const target = await okServer()
    const sender = transport(proxyEnvironment(proxy.url))
    const viaAddress = await sender.send(get(`http://${target.host}/direct`))
    const viaName = await sender.send(get(`http://localhost:${target.port}/by-name`))
    expect([viaAddress.body, viaName.body]).toEqual(['ok', 'ok'])
    expect(target.received.map(r => r.url)).toEqual(['/direct', '/by-name'])
    expect(proxy.seen).toEqual([])
  })
})

describe('createUndiciTransport: lifecycle', () => {
  it('prepares and closes without any request', async () => {
    const sender = createUndiciTransport({})
    await expect(sender.close()).resolves.toBeUndefined()
    const prepared = createUndiciTransport({})
    await expect(prepared.prepare!()).resolves.toBeUndefined()
    await expect(prepared.close()).resolves.toBeUndefined()
  })

  it('makes its dispatchers on prepare(), so that close() after it leaves none to send with', async () => {
    const server = await okServer()
    const sender = createUndiciTransport({})
    await sender.prepare!()
    await sender.close()
    const error = await failure(sender.send(get(`http://${server.host}/`)))
    expect(error).toMatchObject({ kind: 'network', code: 'UND_ERR_DESTROYED' })
    expect(server.received).toEqual([])
  })

  it('closes kept-alive connections on close()', async () => {
    const server = await httpServer((_request, response) => {
      response.writeHead(200)
      response.end('ok')
    })
    const sender = createUndiciTransport({})
    await sender.send(get(`http://${server.host}/`))
    await sender.send(get(`http://${server.host}/`))
    const open = [...server.sockets]
    expect(open.length).toBeGreaterThan(0)
    expect(open.every(socket => !socket.destroyed)).toBe(true)
    const closed = Promise.all(
      open.map(socket => new Promise(resolve => socket.once('close', resolve)))
    )
    await sender.close()
    // The server keeps idle connections for 5 s: only the client closing them ends them sooner.
    let timer: NodeJS.Timeout | undefined
    const guard = new Promise(resolve => (timer = setTimeout(resolve, 2000, 'still open')))
    const ended = await Promise.race([closed.then(() => 'closed'), guard])
    clearTimeout(timer)
    expect(ended).toBe('closed')
  })
})
