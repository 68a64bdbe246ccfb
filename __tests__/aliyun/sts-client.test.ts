import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/errors.js'
import type { HttpResponse } from '../../src/http/transport.js'
import {
  type AssumeRoleWithOidcParams,
  assumeRoleWithOidc,
  assumeRoleWithOidcRequest
} from '../../src/aliyun/sts-client.js'
import { classifyStsError } from '../../src/aliyun/sts-errors.js'
import { fakeTransport, jsonResponse } from '../helpers/fake-transport.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

const STS = {
  protocol: 'https',
  host: 'sts.aliyuncs.com',
  origin: 'https://sts.aliyuncs.com'
} as const
const PARAMS: AssumeRoleWithOidcParams = {
  roleArn: 'acs:ram::123456789012:role/github-deploy',
  oidcProviderArn: 'acs:ram::123456789012:oidc-provider/GitHub',
  oidcToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vciJ9.c2ln+/=',
  roleSessionName: 'gha-octo-org.deploy-4242',
  durationSeconds: 3600
}
const CALLER = {
  kind: 'github-oidc' as const,
  oidcProviderArn: PARAMS.oidcProviderArn,
  audience: 'sts.aliyuncs.com',
  repository: 'octo-org/deploy'
}
const CONTEXT = { roleArn: PARAMS.roleArn, durationSeconds: 3600, caller: CALLER }
const ISSUED = {
  RequestId: 'R-OK',
  Credentials: {
    AccessKeyId: 'STS.NUk',
    AccessKeySecret: 'temporary-secret',
    SecurityToken: 'CAIS-token',
    Expiration: '2024-01-01T01:00:00Z'
  },
  AssumedRoleUser: { Arn: 'acs:ram::123456789012:role/github-deploy/gha', AssumedRoleId: '3:gha' }
}

function assumeWith(answers: (HttpResponse | Error)[], timeoutMs = 30_000) {
  const clock = new VirtualClock(Date.parse('2024-01-01T00:00:00Z'))
  const { transport, sent } = fakeTransport(() => answers.shift() ?? new Error('no more answers'))
  const result = assumeRoleWithOidc(PARAMS, {
    endpoint: STS,
    transport,
    clock,
    timeoutMs,
    context: CONTEXT
  })
  return { result, sent, clock }
}

async function failure(answers: (HttpResponse | Error)[]): Promise<ApiError> {
  const error = await assumeWith(answers).result.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('assumeRoleWithOidcRequest', () => {
  it('is an anonymous RPC POST: common parameters in the query, the rest in a form body', () => {
    const request = assumeRoleWithOidcRequest(PARAMS, STS, new Date('2024-01-01T00:00:00.123Z'))
    expect(request).toEqual({
      url: 'https://sts.aliyuncs.com/?Action=AssumeRoleWithOIDC&Version=2015-04-01&Format=JSON&Timestamp=2024-01-01T00%3A00%3A00Z',
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: expect.any(String)
    })
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      OIDCProviderArn: PARAMS.oidcProviderArn,
      RoleArn: PARAMS.roleArn,
      OIDCToken: PARAMS.oidcToken,
      RoleSessionName: PARAMS.roleSessionName,
      DurationSeconds: '3600'
    })
    // The token never travels in the URL, where proxies and access logs would keep it.
    expect(request.url).not.toContain('OIDCToken')
  })
})

describe('assumeRoleWithOidc', () => {
  it('returns the temporary credentials, their expiration and the server time', async () => {
    const { result, sent } = assumeWith([
      jsonResponse(200, ISSUED, { date: 'Mon, 01 Jan 2024 00:00:00 GMT' })
    ])
    expect(await result).toEqual({
      credentials: {
        accessKeyId: 'STS.NUk',
        accessKeySecret: 'temporary-secret',
        securityToken: 'CAIS-token'
      },
      expiration: new Date('2024-01-01T01:00:00Z'),
      serverDate: new Date('2024-01-01T00:00:00Z'),
      requestId: 'R-OK'
    })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.headers).not.toHaveProperty('authorization')
    expect(sent[0]!.timeoutMs).toBe(30_000)
  })

  it('fails at once on a configuration error, with Code, Message, RequestId and a hint', async () => {
    const { result, sent } = assumeWith([
      jsonResponse(401, {
        RequestId: 'R-401',
        Code: 'AuthenticationFail.OIDCToken.AudienceNotMatch',
        Message: 'Invalid audience.'
      })
    ])
    const error = (await result.catch((e: unknown) => e)) as ApiError
    expect(sent).toHaveLength(1)
    expect(error.kind).toBe('auth')
    expect(error.message).toBe(
      `AssumeRoleWithOIDC (role ${PARAMS.roleArn}) failed: Invalid audience. ` +
        '(Code: AuthenticationFail.OIDCToken.AudienceNotMatch, HTTP 401, RequestId: R-401). ' +
        `The audience input (sts.aliyuncs.com) must be one of the Client IDs of the RAM OIDC provider ${PARAMS.oidcProviderArn}: add it there, or set audience to one of them`
    )
  })

  it('retries throttling and server faults a few times, within the time budget', async () => {
    const busy = jsonResponse(503, { RequestId: 'R-503', Code: 'ServiceUnavailable' })
    const { result, sent, clock } = assumeWith([
      busy,
      jsonResponse(400, { Code: 'Throttling.User', Message: 'slow down' }),
      jsonResponse(200, ISSUED)
    ])
    expect((await result).requestId).toBe('R-OK')
    expect(sent).toHaveLength(3)
    expect(clock.sleeps).toEqual([250, 500])
    // Each attempt gets what is left of the budget.
    expect(sent.map(r => r.timeoutMs)).toEqual([30_000, 29_750, 29_250])
  })

  it('gives up after three attempts, with the last error', async () => {
    const busy = jsonResponse(503, { RequestId: 'R-503', Code: 'ServiceUnavailable' })
    const { result, sent } = assumeWith([busy, busy, busy, jsonResponse(200, ISSUED)])
    const error = (await result.catch((e: unknown) => e)) as ApiError
    expect(sent).toHaveLength(3)
    expect(error.code).toBe('ServiceUnavailable')
    expect(error.retryable).toBe(true)
  })

  it('does not retry when the budget has no room for another attempt', async () => {
    const busy = jsonResponse(503, { Code: 'ServiceUnavailable' })
    const { result, sent } = assumeWith([busy, jsonResponse(200, ISSUED)], 1100)
    await expect(result).rejects.toThrow('ServiceUnavailable')
    expect(sent).toHaveLength(1)
  })

  it('names the operation in a network error and retries it', async () => {
    const reset = new ApiError({ operation: 'POST /', kind: 'network', code: 'ECONNRESET' })
    const { result, sent } = assumeWith([reset, reset, reset])
    const error = (await result.catch((e: unknown) => e)) as ApiError
    expect(sent).toHaveLength(3)
    expect(error.message).toContain(`AssumeRoleWithOIDC (role ${PARAMS.roleArn}) failed`)
  })

  it('treats a proxy page as a passing fault', async () => {
    const error = await failure([
      { status: 502, headers: {}, body: '<html>Bad gateway</html>' },
      { status: 502, headers: {}, body: '<html>Bad gateway</html>' },
      { status: 502, headers: {}, body: '<html>Bad gateway</html>' }
    ])
    expect(error.kind).toBe('server')
    expect(error.message).toContain('non-JSON response: <html>Bad gateway</html>')
  })

  it('retries only when a whole second of the timeout is left after the pause', async () => {
    const busy = () => jsonResponse(503, { Code: 'ServiceUnavailable', RequestId: 'R-busy' })
    // 250 ms pause, then exactly 1 s left: worth one more try.
    const justEnough = assumeWith([busy(), jsonResponse(200, ISSUED)], 1250)
    await expect(justEnough.result).resolves.toBeDefined()
    expect(justEnough.sent).toHaveLength(2)
    // A millisecond less: the first failure is final.
    const tooLittle = assumeWith([busy(), jsonResponse(200, ISSUED)], 1249)
    await expect(tooLittle.result).rejects.toThrow(/ServiceUnavailable/)
    expect(tooLittle.sent).toHaveLength(1)
  })

  it('never shows a success body without complete credentials, which may hold a secret', async () => {
    const partial = { ...ISSUED, Credentials: { ...ISSUED.Credentials, SecurityToken: '' } }
    const error = await failure([partial, partial, partial].map(body => jsonResponse(200, body)))
    expect(error.message).toContain('the response has no complete Credentials')
    expect(error.message).not.toContain('temporary-secret')
    // The request ID is what support asks for: it is kept.
    expect(error.requestId).toBe('R-OK')
  })
})

describe('classifyStsError', () => {
  it.each([
    [503, 'ServiceUnavailable', 'server', undefined],
    [500, 'InternalError', 'server', undefined],
    [400, 'Throttling.User', 'throttled', undefined],
    [429, '', 'throttled', undefined],
    [400, 'InvalidTimeStamp.Expired', 'clock', "runner's clock"],
    [401, 'AuthenticationFail.OIDCToken.AudienceNotMatch', 'auth', 'audience input'],
    [401, 'AuthenticationFail.OIDCToken.Expired', 'auth', 'ID token had expired'],
    [401, 'AuthenticationFail.OIDCToken.InvalidSignature', 'auth', 'issuer URL'],
    [401, 'AuthenticationFail.OIDCToken.IssuerNotMatch', 'auth', 'issuer URL'],
    [401, 'AuthenticationFail.NoPermission', 'permission', 'oidc:sub like repo:octo-org/deploy:*'],
    [403, 'NoPermission', 'permission', 'trust policy must let'],
    [404, 'EntityNotExist.Role', 'not-found', 'Check role-to-assume'],
    [404, 'EntityNotExist.OIDCProvider', 'not-found', 'oidc-provider-arn'],
    [400, 'InvalidParameter.DurationSeconds', 'validation', 'role-duration-seconds (3600)'],
    [400, 'InvalidParameter.RoleSessionName', 'validation', 'session name']
  ])('HTTP %d %s is %s', (status, code, kind, hint) => {
    const failure = classifyStsError(status, code, CONTEXT)
    expect(failure.kind).toBe(kind)
    if (hint) expect(failure.hint).toContain(hint)
    else expect(failure.hint).toBeUndefined()
  })

  it('shows a placeholder sub when the repository is unknown', () => {
    const { hint } = classifyStsError(401, 'AuthenticationFail.NoPermission', {
      ...CONTEXT,
      caller: { ...CALLER, repository: undefined }
    })
    expect(hint).toContain('oidc:sub like repo:<owner>/<repo>:*')
  })
})
