import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { PaiDswClient } from '../../src/aliyun/pai-dsw-client.js'
import { ApiError } from '../../src/errors.js'
import type { HttpRequest, HttpResponse } from '../../src/http/transport.js'
import { fakeTransport, jsonResponse } from '../helpers/fake-transport.js'

function clientAnswering(
  answer: (request: HttpRequest) => HttpResponse | Error,
  onClockSkew?: (message: string) => void
) {
  const { transport, sent } = fakeTransport(answer)
  const client = new PaiDswClient({
    endpoint: {
      protocol: 'https',
      host: 'pai-dsw.cn-hangzhou.aliyuncs.com',
      origin: 'https://pai-dsw.cn-hangzhou.aliyuncs.com'
    },
    credentials: () => ({ accessKeyId: 'AKID', accessKeySecret: 'secret', securityToken: 'tok' }),
    transport,
    requestTimeoutMs: 1234,
    now: () => new Date('2024-01-01T00:00:00Z'),
    nonce: () => 'fixed-nonce',
    onClockSkew
  })
  return { client, sent }
}

async function failure(answer: HttpResponse | Error): Promise<ApiError> {
  const { client } = clientAnswering(() => answer)
  const error = await client.getInstanceSnapshot('dsw-1', 'snp-1').catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('PaiDswClient.getInstanceSnapshot', () => {
  it('sends a signed GET to the REST path and returns the snapshot with its RequestId', async () => {
    const { client, sent } = clientAnswering(() =>
      jsonResponse(200, { RequestId: 'R1', SnapshotId: 'snp.1_x', Status: 'Saved' })
    )
    const response = await client.getInstanceSnapshot('dsw-1', 'snp.1_x')
    expect(response).toEqual({
      snapshot: { RequestId: 'R1', SnapshotId: 'snp.1_x', Status: 'Saved' },
      requestId: 'R1'
    })
    const request = sent[0]!
    expect(request.url).toBe(
      'https://pai-dsw.cn-hangzhou.aliyuncs.com/api/v2/instances/dsw-1/snapshots/snp.1_x'
    )
    expect(request.method).toBe('GET')
    expect(request.timeoutMs).toBe(1234)
    expect(request.headers).toMatchObject({
      host: 'pai-dsw.cn-hangzhou.aliyuncs.com',
      'x-acs-action': 'GetInstanceSnapshot',
      'x-acs-version': '2022-01-01',
      'x-acs-date': '2024-01-01T00:00:00Z',
      'x-acs-signature-nonce': 'fixed-nonce',
      'x-acs-security-token': 'tok'
    })
    expect(request.headers.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;x-acs-accesskey-id;.*,Signature=[0-9a-f]{64}$/
    )
  })

  it('takes the RequestId from the header when the body has none', async () => {
    const { client } = clientAnswering(() =>
      jsonResponse(200, { Status: 'Saved' }, { 'x-acs-request-id': 'H1' })
    )
    expect((await client.getInstanceSnapshot('dsw-1', 'snp-1')).requestId).toBe('H1')
  })

  it('has no RequestId when neither the body nor the header gives one', async () => {
    const { client } = clientAnswering(() => jsonResponse(200, { Status: 'Saved' }))
    expect((await client.getInstanceSnapshot('dsw-1', 'snp-1')).requestId).toBe('')
  })

  it('turns an auth error into a permanent error with Code, Message, RequestId and a hint', async () => {
    const error = await failure(
      jsonResponse(400, {
        RequestId: 'R2',
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature is not matched with our calculation.'
      })
    )
    expect(error.kind).toBe('auth')
    expect(error.retryable).toBe(false)
    expect(error.message).toBe(
      'GetInstanceSnapshot (snapshot snp-1 of instance dsw-1) failed: Specified signature is not matched ' +
        'with our calculation. (Code: SignatureDoesNotMatch, HTTP 400, RequestId: R2). Check the access key ID and secret ' +
        '(a stray space or newline in a secret breaks the signature) and, with temporary credentials, the security token'
    )
  })

  it('names the RAM action on a permission error', async () => {
    const error = await failure(
      jsonResponse(403, { Code: 'Forbidden.RAM', Message: 'User not authorized' })
    )
    expect(error.kind).toBe('permission')
    expect(error.message).toContain('Grant the RAM identity the action paidsw:GetInstanceSnapshot')
  })

  it.each([
    [
      jsonResponse(400, {
        Code: 'Throttling.User',
        Message: 'Request was denied due to user flow control.'
      }),
      'throttled'
    ],
    [jsonResponse(429, { Code: 'TooMany' }), 'throttled'],
    [jsonResponse(503, { Code: 'ServiceUnavailable' }), 'server'],
    [jsonResponse(500, { Code: 'InternalError' }), 'server'],
    [{ status: 502, headers: {}, body: '<html><body>Bad Gateway</body></html>' }, 'server'],
    [{ status: 200, headers: {}, body: '{"RequestId": "trunc' }, 'server'],
    [jsonResponse(400, { Code: 'SignatureNonceUsed' }), 'server']
  ])('retries a transient failure %#', async (response, kind) => {
    const error = await failure(response)
    expect(error.kind).toBe(kind)
    expect(error.retryable).toBe(true)
  })

  it.each([
    [
      jsonResponse(404, { Code: 'InvalidSnapshot.NotFound', Message: 'not found' }),
      'not-found',
      'The snapshot or instance does not exist at pai-dsw.cn-hangzhou.aliyuncs.com'
    ],
    [jsonResponse(400, { Code: 'ValidationError', Message: 'bad' }), 'validation', undefined],
    [jsonResponse(404, { Code: 'InvalidAccessKeyId.NotFound' }), 'auth', 'Check the access key ID'],
    [jsonResponse(400, { Code: 'InvalidTimeStamp.Expired' }), 'clock', "runner's clock"],
    [
      jsonResponse(404, { Code: 'InvalidApi.NotFound' }),
      'validation',
      'Check that endpoint points at PAI-DSW'
    ]
  ])('fails at once on a permanent failure %#', async (response, kind, hint) => {
    const error = await failure(response)
    expect(error.kind).toBe(kind)
    expect(error.retryable).toBe(false)
    if (hint) expect(error.hint).toContain(hint)
  })

  it('reads x-acs-retry-after in milliseconds, as the official SDK core does, and the server date', async () => {
    const error = await failure(
      jsonResponse(
        400,
        { Code: 'Throttling' },
        { 'x-acs-retry-after': '7', date: 'Mon, 01 Jan 2024 00:20:00 GMT' }
      )
    )
    expect(error.retryAfterMs).toBe(7)
    expect(error.serverDate?.toISOString()).toBe('2024-01-01T00:20:00.000Z')
  })

  it.each([
    [{ Status: 42 }, /field Status must be a string; got a number '42'/],
    [{ ImageUrl: { url: 'x' } }, /field ImageUrl must be a string; got an object '\{"url":"x"\}'/],
    [{ Labels: 'x' }, /field Labels must be a list/],
    [{ Labels: [{ Key: 1, Value: 'v' }] }, /field Labels\[0\]\.Key must be a string/],
    [{ ExcludePaths: 'a' }, /field ExcludePaths must be a list/],
    [{ ExcludePaths: ['/a', 7] }, /field ExcludePaths\[1\] must be a string/],
    [
      { SnapshotId: 'snp-other' },
      /field SnapshotId must be snp-1, the one asked for; got a string 'snp-other'/
    ],
    [{ InstanceId: 'dsw-2' }, /field InstanceId must be dsw-1, the one asked for/],
    [{ Status: 'x'.repeat(500) }, /field Status must be at most 128 characters/]
  ])(
    'refuses an answer that does not fit the API (%#), as a passing fault',
    async (fields, pattern) => {
      const error = await failure(
        jsonResponse(200, { RequestId: 'R7', SnapshotId: 'snp-1', ...fields })
      )
      expect(error.message).toMatch(
        /^GetInstanceSnapshot \(snapshot snp-1 of instance dsw-1\) failed: the response does not fit the API: /
      )
      expect(error.message).toMatch(pattern)
      expect(error.message).toContain('RequestId: R7')
      expect(error.retryable).toBe(true)
    }
  )

  it('reads HTTP Retry-After in seconds', async () => {
    const error = await failure(jsonResponse(429, { Code: 'Throttling' }, { 'retry-after': '3' }))
    expect(error.retryAfterMs).toBe(3000)
  })

  it.each(['Throttling.User', 'Request.Throttling', 'Throttling'])(
    'takes a code that contains Throttling (%s) for throttling',
    async code => {
      const error = await failure(jsonResponse(400, { Code: code }))
      expect(error.kind).toBe('throttled')
      expect(error.retryable).toBe(true)
    }
  )

  it('reads lower-case code, message and requestId from an error body', async () => {
    const error = await failure(
      jsonResponse(404, {
        code: 'InvalidSnapshot.NotFound',
        message: 'no such snapshot',
        requestId: 'REQ-9'
      })
    )
    expect(error.code).toBe('InvalidSnapshot.NotFound')
    expect(error.serviceMessage).toBe('no such snapshot')
    expect(error.requestId).toBe('REQ-9')
  })

  it('names the operation and snapshot on network errors from the transport', async () => {
    const network = new ApiError({
      operation: 'GET /x',
      kind: 'network',
      code: 'ECONNRESET',
      serviceMessage: 'socket hang up'
    })
    const error = await failure(network)
    expect(error.message).toBe(
      'GetInstanceSnapshot (snapshot snp-1 of instance dsw-1) failed: socket hang up (Code: ECONNRESET)'
    )
    expect(error.retryable).toBe(true)
  })

  it('corrects a clock skew once from the server Date header, with a warning', async () => {
    const warnings: string[] = []
    const skewed = jsonResponse(
      400,
      { Code: 'InvalidTimeStamp.Expired' },
      { date: 'Mon, 01 Jan 2024 00:20:00 GMT' }
    )
    const { client, sent } = clientAnswering(
      () => (sent.length === 1 ? skewed : jsonResponse(200, { Status: 'Saved' })),
      message => warnings.push(message)
    )
    await client.getInstanceSnapshot('dsw-1', 'snp-1')
    expect(sent.map(r => r.headers['x-acs-date'])).toEqual([
      '2024-01-01T00:00:00Z',
      '2024-01-01T00:20:00Z'
    ])
    expect(warnings).toEqual([
      "The runner's clock is about 20m behind the server's (InvalidTimeStamp.Expired); signing requests " +
        "with the server's time instead. Fix the runner's time synchronisation"
    ])
    // Later requests keep the correction.
    await client.getInstanceSnapshot('dsw-1', 'snp-1')
    expect(sent[2]!.headers['x-acs-date']).toBe('2024-01-01T00:20:00Z')
  })

  it('corrects the clock once per client: a later refusal for the timestamp is an error', async () => {
    const warnings: string[] = []
    const refused = (date: string) =>
      jsonResponse(400, { Code: 'InvalidTimeStamp.Expired' }, { date })
    const { client, sent } = clientAnswering(
      () =>
        sent.length === 1
          ? refused('Mon, 01 Jan 2024 00:20:00 GMT')
          : sent.length === 2
            ? jsonResponse(200, { Status: 'Saved' })
            : refused('Mon, 01 Jan 2024 00:40:00 GMT'),
      message => warnings.push(message)
    )
    await client.getInstanceSnapshot('dsw-1', 'snp-1')
    const error = await client.getInstanceSnapshot('dsw-1', 'snp-1').catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'clock' })
    // Neither a second correction nor a second warning: the first correction stands.
    expect(sent).toHaveLength(3)
    expect(warnings).toHaveLength(1)
    expect(client.clockSkewMs).toBe(20 * 60_000)
  })

  it('gives up when the corrected request is refused for its timestamp too', async () => {
    const { client, sent } = clientAnswering(() =>
      jsonResponse(
        400,
        { Code: 'InvalidTimeStamp.Expired' },
        { date: 'Mon, 01 Jan 2024 00:20:00 GMT' }
      )
    )
    const error = await client.getInstanceSnapshot('dsw-1', 'snp-1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).kind).toBe('clock')
    // One corrected retry, not a loop.
    expect(sent).toHaveLength(2)
  })
})

describe('PaiDswClient.createInstanceSnapshot', () => {
  const body = {
    ImageUrl: 'registry.example.com/team/env:v8',
    SnapshotName: 'v8',
    Labels: [{ Key: 'team', Value: 'ml' }],
    Overwrite: false
  }

  it('sends a signed POST whose JSON body, content type and body hash are signed', async () => {
    const { client, sent } = clientAnswering(() =>
      jsonResponse(200, {
        RequestId: 'R9',
        SnapshotId: 'snp-new',
        InstanceId: 'dsw-1',
        Success: true
      })
    )
    expect(await client.createInstanceSnapshot('dsw-1', body)).toEqual({
      snapshotId: 'snp-new',
      requestId: 'R9'
    })
    const request = sent[0]!
    expect(request.method).toBe('POST')
    expect(request.url).toBe(
      'https://pai-dsw.cn-hangzhou.aliyuncs.com/api/v2/instances/dsw-1/snapshots'
    )
    expect(request.body).toBe(JSON.stringify(body))
    expect(request.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-acs-action': 'CreateInstanceSnapshot',
      'x-acs-content-sha256': createHash('sha256').update(request.body!).digest('hex')
    })
    expect(request.headers.authorization).toMatch(/SignedHeaders=content-type;host;/)
  })

  it.each([
    [{ Success: true }, /field SnapshotId must be a plain ID/],
    [{ SnapshotId: '../x' }, /field SnapshotId must be a plain ID/],
    [
      { SnapshotId: 'snp-1', InstanceId: 'dsw-2' },
      /field InstanceId must be dsw-1, the one asked for/
    ]
  ])('refuses an answer without a usable ID (%#)', async (answer, pattern) => {
    const { client } = clientAnswering(() => jsonResponse(200, answer))
    const error = await client.createInstanceSnapshot('dsw-1', body).catch((e: unknown) => e)
    expect(String(error)).toMatch(
      /^ApiError: CreateInstanceSnapshot \(snapshot v8 of instance dsw-1\) failed: the response does not fit the API/
    )
    expect(String(error)).toMatch(pattern)
  })

  it('names the RAM action to grant when refused', async () => {
    const { client } = clientAnswering(() =>
      jsonResponse(403, { Code: 'Forbidden.RAM', Message: 'no' })
    )
    const error = (await client
      .createInstanceSnapshot('dsw-1', body)
      .catch((e: unknown) => e)) as ApiError
    expect(error.kind).toBe('permission')
    expect(error.hint).toContain('paidsw:CreateInstanceSnapshot')
  })
})

describe('PaiDswClient request building (mut-client)', () => {
  it('sends ListInstanceSnapshot with its REST path and query, naming the operation in errors', async () => {
    const { client, sent } = clientAnswering(() => jsonResponse(403, { Code: 'Forbidden' }))
    const error = await client
      .listInstanceSnapshots('dsw-1', { pageNumber: 2, pageSize: 50, order: 'DESC' })
      .catch((e: unknown) => e)
    expect(sent[0]!.url).toBe(
      'https://pai-dsw.cn-hangzhou.aliyuncs.com/api/v2/instances/dsw-1/snapshots' +
        '?Order=DESC&PageNumber=2&PageSize=50&SortBy=gmtCreate'
    )
    expect(sent[0]!.headers['x-acs-action']).toBe('ListInstanceSnapshot')
    expect(sent[0]!.body).toBeUndefined()
    expect(sent[0]!.headers.accept).toBe('application/json')
    expect((error as ApiError).message).toContain(
      'ListInstanceSnapshot (snapshots of instance dsw-1)'
    )
  })

  it('sends ListInstances with every payment type and the workspace', async () => {
    const { client, sent } = clientAnswering(() => jsonResponse(403, { Code: 'Forbidden' }))
    const error = await client
      .listInstances({ pageNumber: 1, pageSize: 100, workspaceId: 'ws-9' })
      .catch((e: unknown) => e)
    expect(sent[0]!.url).toBe(
      'https://pai-dsw.cn-hangzhou.aliyuncs.com/api/v2/instances' +
        '?Order=DESC&PageNumber=1&PageSize=100&ResourceId=ALL&SortBy=GmtCreateTime&WorkspaceId=ws-9'
    )
    expect(sent[0]!.headers['x-acs-action']).toBe('ListInstances')
    expect((error as ApiError).message).toContain('ListInstances (instances of workspace ws-9)')
    const other = await client
      .listInstances({ pageNumber: 1, pageSize: 100 })
      .catch((e: unknown) => e)
    expect(sent[1]!.url).not.toContain('WorkspaceId')
    expect((other as ApiError).message).toContain(
      'ListInstances (instances of workspace (default))'
    )
  })

  it('sends ListInstances labels as the JSON map the SDK sends', async () => {
    const { client, sent } = clientAnswering(() => jsonResponse(403, { Code: 'Forbidden' }))
    await client
      .listInstances({ pageNumber: 1, pageSize: 100, labels: { team: 'ml', 'a b': 'x&y' } })
      .catch(() => undefined)
    const query = new URL(sent[0]!.url).searchParams
    expect(query.get('Labels')).toBe('{"team":"ml","a b":"x&y"}')
    expect(query.has('InstanceName')).toBe(false)
  })

  it('says the runner clock is ahead when the server date is earlier', async () => {
    const warnings: string[] = []
    const skewed = jsonResponse(
      400,
      { Code: 'InvalidTimeStamp.Expired' },
      { date: 'Sun, 31 Dec 2023 23:30:00 GMT' }
    )
    const { client, sent } = clientAnswering(
      () => (sent.length === 1 ? skewed : jsonResponse(200, { Status: 'Saved' })),
      message => warnings.push(message)
    )
    expect(client.clockSkewMs).toBe(0)
    await client.getInstanceSnapshot('dsw-1', 'snp-1')
    expect(warnings[0]).toContain('about 30m ahead of the server')
    // What ages of snapshots are corrected by (max-age): the server is 30 minutes behind.
    expect(client.clockSkewMs).toBe(-30 * 60_000)
  })

  it.each([
    ['Sat, 01 Jan 2000 00:00:00 GMT', '2000-01-01T00:00:00.000Z', '8766d apart'],
    ['Tue, 02 Jan 2024 00:00:01 GMT', '2024-01-02T00:00:01.000Z', '1d apart']
  ])(
    'takes no clock offset over a day (%s): an error naming both clocks, never a re-dated request',
    async (date, serverIso, apart) => {
      const warnings: string[] = []
      const { client, sent } = clientAnswering(
        () =>
          jsonResponse(
            400,
            { Code: 'InvalidTimeStamp.Expired', Message: 'Specified time stamp has expired.' },
            { date, 'x-acs-request-id': 'REQ-CLOCK' }
          ),
        message => warnings.push(message)
      )
      const error = await client.getInstanceSnapshot('dsw-1', 'snp-1').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ApiError)
      expect(error).toMatchObject({ kind: 'clock', code: 'InvalidTimeStamp.Expired' })
      expect((error as ApiError).retryable).toBe(false)
      expect((error as ApiError).message).toBe(
        'GetInstanceSnapshot (snapshot snp-1 of instance dsw-1) failed: Specified time stamp has ' +
          "expired; the runner's clock says 2024-01-01T00:00:00.000Z, the server's " +
          `${serverIso}: ${apart}, more than the 1d the action corrects for ` +
          "(Code: InvalidTimeStamp.Expired, HTTP 400, RequestId: REQ-CLOCK). The runner's clock " +
          'needs fixing (its time synchronisation)'
      )
      // Nothing learnt, nothing re-sent: later ages are judged on the runner's own clock.
      expect(sent).toHaveLength(1)
      expect(client.clockSkewMs).toBe(0)
      expect(warnings).toEqual([])
    }
  )

  it.each([
    // Only the final period goes: the ones inside the message stay.
    ['Time 2000-01-01T00:00:00.000Z is expired.', 'Time 2000-01-01T00:00:00.000Z is expired'],
    [undefined, 'the request time was refused']
  ])('leads with the service message %s, then names both clocks', async (message, lead) => {
    const error = await failure(
      jsonResponse(
        400,
        { Code: 'InvalidTimeStamp.Expired', Message: message },
        { date: 'Sat, 01 Jan 2000 00:00:00 GMT' }
      )
    )
    expect(error.message).toContain(
      `failed: ${lead}; the runner's clock says 2024-01-01T00:00:00.000Z, the server's `
    )
  })

  it('counts a request that went out and failed, and none refused before it left', async () => {
    const reset = new ApiError({ operation: 'GET /x', kind: 'network', code: 'ECONNRESET' })
    const { client } = clientAnswering(() => reset)
    await expect(client.getInstanceSnapshot('dsw-1', 'snp-1')).rejects.toThrow('ECONNRESET')
    expect(client.requestCount).toBe(1)
  })

  it('still takes an offset of exactly a day', async () => {
    const skewed = jsonResponse(
      400,
      { Code: 'InvalidTimeStamp.Expired' },
      { date: 'Tue, 02 Jan 2024 00:00:00 GMT' }
    )
    const { client, sent } = clientAnswering(() =>
      sent.length === 1 ? skewed : jsonResponse(200, { Status: 'Saved' })
    )
    await client.getInstanceSnapshot('dsw-1', 'snp-1')
    expect(client.clockSkewMs).toBe(24 * 3_600_000)
    expect(sent).toHaveLength(2)
  })

  it('gives a call its own shorter bound, never a longer one than request-timeout', async () => {
    const { client, sent } = clientAnswering(() =>
      jsonResponse(200, { Snapshots: [], TotalCount: 0 })
    )
    const page = { pageNumber: 1, pageSize: 50, order: 'DESC' as const }
    await client.listInstanceSnapshots('dsw-1', page, { timeoutMs: 700 })
    await client.listInstanceSnapshots('dsw-1', page, { timeoutMs: 60_000 })
    await client.listInstanceSnapshots('dsw-1', page)
    expect(sent.map(r => r.timeoutMs)).toEqual([700, 1234, 1234])
  })

  it('does not retry errors that are not about the clock', async () => {
    const { client, sent } = clientAnswering(() =>
      jsonResponse(400, { Code: 'InvalidParameter' }, { date: 'Mon, 01 Jan 2024 00:20:00 GMT' })
    )
    await client.getInstanceSnapshot('dsw-1', 'snp-1').catch(() => undefined)
    expect(sent).toHaveLength(1)
  })

  it('treats a non-JSON 200 answer as a retryable server error', async () => {
    const error = await failure({ status: 200, headers: {}, body: '<html>proxy</html>' })
    expect(error.kind).toBe('server')
    expect(error.message).toContain('response is not JSON')
  })

  it('treats HTTP 199 and 300 as failures', async () => {
    expect((await failure(jsonResponse(199, { Status: 'Saved' }))).httpStatus).toBe(199)
    expect((await failure(jsonResponse(300, { Status: 'Saved' }))).httpStatus).toBe(300)
  })

  it.each([
    ['Mon, 01 Jan 2024 00:20:40 GMT', 'about 21m behind'],
    ['Mon, 01 Jan 2024 00:00:45 GMT', 'about 45s behind']
  ])('rounds a skew of minutes to the minute, keeps seconds below one (%s)', async (date, text) => {
    const warnings: string[] = []
    const skewed = jsonResponse(400, { Code: 'InvalidTimeStamp.Expired' }, { date })
    const { client, sent } = clientAnswering(
      () => (sent.length === 1 ? skewed : jsonResponse(200, { Status: 'Saved' })),
      message => warnings.push(message)
    )
    await client.getInstanceSnapshot('dsw-1', 'snp-1')
    expect(warnings[0]).toContain(text)
  })
})
