// The hostile-server suite (issue 9), part 2 of 2, through `node dist/index.js` against the
// emulator: fields of the wrong type, listings that never end or page short, wrong endpoints,
// redirects and the official SDK's reading of throttling. Every run must leave the runner nothing
// it did not mean: see expectNoInjection() in untrusted-output.ts. Part 1 (outside text, megabyte
// strings) is hostile-text.test.ts.
import { describe, expect, it } from '@jest/globals'
import { type Server, createServer } from 'node:http'
import type { ActionRun } from '../../scripts/local-runner.mjs'
import type { EmulatorOptions } from '../helpers/emulator-per-test.js'
import {
  ID,
  IMAGE,
  INSTANCE,
  KEY,
  REQUEST_ID,
  answerWith,
  hostileRuns,
  listEntry,
  snapshot,
  snapshotIdsOf,
  stopAfter
} from '../helpers/hostile-server.js'
import { callsTo, errorLine, errorLines } from '../helpers/run-inspection.js'
import { expectNoInjection, runnerLines } from '../helpers/untrusted-output.js'

const { emulate, run, runAction } = hostileRuns()

describe('(c) a field of the wrong type is a clear error, never a crash or a success', () => {
  const pushing = (fields: Record<string, unknown>) =>
    snapshot(1, { fields, timeline: [{ status: 'Pushing' }] })

  const cases: [string, string, string, EmulatorOptions, Record<string, string>][] = [
    [
      'Status: 42',
      'GetInstanceSnapshot',
      'Status',
      { snapshots: [snapshot(1, { fields: { Status: 42 } })] },
      {}
    ],
    [
      "ImageUrl: { url: 'x' }",
      'GetInstanceSnapshot',
      'ImageUrl',
      { snapshots: [snapshot(1, { fields: { ImageUrl: { url: 'x' } } })] },
      {}
    ],
    [
      "Labels: 'x'",
      'GetInstanceSnapshot',
      'Labels',
      { snapshots: [snapshot(1, { fields: { Labels: 'x' } })] },
      {}
    ],
    [
      "Labels: [{ Key: 1, Value: 'v' }]",
      'GetInstanceSnapshot',
      'Labels',
      { snapshots: [snapshot(1, { fields: { Labels: [{ Key: 1, Value: 'v' }] } })] },
      {}
    ],
    [
      "ExcludePaths: 'a'",
      'GetInstanceSnapshot',
      'ExcludePaths',
      { snapshots: [snapshot(1, { fields: { ExcludePaths: 'a' } })] },
      {}
    ],
    [
      "SnapshotId: 'snp-other' (an answer about another snapshot)",
      'GetInstanceSnapshot',
      'SnapshotId',
      { snapshots: [snapshot(1, { fields: { SnapshotId: 'snp-other' } })] },
      {}
    ],
    [
      'a listing with Snapshots: {}',
      'ListInstanceSnapshot',
      'Snapshots',
      {
        faults: [
          answerWith(
            200,
            { RequestId: REQUEST_ID, TotalCount: 1, PageNumber: 1, PageSize: 100, Snapshots: {} },
            { action: 'ListInstanceSnapshot' }
          )
        ]
      },
      { 'snapshot-id': 'all' }
    ],
    [
      "a listing with TotalCount: 'many'",
      'ListInstanceSnapshot',
      'TotalCount',
      {
        faults: [
          answerWith(
            200,
            {
              RequestId: REQUEST_ID,
              TotalCount: 'many',
              PageNumber: 1,
              PageSize: 100,
              Snapshots: [listEntry(1)]
            },
            { action: 'ListInstanceSnapshot' }
          )
        ]
      },
      { 'snapshot-id': 'all' }
    ],
    [
      "a listed SnapshotId: '../x'",
      'ListInstanceSnapshot',
      'SnapshotId',
      { snapshots: [pushing({ SnapshotId: '../x' })] },
      { 'snapshot-id': 'latest' }
    ]
  ]

  it.each(cases)('%s', async (_name, operation, field, options, inputs) => {
    const emu = await emulate(options)
    const result = await run(emu.url, { timeout: '3s', ...inputs })
    expectNoInjection(result, { imageUrl: field === 'ImageUrl' ? undefined : IMAGE })
    expect(result.exitCode).toBe(1)
    expect(['error', 'timeout']).toContain(result.outputs.result)
    const errors = errorLines(result.log).join('\n')
    expect(errors).toContain(operation)
    expect(errors).toContain(field)
    expect(result.outputs['image-url'] ?? '').not.toMatch(/\[object Object\]|^\{"url"/)
    // An ID from a listing goes into a request path only once it is known to be an ID.
    const paths = emu.requests.map(request => request.path)
    expect(paths.filter(path => /\.\.|%2E%2E/i.test(path))).toEqual([])
  })
})

describe('(d) a listing that never ends', () => {
  it('stops at the first repeated page, with a clear error', async () => {
    const emu = await emulate({
      snapshots: Array.from({ length: 120 }, (_, i) => snapshot(i + 1)),
      listing: { ignorePageNumber: true }
    })
    const result = await run(emu.url, { 'snapshot-id': 'all', timeout: '20s' })
    expectNoInjection(result, { imageUrl: IMAGE })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('error')
    expect(errorLine(result.log)).toContain(
      'ListInstanceSnapshot (snapshots of instance dsw-hostile01) failed: the listing answered ' +
        'the same page twice (pages 1 and 2)'
    )
    expect(callsTo(emu, 'ListInstanceSnapshot')).toHaveLength(2)
  })

  it('stops after 100 pages of new items, with a clear error', async () => {
    const emu = await emulate({
      snapshots: Array.from({ length: 150 }, (_, i) => snapshot(i + 1)),
      listing: { pageSizeCap: 1, totalCount: 10_000 }
    })
    const result = await run(
      emu.url,
      { 'snapshot-id': 'all', timeout: '20s', 'max-requests-per-second': '100' },
      { onSpawn: stopAfter(22_000) }
    )
    expect(result.exitCode).toBe(1)
    expect(errorLine(result.log)).toContain('the listing answered more than 100 pages')
    expect(callsTo(emu, 'ListInstanceSnapshot')).toHaveLength(100)
  }, 40_000)

  it('stops on an absurd TotalCount at the first page', async () => {
    const emu = await emulate({
      snapshots: Array.from({ length: 120 }, (_, i) => snapshot(i + 1)),
      listing: { ignorePageNumber: true, totalCount: 1_000_000 }
    })
    const result = await run(
      emu.url,
      { 'snapshot-id': 'all', timeout: '20s', 'max-requests-per-second': '100' },
      { onSpawn: stopAfter(22_000) }
    )
    expectNoInjection(result, { imageUrl: IMAGE })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('error')
    expect(errorLine(result.log)).toContain('the listing answered TotalCount 1000000')
    expect(callsTo(emu, 'ListInstanceSnapshot')).toHaveLength(1)
  }, 40_000)
})

describe('(e) a page size capped below the one asked', () => {
  it('reads every page up to TotalCount, not stopping at a short page', async () => {
    const snapshots = Array.from({ length: 35 }, (_, i) => snapshot(i + 1))
    const emu = await emulate({ snapshots, listing: { pageSizeCap: 10 } })
    const result = await run(emu.url, { 'snapshot-id': 'all', timeout: '5s' })
    expectNoInjection(result, { imageUrl: IMAGE })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs.result).toBe('success')
    expect(snapshotIdsOf(result).sort()).toEqual(snapshots.map(s => s.snapshotId).sort())
    expect(callsTo(emu, 'ListInstanceSnapshot')).toHaveLength(4)
  })
})

describe('(f) a wrong endpoint fails fast', () => {
  async function closedPort(): Promise<number> {
    const server: Server = createServer()
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    await new Promise(resolve => server.close(resolve))
    return typeof address === 'object' && address ? address.port : 0
  }

  function expectWrongEndpoint(result: ActionRun) {
    expectNoInjection(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('error')
    // A guard against a hang only: that it gives up at once is shown by the attempts below.
    expect(result.wallMs).toBeLessThan(60_000)
    expect(Number(result.outputs.attempts)).toBeGreaterThanOrEqual(1)
    expect(Number(result.outputs.attempts)).toBeLessThanOrEqual(3)
    const error = errorLine(result.log)
    // One line as the runner shows it: no escaped line break inside the message either.
    expect(error).not.toMatch(/%0A|%0D/)
    expect(error).toMatch(/endpoint/)
    expect(error).toMatch(/region/)
    expect(error).toMatch(/HTTPS_PROXY/)
    const openSslLines = runnerLines(result.log).filter(line =>
      /^(?:error:|SSL routines)/.test(line.trimStart())
    )
    expect(openSslLines).toEqual([])
  }

  // The default timeout (30m) and request timeout; poll-interval lowered from 5s to 1s.
  const wrongEndpointRun = (endpoint: string) =>
    runAction(
      {
        'instance-id': INSTANCE,
        'snapshot-id': ID,
        endpoint,
        'access-key-id': KEY.accessKeyId,
        'access-key-secret': KEY.accessKeySecret,
        'poll-interval': '1s'
      },
      { onSpawn: stopAfter(61_000) }
    )

  it('a closed loopback port', async () => {
    const result = await wrongEndpointRun(`http://127.0.0.1:${await closedPort()}`)
    expectWrongEndpoint(result)
  }, 90_000)

  it('https:// to a plain-HTTP port', async () => {
    const emu = await emulate()
    const result = await wrongEndpointRun(`https://127.0.0.1:${new URL(emu.url).port}`)
    expectWrongEndpoint(result)
    expect(emu.requests).toEqual([])
  }, 90_000)
})

describe('(g) redirects are not followed', () => {
  async function startElsewhere() {
    const requests: string[] = []
    const server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`)
      const body = JSON.stringify({
        RequestId: REQUEST_ID,
        ...listEntry(1),
        ImageUrl: 'evil.example/redirected:1'
      })
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-acs-request-id': REQUEST_ID
      })
      response.end(body)
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const close = async () => {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
    return { url, requests, close }
  }

  it.each([301, 302, 307, 308])('HTTP %i to another server', async httpStatus => {
    const elsewhere = await startElsewhere()
    try {
      const emu = await emulate({
        faults: [
          {
            kind: 'redirect',
            httpStatus,
            location: `${elsewhere.url}/api/v2/instances/${INSTANCE}/snapshots/${ID}`,
            times: 10_000
          }
        ]
      })
      const result = await run(emu.url)
      expectNoInjection(result)
      expect(elsewhere.requests).toEqual([])
      expect(result.exitCode).toBe(1)
      expect(result.outputs.result).not.toBe('success')
      expect(result.outputs['image-url'] ?? '').toBe('')
      expect(errorLine(result.log)).toMatch(new RegExp(`${httpStatus}|redirect`, 'i'))
    } finally {
      await elsewhere.close()
    }
  })
})

describe("(h) the official SDK's reading of throttling and error bodies", () => {
  it('x-acs-retry-after is milliseconds: 1500 is a pause of 1.5 s', async () => {
    const emu = await emulate({
      faults: [
        {
          kind: 'error',
          httpStatus: 400,
          code: 'Throttling.User',
          message: 'Request was denied due to user flow control.',
          headers: { 'x-acs-retry-after': '1500' }
        }
      ]
    })
    const result = await run(emu.url, { timeout: '10s' })
    expectNoInjection(result, { imageUrl: IMAGE })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs.result).toBe('success')
    // The one retry waits 1.5 s, as its line says (1500 ms is shown rounded, "2s"; the loop sleeps
    // the delay it logs: waiter.test.ts, on the virtual clock). Ignoring the header would wait
    // 90–100 ms; reading it as seconds, the rest of the 10 s timeout.
    expect(result.log).toMatch(/Throttling\.User.*retrying in (?:1\.5s|1500ms|2s)$/m)
    expect(result.log.match(/retrying in /g)).toHaveLength(1)
    expect(result.log).not.toMatch(/retrying in (?:\d+m|1500s)/)
    expect(callsTo(emu, 'GetInstanceSnapshot')).toHaveLength(2)
  })

  it.each(['Request.Throttling', 'Throttling.User'])(
    'a code that contains Throttling (%s) is retried',
    async code => {
      const emu = await emulate({ faults: [{ kind: 'error', httpStatus: 400, code }] })
      const result = await run(emu.url, { timeout: '5s' })
      expectNoInjection(result, { imageUrl: IMAGE })
      expect(result.exitCode).toBe(0)
      expect(result.outputs.result).toBe('success')
      expect(result.log).toMatch(new RegExp(`${code.replace('.', '\\.')}.*retrying in`))
      expect(callsTo(emu, 'GetInstanceSnapshot')).toHaveLength(2)
    }
  )

  it('a lower-case error body {code, message, requestId} is read', async () => {
    const emu = await emulate({
      faults: [
        answerWith(404, {
          code: 'InvalidSnapshot.NotFound',
          message: 'The snapshot does not exist.',
          requestId: REQUEST_ID
        })
      ]
    })
    const result = await run(emu.url, { 'not-found-timeout': '0' })
    expectNoInjection(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('error')
    expect(errorLine(result.log)).toContain('InvalidSnapshot.NotFound')
    expect(errorLine(result.log)).toContain(REQUEST_ID)
  })

  it('an XML error body is read for Code, Message and RequestId, and not retried', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><RequestId>' +
      REQUEST_ID +
      '</RequestId><HostId>pai-dsw.cn-hangzhou.aliyuncs.com</HostId>' +
      '<Code>Forbidden.RAM</Code><Message>User not authorized &amp; denied</Message></Error>'
    const emu = await emulate({
      faults: [
        answerWith(403, undefined, {
          rawBody: xml,
          headers: { 'content-type': 'text/xml;charset=utf-8' }
        })
      ]
    })
    const result = await run(emu.url, { timeout: '20s' })
    expectNoInjection(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('error')
    const error = errorLine(result.log)
    expect(error).toContain('Forbidden.RAM')
    expect(error).toContain('User not authorized & denied')
    expect(error).toContain(REQUEST_ID)
    expect(error).not.toContain('non-JSON')
    // A permission error is final: one request, no retry until the timeout.
    expect(callsTo(emu, 'GetInstanceSnapshot')).toHaveLength(1)
  })

  it('gmt-* outputs are ISO 8601 UTC, or empty when the service wrote no time', async () => {
    const emu = await emulate({
      snapshots: [snapshot(1, { gmtCreateTime: '2026-11-01T08:30:00+08:00' })]
    })
    const converted = await run(emu.url)
    expect(converted.outputs.result).toBe('success')
    expect(converted.outputs['gmt-create-time']).toBe('2026-11-01T00:30:00Z')
    const [entry] = JSON.parse(converted.outputs.snapshots!) as Record<string, string>[]
    expect(entry?.gmtCreateTime).toBe('2026-11-01T00:30:00Z')

    const garbled = await emulate({
      snapshots: [snapshot(1, { fields: { GmtCreateTime: 'yesterday' } })]
    })
    const empty = await run(garbled.url)
    expectNoInjection(empty, { imageUrl: IMAGE })
    expect(empty.outputs.result).toBe('success')
    expect(empty.outputs['gmt-create-time']).toBe('')
    expect(JSON.parse(empty.outputs.snapshot!)).toMatchObject({ GmtCreateTime: 'yesterday' })
  })
})
