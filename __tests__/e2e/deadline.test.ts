// Time promises (issue 28, items 5–7) through `node dist/index.js`: the history read never holds
// back a verdict, no request starts after the step's deadline and none outlives request-timeout
// (a proxy's CONNECT included), and one answer cannot move the clock `max-age` is judged on.
// Each server here fails on purpose; no assertion is on wall-clock spacing, only on what the
// step set and what the servers received (a generous jest timeout bounds each run).
import { afterEach, describe, expect, it } from '@jest/globals'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import { type Socket, createServer as createNetServer } from 'node:net'
import {
  ID,
  REQUEST_ID,
  hostileRuns,
  listEntry,
  snapshot,
  stopAfter
} from '../helpers/hostile-server.js'
import { callsTo, errorLine } from '../helpers/run-inspection.js'

const { emulate, run } = hostileRuns()
const DAY = 24 * 3_600_000

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map(cleanup => cleanup()))
})

interface Received {
  action: string
  url: string
}

/**
 * A loopback server that answers each request as `answer` says (after `delayMs`, if given), and
 * keeps what it received. It checks no signature: it plays a service that lies or lags.
 */
async function scriptedServer(
  answer: (request: IncomingMessage) => {
    status: number
    body: unknown
    headers?: Record<string, string>
    delayMs?: number
  }
) {
  const received: Received[] = []
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    received.push({ action: String(request.headers['x-acs-action']), url: request.url ?? '' })
    const { status, body, headers = {}, delayMs = 0 } = answer(request)
    const timer = setTimeout(() => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers })
      response.end(JSON.stringify(body))
    }, delayMs)
    response.on('close', () => clearTimeout(timer))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  cleanups.push(async () => {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  })
  const port = typeof address === 'object' && address ? address.port : 0
  return { url: `http://127.0.0.1:${port}`, received }
}

/** A proxy that accepts connections and reads the CONNECT, then never answers anything. */
async function silentProxy() {
  const connects: string[] = []
  const sockets = new Set<Socket>()
  const server = createNetServer(socket => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('data', (chunk: Buffer) => {
      const line = chunk.toString('latin1').split('\r\n')[0] ?? ''
      if (line.startsWith('CONNECT ')) connects.push(line)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise(resolve => server.close(resolve))
  })
  const port = typeof address === 'object' && address ? address.port : 0
  return { url: `http://127.0.0.1:${port}`, connects }
}

describe('the history read never delays a verdict', () => {
  it('succeeds on the poll that sees Saved while ListInstanceSnapshot hangs', async () => {
    const emu = await emulate({
      snapshots: [
        snapshot(1, { timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }] })
      ],
      // The history read (asked for once the snapshot is seen in progress) never answers.
      faults: [{ kind: 'stall', action: 'ListInstanceSnapshot', times: 10 }]
    })
    const result = await run(
      emu.url,
      { timeout: '6s', 'request-timeout': '10s' },
      { onSpawn: stopAfter(40_000) }
    )
    expect(result.outputs).toMatchObject({ result: 'success', status: 'Saved', 'snapshot-id': ID })
    expect(result.exitCode).toBe(0)
    expect(callsTo(emu, 'ListInstanceSnapshot')).toHaveLength(1)
    expect(callsTo(emu, 'GetInstanceSnapshot').length).toBeGreaterThanOrEqual(2)
  }, 60_000)
})

describe('one deadline, for every request', () => {
  it('ends as a timeout naming the listing when slow ListInstances pages overrun it, asking nothing after', async () => {
    // 50 instances, 10 a page; the fifth page, asked for well before the 3 s deadline, answers
    // 4 s later. Every one of the 50 snapshot listings would start after the deadline.
    const server = await scriptedServer(request => {
      const url = new URL(request.url ?? '', 'http://x')
      if (url.pathname !== '/api/v2/instances') {
        const instanceId = url.pathname.split('/')[4]
        const entry = { ...listEntry(1), InstanceId: instanceId }
        return { status: 200, body: { RequestId: REQUEST_ID, Snapshots: [entry], TotalCount: 1 } }
      }
      const page = Number(url.searchParams.get('PageNumber'))
      const instances = Array.from({ length: 10 }, (_, i) => ({
        InstanceId: `dsw-slow${String((page - 1) * 10 + i).padStart(2, '0')}`
      }))
      return {
        status: 200,
        body: { RequestId: REQUEST_ID, Instances: instances, TotalCount: 50 },
        delayMs: page === 5 ? 4000 : 0
      }
    })
    const result = await run(
      server.url,
      {
        'instance-id': 'all',
        'snapshot-id': 'latest',
        timeout: '3s',
        'request-timeout': '10s'
      },
      { onSpawn: stopAfter(40_000) }
    )
    expect(result.outputs.result).toBe('timeout')
    expect(result.exitCode).toBe(1)
    expect(server.received.map(r => r.action)).toEqual(Array(5).fill('ListInstances'))
    expect(result.outputs.attempts).toBe('5')
    expect(errorLine(result.log)).toMatch(
      /Listing the instances in the default workspace \(ListInstances\) took \d+s of the 3s timeout: none of the 50 instances found could be checked/
    )
  }, 60_000)

  it('ends within timeout and request-timeout, with outputs, behind a proxy that never answers CONNECT', async () => {
    const proxy = await silentProxy()
    const result = await run(
      'https://pai-dsw.proxied.test',
      { timeout: '5s', 'request-timeout': '2s' },
      { env: { HTTPS_PROXY: proxy.url }, onSpawn: stopAfter(40_000) }
    )
    expect(result.outputs).toMatchObject({ result: 'timeout', 'snapshot-id': ID })
    expect(result.exitCode).toBe(1)
    // Each attempt gave up after request-timeout: at most one started per 2 s of the 5 s, plus
    // the last one at the deadline.
    expect(Number(result.outputs.attempts)).toBeGreaterThanOrEqual(2)
    expect(Number(result.outputs.attempts)).toBeLessThanOrEqual(4)
    expect(proxy.connects[0]).toBe('CONNECT pai-dsw.proxied.test:443 HTTP/1.1')
    expect(errorLine(result.log)).toMatch(
      /no complete response from pai-dsw\.proxied\.test within 2000 ms/
    )
  }, 60_000)
})

describe('a bounded clock', () => {
  it('refuses a clock offset of years: an error naming both clocks, and max-age never passed', async () => {
    // The first answer says the request is stale and dates itself 1 January 2000; the listing
    // (if asked again) holds a snapshot 371 days old, which a 26-year skew would make look new.
    const created = new Date(Date.now() - 371 * DAY).toISOString().replace(/\.\d+Z$/, 'Z')
    let answered = 0
    const server = await scriptedServer(() =>
      answered++ === 0
        ? {
            status: 400,
            body: {
              Code: 'InvalidTimeStamp.Expired',
              Message: 'Specified time stamp or date value is expired.',
              RequestId: REQUEST_ID
            },
            headers: { date: 'Sat, 01 Jan 2000 00:00:00 GMT' }
          }
        : {
            status: 200,
            body: {
              RequestId: REQUEST_ID,
              Snapshots: [{ ...listEntry(1), GmtCreateTime: created }],
              TotalCount: 1
            }
          }
    )
    const result = await run(
      server.url,
      { 'snapshot-id': 'latest', 'max-age': '1d', timeout: '0' },
      { onSpawn: stopAfter(40_000) }
    )
    expect(result.outputs.result).toBe('error')
    expect(result.outputs['image-url'] ?? '').toBe('')
    expect(result.exitCode).toBe(1)
    // One request: the answer's clock was not taken, so nothing was re-dated and sent again.
    expect(server.received).toHaveLength(1)
    const error = errorLine(result.log)
    expect(error).toMatch(
      /the runner's clock says 20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z, the server's 2000-01-01T00:00:00\.000Z/
    )
    expect(error).toContain('more than the 1d the action corrects for')
    expect(error).toContain("The runner's clock needs fixing")
    expect(error).toContain('InvalidTimeStamp.Expired')
    expect(result.log).not.toMatch(/created \d+ms ago/)
  }, 60_000)
})
