// The fault suite: every transient fault once and as a long outage (the job must succeed while it
// has time left), every permanent error (the job must fail in at most 2 requests), signals and
// proxies, all through `node dist/index.js` against the emulator.
import { afterEach, describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import type { ActionRun, RunOptions } from '../../scripts/local-runner.mjs'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { type ForwardProxy, startForwardProxy } from '../helpers/forward-proxy.js'
import { TEST_CA_FILE, type TlsFront, startTlsFront } from '../helpers/tls-front.js'
import { callsTo, errorLine, killWhen } from '../helpers/run-inspection.js'

const KEY = { accessKeyId: 'fault-key-id', accessKeySecret: 'fault-key-secret-0123456789' }
const IDS = { instanceId: 'dsw-fault001', snapshotId: 'snp-fault001' }
const TIMEOUT_MS = 8000
const REQUEST_TIMEOUT_MS = 400
const FAKE_DNS = fileURLToPath(new URL('../fixtures/fake-dns.mjs', import.meta.url))
/** A name only the tests' forward proxy (and fake resolver) know; the test certificate names it. */
const PROXIED_HOST = 'pai-dsw.proxied.test'

// Every run has debug logging on, and its output is scanned for secrets after each test.
const { startEmulator: startTestEmulator, runAction } = secretScannedRuns()
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map(cleanup => cleanup()))
})

async function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  return startTestEmulator({
    credentials: [KEY],
    snapshots: [{ ...IDS, imageUrl: 'registry.example/x:1', timeline: [{ status: 'Saved' }] }],
    ...options
  })
}

function run(endpoint: string, extra: Record<string, string> = {}, options: RunOptions = {}) {
  return runAction(
    {
      'instance-id': IDS.instanceId,
      'snapshot-id': IDS.snapshotId,
      endpoint,
      'access-key-id': KEY.accessKeyId,
      'access-key-secret': KEY.accessKeySecret,
      'poll-interval': '50ms',
      'max-poll-interval': '100ms',
      'request-timeout': `${REQUEST_TIMEOUT_MS}ms`,
      timeout: `${TIMEOUT_MS}ms`,
      ...extra
    },
    options
  )
}

/** Runs the action with the fake resolver preloaded, failing lookups as `rules` say. */
const withFakeDns = (rules: Record<string, { fail: string; times?: number }>): RunOptions => ({
  env: { FAKE_DNS: JSON.stringify(rules) },
  nodeArgs: ['--import', FAKE_DNS]
})

function expectSurvived(run: ActionRun, logPattern: RegExp) {
  expect(errorLine(run.log)).toBe('')
  expect(run.exitCode).toBe(0)
  expect(run.outputs).toMatchObject({ result: 'success', status: 'Saved' })
  expect(run.log).toMatch(logPattern)
  // A retry is reported in one line, never as a stack trace.
  expect(run.log).not.toMatch(/^\s+at /m)
  // Within the timeout, by the action's own account (a last request may start at the deadline).
  expect(Number(run.outputs['waited-seconds'])).toBeLessThanOrEqual(
    Math.ceil((TIMEOUT_MS + REQUEST_TIMEOUT_MS) / 1000)
  )
}

function expectFailedFast(run: ActionRun, message: RegExp | string) {
  expect(run.exitCode).toBe(1)
  expect(run.outputs.result).toBe('error')
  expect(Number(run.outputs.attempts)).toBeLessThanOrEqual(2)
  expect(errorLine(run.log)).toEqual(expect.stringContaining('::error::'))
  if (typeof message === 'string') expect(errorLine(run.log)).toContain(message)
  else expect(errorLine(run.log)).toMatch(message)
  expect(run.log).not.toMatch(/^\s+at /m)
}

const getCalls = (emu: Emulator) => callsTo(emu, 'GetInstanceSnapshot')

describe.each([
  ['once', 1],
  ['as a long outage', 6]
])('a transient fault %s is survived', (_label, times) => {
  it.each([
    [
      'throttling (Throttling.User)',
      { kind: 'error', httpStatus: 400, code: 'Throttling.User' },
      /Throttling\.User.*retrying in/
    ],
    ['HTTP 429', { kind: 'error', httpStatus: 429, code: 'Throttling' }, /HTTP 429.*retrying in/],
    [
      '503 ServiceUnavailable',
      { kind: 'error', httpStatus: 503, code: 'ServiceUnavailable' },
      /ServiceUnavailable.*retrying in/
    ],
    [
      '500 InternalError',
      { kind: 'error', httpStatus: 500, code: 'InternalError' },
      /InternalError.*retrying in/
    ],
    [
      'a reused nonce',
      { kind: 'error', httpStatus: 400, code: 'SignatureNonceUsed' },
      /SignatureNonceUsed.*retrying in/
    ],
    [
      'a connection reset',
      { kind: 'reset' },
      /(?:ECONNRESET|socket|other side closed).*retrying in/i
    ],
    ['a stalled response', { kind: 'stall' }, /no complete response .* within 400 ms.*retrying in/],
    ['a truncated body', { kind: 'truncated' }, /retrying in/],
    [
      'an HTML page from a proxy',
      { kind: 'html' },
      /non-JSON response: .*Bad Gateway.*retrying in/i
    ],
    ['an over-large body', { kind: 'oversize' }, /larger than 1048576 bytes.*retrying in/]
  ] as const)('%s', async (_name, fault, logPattern) => {
    const emu = await emulate({ faults: [{ ...fault, times }] })
    const result = await run(emu.url)
    expectSurvived(result, logPattern)
    expect(getCalls(emu)).toHaveLength(times + 1)
  })

  it('throttling with x-acs-retry-after, honoured', async () => {
    const emu = await emulate({
      faults: [
        {
          kind: 'error',
          httpStatus: 400,
          code: 'Throttling.User',
          headers: { 'x-acs-retry-after': '300' },
          times
        }
      ]
    })
    const result = await run(emu.url)
    expectSurvived(result, /Throttling\.User.*retrying in 300ms/)
    // Each retry waits the 300 ms asked for, as its line says (the loop sleeps the delay it logs:
    // waiter.test.ts, on the virtual clock); the schedule alone would wait 45–100 ms here.
    expect(result.log.match(/retrying in \S+/g)).toEqual(Array(times).fill('retrying in 300ms'))
    expect(getCalls(emu)).toHaveLength(times + 1)
  })

  it('a temporary DNS failure (EAI_AGAIN)', async () => {
    const emu = await emulate()
    const port = new URL(emu.url).port
    const result = await run(
      `http://localhost:${port}`,
      {},
      withFakeDns({ localhost: { fail: 'EAI_AGAIN', times } })
    )
    expectSurvived(result, /EAI_AGAIN.*retrying in/)
    expect(result.outputs.attempts).toBe(String(times + 1))
  })

  it('a reset during the TLS handshake', async () => {
    const emu = await emulate()
    const front: TlsFront = await startTlsFront(emu.url, times)
    cleanups.push(front.close)
    const result = await run(front.url, {}, { env: { NODE_EXTRA_CA_CERTS: TEST_CA_FILE } })
    expectSurvived(result, /(?:ECONNRESET|socket|TLS).*retrying in/i)
    expect(front.connections).toBeGreaterThan(times)
    expect(getCalls(emu)).toHaveLength(1)
  })

  it('refused connections once the service has answered (a restart)', async () => {
    // It answers the first poll (still Pushing), then goes down for `times` refusals, then is back.
    const first = await emulate({ snapshots: [{ ...IDS, timeline: [{ status: 'Pushing' }] }] })
    const port = Number(new URL(first.url).port)
    let down: Promise<void> | undefined
    let refusals = 0
    let back: Promise<Emulator> | undefined
    const result = await run(
      `http://127.0.0.1:${port}`,
      {},
      {
        onLog: chunk => {
          if (/Pushing/.test(chunk)) down ??= first.close()
          refusals += chunk.match(/ECONNREFUSED.*retrying in/g)?.length ?? 0
          if (refusals >= times && !back) back = down!.then(() => emulate({ port }))
        }
      }
    )
    await back
    expectSurvived(result, /connection refused.*ECONNREFUSED.*retrying in/)
    expect(refusals).toBeGreaterThanOrEqual(times)
  })
})

describe('a host that has not answered yet', () => {
  it('is given three attempts: a service coming up within them is waited for', async () => {
    const probe = await emulate()
    const port = Number(new URL(probe.url).port)
    await probe.close()
    let refusals = 0
    let late: Promise<Emulator> | undefined
    const result = await run(
      `http://127.0.0.1:${port}`,
      {},
      {
        onLog: chunk => {
          refusals += chunk.match(/ECONNREFUSED.*retrying in/g)?.length ?? 0
          if (refusals >= 2 && !late) late = emulate({ port })
        }
      }
    )
    await late
    expectSurvived(result, /ECONNREFUSED.*retrying in/)
  })
})

describe('other transient conditions', () => {
  it('a snapshot not found at first (just created) is waited for', async () => {
    const emu = await emulate({ snapshots: [], instances: [IDS.instanceId] })
    const addLater = setInterval(() => {
      if (emu.requests.length >= 3) {
        clearInterval(addLater)
        emu.addSnapshot({ ...IDS, timeline: [{ status: 'Saved' }] })
      }
    }, 5)
    const result = await run(emu.url)
    clearInterval(addLater)
    expectSurvived(result, /InvalidSnapshot\.NotFound.*not found yet.*retrying in/)
  })

  it("a runner clock 20 minutes off is corrected from the server's Date, with a warning", async () => {
    const emu = await emulate({ clockSkewMs: 20 * 60_000 })
    const result = await run(emu.url)
    expectSurvived(
      result,
      /::warning::The runner's clock is about 20m behind the server's \(InvalidTimeStamp\.Expired\)/
    )
    expect(getCalls(emu)).toHaveLength(2)
  })
})

describe('a permanent error fails at once', () => {
  it.each([
    [
      'a wrong secret',
      {},
      { 'access-key-secret': 'wrong-secret' },
      /Code: SignatureDoesNotMatch, HTTP 400, RequestId: [0-9A-F-]{36}\)\. Check the access key ID and secret/
    ],
    [
      'an unknown key',
      {},
      { 'access-key-id': 'nobody' },
      /Code: InvalidAccessKeyId\.NotFound, HTTP 404/
    ],
    [
      'Forbidden.RAM',
      {
        faults: [
          {
            kind: 'error',
            httpStatus: 403,
            code: 'Forbidden.RAM',
            message: 'User not authorized to operate on the specified resource.'
          }
        ]
      },
      {},
      /User not authorized .*Code: Forbidden\.RAM, HTTP 403.*Grant the RAM identity the action paidsw:GetInstanceSnapshot/
    ],
    [
      'NoPermissionError',
      {
        faults: [
          { kind: 'error', httpStatus: 403, code: 'NoPermissionError', message: 'no permission' }
        ]
      },
      {},
      /Code: NoPermissionError.*paidsw:GetInstanceSnapshot/
    ],
    [
      'ValidationError',
      {
        faults: [
          {
            kind: 'error',
            httpStatus: 400,
            code: 'ValidationError',
            message: 'InstanceId is invalid'
          }
        ]
      },
      {},
      /InstanceId is invalid \(Code: ValidationError, HTTP 400/
    ],
    [
      'another 4xx',
      { faults: [{ kind: 'error', httpStatus: 409, code: 'Conflict', message: 'conflict' }] },
      {},
      /Code: Conflict, HTTP 409/
    ],
    [
      'a wrong security token',
      { credentials: [{ ...KEY, securityToken: 'right-token' }] },
      { 'security-token': 'wrong-token' },
      /InvalidSecurityToken\.Mismatch/
    ]
  ] as const)('%s', async (_name, options, inputs, message) => {
    const emu = await emulate(options as EmulatorOptions)
    const result = await run(emu.url, inputs)
    expectFailedFast(result, message)
    // Permanent means one request: not a single retry.
    expect(getCalls(emu)).toHaveLength(1)
  })

  it('a snapshot that never appears, after not-found-timeout, naming region and IDs', async () => {
    const emu = await emulate({ snapshots: [], instances: [IDS.instanceId] })
    const result = await run(emu.url, { 'not-found-timeout': '300ms' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('error')
    expect(errorLine(result.log)).toMatch(
      /InvalidSnapshot\.NotFound.*does not exist at 127\.0\.0\.1:\d+: check the region \(or endpoint\) and the instance-id and snapshot-id inputs \(still not found after/
    )
  })

  it('a host that does not exist (ENOTFOUND), after one retry, with a hint', async () => {
    const result = await run(
      'https://pai-dsw.cn-nowhere-1.aliyuncs.com',
      {},
      withFakeDns({ 'pai-dsw.cn-nowhere-1.aliyuncs.com': { fail: 'ENOTFOUND' } })
    )
    expectFailedFast(
      result,
      /host pai-dsw\.cn-nowhere-1\.aliyuncs\.com not found \(Code: ENOTFOUND\)\. Check the region and endpoint inputs/
    )
    expect(result.outputs.attempts).toBe('2')
  })

  it('an untrusted TLS certificate, with a NODE_EXTRA_CA_CERTS hint', async () => {
    const emu = await emulate()
    const front = await startTlsFront(emu.url)
    cleanups.push(front.close)
    const result = await run(front.url)
    expectFailedFast(result, /TLS certificate of 127\.0\.0\.1:\d+ not trusted.*NODE_EXTRA_CA_CERTS/)
    expect(result.outputs.attempts).toBe('1')
  })
})

describe('cancellation', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s during a stalled request stops at once',
    async signal => {
      const emu = await emulate({ faults: [{ kind: 'stall' }] })
      const result = await runAction(
        {
          'instance-id': IDS.instanceId,
          'snapshot-id': IDS.snapshotId,
          endpoint: emu.url,
          'access-key-id': KEY.accessKeyId,
          'access-key-secret': KEY.accessKeySecret
        },
        {
          onSpawn: killWhen(() => emu.requests.length > 0, signal)
        }
      )
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ result: 'cancelled', attempts: '1' })
      expect(errorLine(result.log)).toContain('::error::Cancelled after')
      expect(result.summary).toContain('Cancelled')
    }
  )
})

describe('proxies', () => {
  let proxy: ForwardProxy
  const withProxy = async () => {
    proxy = await startForwardProxy()
    cleanups.push(proxy.close)
    return proxy
  }

  it.each(['HTTP_PROXY', 'http_proxy'])(
    'never sends plain-http calls to a loopback host through %s',
    async name => {
      const emu = await emulate()
      await withProxy()
      const result = await run(emu.url, {}, { env: { [name]: proxy.url } })
      expectSurvived(result, /is Saved/)
      expect(proxy.seen).toEqual([])
    }
  )

  it.each(['HTTPS_PROXY', 'https_proxy'])(
    'never tunnels https calls to a loopback host through %s',
    async name => {
      const emu = await emulate()
      const front = await startTlsFront(emu.url)
      cleanups.push(front.close)
      await withProxy()
      const result = await run(
        front.url,
        {},
        { env: { [name]: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE } }
      )
      expectSurvived(result, /is Saved/)
      expect(proxy.seen).toEqual([])
    }
  )

  it.each(['HTTPS_PROXY', 'https_proxy'])('tunnels https calls through %s', async name => {
    const emu = await emulate()
    const front = await startTlsFront(emu.url)
    cleanups.push(front.close)
    proxy = await startForwardProxy({ [PROXIED_HOST]: '127.0.0.1' })
    cleanups.push(proxy.close)
    const endpoint = `https://${PROXIED_HOST}:${new URL(front.url).port}`
    const result = await run(
      endpoint,
      {},
      { env: { [name]: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE } }
    )
    expectSurvived(result, /is Saved/)
    expect(proxy.seen).toContain(`CONNECT ${new URL(endpoint).host}`)
  })

  it.each(['NO_PROXY', 'no_proxy'])('bypasses the proxy for hosts in %s', async name => {
    const emu = await emulate()
    const front = await startTlsFront(emu.url)
    cleanups.push(front.close)
    await withProxy()
    const endpoint = `https://${PROXIED_HOST}:${new URL(front.url).port}`
    const result = await run(
      endpoint,
      {},
      {
        env: {
          HTTPS_PROXY: proxy.url,
          [name]: PROXIED_HOST,
          NODE_EXTRA_CA_CERTS: TEST_CA_FILE,
          FAKE_DNS: JSON.stringify({ [PROXIED_HOST]: { address: '127.0.0.1' } })
        },
        nodeArgs: ['--import', FAKE_DNS]
      }
    )
    expectSurvived(result, /is Saved/)
    expect(proxy.seen).toEqual([])
  })
})
