import { describe, expect, it } from '@jest/globals'
import { request } from 'undici'
import {
  type Emulator,
  type EmulatorOptions as Options,
  emulatorPerTest
} from '../helpers/emulator-per-test.js'
import {
  refusal,
  send,
  signGet,
  signedGet,
  snapshotPath,
  type SignedRequestOptions
} from './signed-request.js'

const CALLER = { accessKeyId: 'AK-faults', accessKeySecret: 'SK-faults' }
const GET: SignedRequestOptions = {
  path: snapshotPath('dsw-1', 'snp-1'),
  action: 'GetInstanceSnapshot',
  caller: CALLER
}
const SNAPSHOT = {
  instanceId: 'dsw-1',
  snapshotId: 'snp-1',
  timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }]
}

const startTestEmulator = emulatorPerTest()

async function emulate(faults: Options['faults'], extra: Options = {}) {
  const emulator = await startTestEmulator({
    credentials: [CALLER],
    snapshots: [SNAPSHOT],
    faults,
    ...extra
  })
  return emulator
}

const get = (emu: Emulator, overrides: Partial<SignedRequestOptions> = {}) =>
  signedGet(emu.url, { ...GET, ...overrides })

/** A signed request whose body is left to the caller, for answers that are not plain JSON. */
function rawGet(emu: Emulator, signal?: AbortSignal) {
  const { host: _host, ...headers } = signGet(emu.url, GET).headers
  return request(emu.url + GET.path, { headers, ...(signal ? { signal } : {}) })
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise(resolve => setTimeout(resolve, 5))
}

describe("kind 'error'", () => {
  it('answers with the status, code, message and headers given, once', async () => {
    const emu = await emulate([
      {
        kind: 'error',
        httpStatus: 400,
        code: 'Throttling.User',
        message: 'Request was denied due to user flow control.',
        headers: { 'x-acs-retry-after': '2' }
      }
    ])
    const throttled = await get(emu)
    expect(throttled.status).toBe(400)
    expect(throttled.headers['x-acs-retry-after']).toBe('2')
    expect(throttled.json).toMatchObject({
      RequestId: throttled.headers['x-acs-request-id'],
      Code: 'Throttling.User',
      Message: 'Request was denied due to user flow control.',
      Recommend: expect.stringContaining('q=Throttling.User')
    })
    // The fault stood in for the answer: the snapshot was not polled.
    expect((await get(emu)).json.Status).toBe('Pushing')
    expect(emu.requests.map(r => [r.statusCode, r.code, r.fault])).toEqual([
      [400, 'Throttling.User', 'error'],
      [200, undefined, undefined]
    ])
  })

  it('defaults to 503 ServiceUnavailable, and comes before authentication', async () => {
    const emu = await emulate([{ kind: 'error' }])
    const answer = await send(emu.url, GET.path, {})
    expect(refusal(answer)).toEqual([
      503,
      'ServiceUnavailable',
      'The request has failed due to a temporary failure of the server.'
    ])
  })

  it("gives the API page's 400 InternalError, with the catalog's message", async () => {
    const emu = await emulate([{ kind: 'error', httpStatus: 400, code: 'InternalError' }])
    const answer = await get(emu)
    expect(refusal(answer)).toEqual([
      400,
      'InternalError',
      'The request processing has failed due to some unknown error.'
    ])
    expect(answer.json).toMatchObject({
      RequestId: answer.headers['x-acs-request-id'],
      Recommend: expect.stringContaining('q=InternalError')
    })
    expect(emu.requests.map(r => [r.statusCode, r.code, r.fault])).toEqual([
      [400, 'InternalError', 'error']
    ])
  })
})

describe("kind 'unsuccessful'", () => {
  it('answers 200 with a failed success envelope, and does not count as a read', async () => {
    const emu = await emulate([{ kind: 'unsuccessful' }])
    const answer = await get(emu)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/json;charset=utf-8')
    expect(answer.json).toEqual({
      RequestId: answer.headers['x-acs-request-id'],
      Success: false,
      Message: 'The request processing has failed due to some unknown error.',
      Code: 'InternalError',
      HttpStatusCode: 400
    })
    expect(answer.json.RequestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-/)
    // The fault stood in for the answer: the snapshot was not polled.
    expect((await get(emu)).json.Status).toBe('Pushing')
    expect(emu.requests.map(r => [r.statusCode, r.code, r.fault])).toEqual([
      [200, 'InternalError', 'unsuccessful'],
      [200, undefined, undefined]
    ])
  })

  it('takes the status, code, message, HttpStatusCode and headers given', async () => {
    const emu = await emulate([
      {
        kind: 'unsuccessful',
        httpStatus: 503,
        code: 'Throttling.User',
        message: 'Request was denied due to user flow control.',
        httpStatusCode: 429,
        headers: { 'x-acs-retry-after': '2' }
      }
    ])
    const answer = await get(emu)
    expect([answer.status, answer.headers['x-acs-retry-after']]).toEqual([503, '2'])
    expect(answer.json).toEqual({
      RequestId: answer.headers['x-acs-request-id'],
      Success: false,
      Message: 'Request was denied due to user flow control.',
      Code: 'Throttling.User',
      HttpStatusCode: 429
    })
    expect(emu.requests.map(r => [r.statusCode, r.code])).toEqual([[503, 'Throttling.User']])
  })

  it.each([
    [{ kind: 'unsuccessful', code: 42 }, 'code must be a string'],
    [{ kind: 'unsuccessful', message: null }, 'message must be a string'],
    [{ kind: 'unsuccessful', httpStatusCode: '400' }, 'httpStatusCode must be an integer'],
    [{ kind: 'unsuccessful', httpStatus: 600 }, 'httpStatus must be an integer from 200 to 599']
  ])('refuses %p', async (fault, message) => {
    await expect(emulate([fault as never])).rejects.toThrow(message)
  })
})

describe('fault matching', () => {
  it('gives each request the first fault with uses left that matches it', async () => {
    const emu = await emulate(
      [
        { kind: 'error', action: 'ListInstanceSnapshot', code: 'ForList' },
        { kind: 'error', snapshotId: 'snp-2', code: 'ForSnp2', times: 2 },
        { kind: 'error', code: 'ForAnything' }
      ],
      { snapshots: [SNAPSHOT, { ...SNAPSHOT, snapshotId: 'snp-2' }] }
    )
    const snp2 = { path: snapshotPath('dsw-1', 'snp-2') }
    const list = { path: snapshotPath('dsw-1'), action: 'ListInstanceSnapshot' }
    const codes = []
    for (const overrides of [{}, snp2, snp2, snp2, list, list, {}]) {
      codes.push((await get(emu, overrides)).json.Code)
    }
    expect(codes).toEqual(['ForAnything', 'ForSnp2', 'ForSnp2', 'null', 'ForList', 'null', 'null'])
    emu.addFault({ kind: 'error', code: 'AddedLater' })
    expect((await get(emu)).json.Code).toBe('AddedLater')
  })

  it('refuses an unknown kind or a bad count', async () => {
    const emu = await emulate([])
    // @ts-expect-error: the kind is checked at run time too, for JSON scenarios
    expect(() => emu.addFault({ kind: 'explode' })).toThrow('fault kind must be one of')
    expect(() => emu.addFault({ kind: 'reset', times: 0 })).toThrow('positive integer')
  })
})

describe("kind 'reset'", () => {
  it('drops the connection without an answer', async () => {
    const emu = await emulate([{ kind: 'reset' }])
    await expect(get(emu)).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/)
    })
    expect(emu.requests[0]).toMatchObject({ statusCode: 0, fault: 'reset' })
    expect((await get(emu)).status).toBe(200)
  })
})

describe("kind 'stall'", () => {
  it('never answers, until the client gives up', async () => {
    const emu = await emulate([{ kind: 'stall' }])
    const started = Date.now()
    await expect(rawGet(emu, AbortSignal.timeout(200))).rejects.toThrow()
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(emu.requests[0]).toMatchObject({ statusCode: 0, fault: 'stall' })
    expect((await get(emu)).status).toBe(200)
  })

  it('with stallMs, answers normally after the delay', async () => {
    const emu = await emulate([{ kind: 'stall', stallMs: 150 }])
    const started = Date.now()
    const answer = await get(emu)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(answer.json).toMatchObject({ Status: 'Pushing' })
    expect(emu.requests[0]).toMatchObject({ statusCode: 200, fault: 'stall' })
  })

  it('does not keep close() waiting, with or without stallMs', async () => {
    const emu = await emulate([{ kind: 'stall' }, { kind: 'stall', stallMs: 60_000 }])
    const pending = [rawGet(emu), rawGet(emu)].map(call =>
      call.then(
        () => 'answered',
        () => 'dropped'
      )
    )
    await until(() => emu.requests.length === 2)
    const started = Date.now()
    await emu.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await Promise.all(pending)).toEqual(['dropped', 'dropped'])
  })
})

describe('onRequest', () => {
  it('hears every outcome exactly once, even a stall the client gave up on', async () => {
    const heard: Array<[number, string | undefined]> = []
    const emu = await emulate([{ kind: 'reset' }, { kind: 'stall', stallMs: 150 }], {
      onRequest: record => heard.push([record.statusCode, record.fault])
    })
    await expect(get(emu)).rejects.toThrow()
    await expect(rawGet(emu, AbortSignal.timeout(50))).rejects.toThrow()
    await get(emu)
    await new Promise(resolve => setTimeout(resolve, 200))
    expect(heard).toEqual([
      [0, 'reset'],
      [0, 'stall'],
      [200, undefined]
    ])
  })
})

describe("kind 'html'", () => {
  it("answers 502 with a proxy's HTML page", async () => {
    const emu = await emulate([{ kind: 'html' }])
    const answer = await get(emu)
    expect(answer.status).toBe(502)
    expect(answer.headers['content-type']).toBe('text/html')
    expect(answer.text).toContain('<title>502 Bad Gateway</title>')
    expect(answer.headers['x-acs-request-id']).toBeUndefined()
    expect(answer.headers.date).toBeDefined()
  })
})

describe("kind 'truncated'", () => {
  it('promises more bytes than it sends, then hangs up, without counting a poll', async () => {
    const emu = await emulate([{ kind: 'truncated' }])
    const response = await rawGet(emu)
    expect(response.statusCode).toBe(200)
    const promised = Number(response.headers['content-length'])
    const received: Buffer[] = []
    await expect(
      (async () => {
        for await (const chunk of response.body) received.push(chunk as Buffer)
      })()
    ).rejects.toThrow()
    const partial = Buffer.concat(received).toString()
    expect(partial.length).toBeGreaterThan(0)
    expect(partial.length).toBeLessThan(promised)
    expect(partial.startsWith('{"RequestId":')).toBe(true)
    expect((await get(emu)).json.Status).toBe('Pushing')
  })
})

describe("kind 'oversize'", () => {
  it('streams about 20 MiB of valid JSON with no content-length', async () => {
    const emu = await emulate([{ kind: 'oversize' }])
    const response = await rawGet(emu)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-length']).toBeUndefined()
    const text = await response.body.text()
    expect(text.length).toBeGreaterThanOrEqual(20 * 1024 * 1024)
    expect(JSON.parse(text)).toMatchObject({ SnapshotId: 'snp-1', Status: 'Pushing' })
  })

  it('stops streaming when the client hangs up', async () => {
    const emu = await emulate([{ kind: 'oversize' }])
    const controller = new AbortController()
    const response = await rawGet(emu, controller.signal)
    let read = 0
    await expect(
      (async () => {
        for await (const chunk of response.body) {
          read += (chunk as Buffer).length
          if (read > 1024 * 1024) controller.abort()
        }
      })()
    ).rejects.toThrow()
    expect((await get(emu)).status).toBe(200)
  })
})
