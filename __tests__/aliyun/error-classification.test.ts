import { describe, expect, it } from '@jest/globals'
import { classifyPaiDswError } from '../../src/aliyun/pai-dsw-errors.js'
import {
  classifyTransient,
  errorFromResponse,
  parseJsonObject,
  preview,
  retryAfterMs,
  serverDate,
  xmlErrorBody
} from '../../src/aliyun/service-errors.js'
import { classifyStsError } from '../../src/aliyun/sts-errors.js'

const dsw = { ramAction: 'paidsw:GetSnapshot', host: 'pai-dsw.cn-hangzhou.aliyuncs.com' }
const github = {
  kind: 'github-oidc' as const,
  oidcProviderArn: 'acs:ram::123:oidc-provider/gh',
  audience: 'sts.aliyuncs.com',
  repository: 'o/r'
}
const sts = { roleArn: 'acs:ram::123:role/r', durationSeconds: 3600, caller: github }
const echo = (httpStatus: number, code: string) => ({
  kind: 'validation' as const,
  hint: `${httpStatus}:${code}`
})

describe('classifyTransient', () => {
  it('treats throttling codes and 429 as throttled', () => {
    expect(classifyTransient(400, 'Throttling.User')).toEqual({ kind: 'throttled' })
    expect(classifyTransient(400, 'request.throttling')).toEqual({ kind: 'throttled' })
    expect(classifyTransient(429, '')).toEqual({ kind: 'throttled' })
  })
  it('treats ServiceUnavailable and 5xx as server faults, 499 and 4xx as not transient', () => {
    expect(classifyTransient(400, 'ServiceUnavailable')).toEqual({ kind: 'server' })
    expect(classifyTransient(500, '')).toEqual({ kind: 'server' })
    expect(classifyTransient(499, 'X')).toBeUndefined()
    expect(classifyTransient(400, '')).toBeUndefined()
    expect(classifyTransient(400, 'Throttlin')).toBeUndefined()
  })
})

describe('errorFromResponse', () => {
  it('reads Code, Message and RequestId, lower-case keys too', () => {
    const e = errorFromResponse(
      'Op',
      { status: 400, headers: { 'x-acs-request-id': 'H' }, body: '' },
      { code: 'Bad', message: 'msg', requestId: 'R' },
      echo
    )
    expect(e.code).toBe('Bad')
    expect(e.serviceMessage).toBe('msg')
    expect(e.requestId).toBe('R')
    expect(e.hint).toBe('400:Bad')
    expect(e.httpStatus).toBe(400)
    expect(e.operation).toBe('Op')
  })
  it('falls back to the request-id header and leaves empty fields undefined', () => {
    const e = errorFromResponse(
      'Op',
      { status: 400, headers: { 'x-acs-request-id': 'H' }, body: '' },
      {},
      echo
    )
    expect(e.requestId).toBe('H')
    expect(e.code).toBeUndefined()
    expect(e.serviceMessage).toBe('')
    const none = errorFromResponse('Op', { status: 400, headers: {}, body: '' }, {}, echo)
    expect(none.requestId).toBeUndefined()
  })
  it('uses HttpStatusCode of a 2xx Success:false answer within 400..599', () => {
    const cls = (s: number, c: string) => echo(s, c)
    const at = (status: number, named: unknown) =>
      errorFromResponse(
        'Op',
        { status, headers: {}, body: '' },
        { HttpStatusCode: named, Code: 'C' },
        cls
      ).hint
    expect(at(200, '404')).toBe('404:C')
    expect(at(200, 400)).toBe('400:C')
    expect(at(200, 599)).toBe('599:C')
    expect(at(200, 399)).toBe('200:C')
    expect(at(200, 600)).toBe('200:C')
    expect(at(200, 404.5)).toBe('200:C')
    expect(at(300, 404)).toBe('300:C')
    expect(at(299, 404)).toBe('404:C')
    const e = errorFromResponse('Op', { status: 200, headers: {}, body: '' }, { Code: 'C' }, cls)
    expect(e.serviceMessage).toBe('the answer says Success: false')
    const e3 = errorFromResponse('Op', { status: 300, headers: {}, body: '' }, { Code: 'C' }, cls)
    expect(e3.serviceMessage).toBe('')
  })
  it('treats a non-JSON answer as a passing fault, throttled on 429', () => {
    const e = errorFromResponse(
      'Op',
      { status: 502, headers: {}, body: '<html>\n bad  gateway</html>' },
      undefined,
      echo
    )
    expect(e.kind).toBe('server')
    expect(e.hint).toBeUndefined()
    expect(e.serviceMessage).toBe('non-JSON response: <html> bad gateway</html>')
    const t = errorFromResponse(
      'Op',
      { status: 429, headers: { 'retry-after': '2' }, body: '' },
      undefined,
      echo
    )
    expect(t.kind).toBe('throttled')
    expect(t.retryAfterMs).toBe(2000)
    expect(t.serviceMessage).toBe('non-JSON response: (empty body)')
  })
  it('carries the server date', () => {
    const e = errorFromResponse(
      'Op',
      { status: 400, headers: { date: 'Wed, 02 Dec 2026 10:00:00 GMT' }, body: '' },
      {},
      echo
    )
    expect(e.serverDate?.toISOString()).toBe('2026-12-02T10:00:00.000Z')
  })
})

describe('parseJsonObject / preview / retryAfterMs / serverDate', () => {
  it('accepts only JSON objects', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 })
    expect(parseJsonObject('[1]')).toBeUndefined()
    expect(parseJsonObject('null')).toBeUndefined()
    expect(parseJsonObject('"x"')).toBeUndefined()
    expect(parseJsonObject('<html>')).toBeUndefined()
  })
  it('cuts previews at 120 characters', () => {
    expect(preview('a'.repeat(120))).toBe('a'.repeat(120))
    expect(preview('a'.repeat(121))).toBe(`${'a'.repeat(120)}…`)
    expect(preview('  \n ')).toBe('(empty body)')
  })
  it('reads x-acs-retry-after in ms, then Retry-After in seconds or as a date', () => {
    expect(retryAfterMs({ 'x-acs-retry-after': ' 1500 ', 'retry-after': '9' })).toBe(1500)
    expect(retryAfterMs({ 'x-acs-retry-after': '1.5', 'retry-after': '3' })).toBe(3000)
    expect(retryAfterMs({ 'x-acs-retry-after': '15x', 'retry-after': ' 3 ' })).toBe(3000)
    expect(retryAfterMs({ 'retry-after': '3s' })).toBeUndefined()
    expect(retryAfterMs({ 'retry-after': 'x3' })).toBeUndefined()
    expect(retryAfterMs({ 'retry-after': '12' })).toBe(12000)
    expect(retryAfterMs({ 'retry-after': '  ' })).toBeUndefined()
    expect(retryAfterMs({})).toBeUndefined()
    const answeredAt = 'Mon, 07 Dec 2026 12:00:00 GMT'
    const at = (retry: string, date?: string) =>
      retryAfterMs({ 'retry-after': retry, ...(date ? { date } : {}) })
    expect(at('Thu, 01 Jan 1970 00:00:00 GMT', answeredAt)).toBe(0)
    // A date is measured on the server's clock (its Date header), never the runner's.
    expect(at('Mon, 07 Dec 2026 13:00:00 GMT', answeredAt)).toBe(3_600_000)
    expect(at('Mon, 07 Dec 2026 12:00:05 GMT', 'Mon, 07 Dec 2026 12:00:02 GMT')).toBe(3000)
    expect(at('Mon, 07 Dec 2026 13:00:00 GMT')).toBeUndefined()
    expect(at('soon', answeredAt)).toBeUndefined()
  })
  it('parses the Date header', () => {
    expect(serverDate({ date: 'garbage' })).toBeUndefined()
    expect(serverDate({})).toBeUndefined()
  })
})

describe('classifyPaiDswError', () => {
  it('maps codes to kinds and hints', () => {
    expect(classifyPaiDswError(400, 'Throttling', dsw).kind).toBe('throttled')
    expect(classifyPaiDswError(400, 'SignatureNonceUsed', dsw)).toEqual({ kind: 'server' })
    expect(classifyPaiDswError(400, 'InvalidTimeStamp.Expired', dsw)).toEqual({
      kind: 'clock',
      hint: "The runner's clock is more than 15 minutes off; fix its time synchronisation"
    })
    expect(classifyPaiDswError(400, 'InvalidSecurityToken.Expired', dsw).hint).toMatch(
      /^The security token has expired/
    )
    for (const code of [
      'InvalidAccessKeyId.NotFound',
      'SignatureDoesNotMatch',
      'IncompleteSignature',
      'InvalidSecurityToken.Malformed',
      'MissingSecurityToken',
      'MissingAuthorization',
      'InvalidAuthorization'
    ]) {
      const f = classifyPaiDswError(400, code, dsw)
      expect(f.kind).toBe('auth')
      expect(f.hint).toMatch(/^Check the access key ID and secret/)
    }
    expect(classifyPaiDswError(400, 'XSignatureDoesNotMatch', dsw)).toEqual({ kind: 'validation' })
    expect(classifyPaiDswError(400, 'Forbidden.RAM', dsw)).toEqual({
      kind: 'permission',
      hint: 'Grant the RAM identity the action paidsw:GetSnapshot (for example in a custom RAM policy)'
    })
    expect(classifyPaiDswError(400, 'NoPermission', dsw).kind).toBe('permission')
    expect(classifyPaiDswError(403, 'X', dsw).kind).toBe('permission')
    expect(classifyPaiDswError(400, 'XForbidden', dsw).kind).toBe('validation')
    expect(classifyPaiDswError(404, 'InvalidApi.NotFound', dsw)).toEqual({
      kind: 'validation',
      hint: 'Check that endpoint points at PAI-DSW (pai-dsw.<region>.aliyuncs.com)'
    })
    expect(classifyPaiDswError(404, 'X', dsw)).toEqual({
      kind: 'not-found',
      hint: 'The snapshot or instance does not exist at pai-dsw.cn-hangzhou.aliyuncs.com: check the region (or endpoint) and the instance-id and snapshot-id inputs'
    })
    expect(classifyPaiDswError(400, 'InternalError', dsw).kind).toBe('internal')
    expect(classifyPaiDswError(400, 'InternalError', dsw).hint).toMatch(/quote the RequestId$/)
  })
})

describe('classifyStsError', () => {
  it('maps codes to kinds and hints', () => {
    expect(classifyStsError(500, '', sts)).toEqual({ kind: 'server' })
    expect(classifyStsError(400, 'InternalError', sts)).toEqual({ kind: 'server' })
    expect(classifyStsError(400, 'InvalidTimeStamp.Expired', sts)).toEqual({
      kind: 'clock',
      hint: "The runner's clock is off; fix its time synchronisation"
    })
    expect(classifyStsError(400, 'AuthenticationFail.OIDCToken.AudienceNotMatch', sts)).toEqual({
      kind: 'auth',
      hint: 'The audience input (sts.aliyuncs.com) must be one of the Client IDs of the RAM OIDC provider acs:ram::123:oidc-provider/gh: add it there, or set audience to one of them'
    })
    expect(classifyStsError(400, 'AuthenticationFail.OIDCToken.Expired', sts)).toEqual({
      kind: 'auth',
      hint: "The GitHub ID token had expired when STS checked it: check the runner's clock"
    })
    expect(classifyStsError(400, 'AuthenticationFail.OIDCToken.Invalid', sts)).toEqual({
      kind: 'auth',
      hint: "Check the RAM OIDC provider acs:ram::123:oidc-provider/gh: its issuer URL must be https://token.actions.githubusercontent.com (on GitHub Enterprise Server, your server's issuer) and its fingerprint the current one of that host"
    })
    const trust = (repo: string) =>
      `The role's trust policy must let acs:ram::123:oidc-provider/gh assume it (check that ARN too), with conditions this job's ID token meets: oidc:aud = sts.aliyuncs.com, oidc:iss = https://token.actions.githubusercontent.com, and oidc:sub like repo:${repo}:* (after the repository, the sub names the job's branch, tag, environment or pull_request)`
    expect(classifyStsError(400, 'AuthenticationFail.NoPermission', sts)).toEqual({
      kind: 'permission',
      hint: trust('o/r')
    })
    expect(
      classifyStsError(400, 'NoPermission', {
        ...sts,
        caller: { ...github, repository: undefined }
      })
    ).toEqual({
      kind: 'permission',
      hint: trust('<owner>/<repo>')
    })
    expect(classifyStsError(400, 'Forbidden', sts).kind).toBe('permission')
    expect(classifyStsError(403, 'X', sts).kind).toBe('permission')
    expect(classifyStsError(400, 'XForbidden', sts).kind).toBe('validation')
    expect(classifyStsError(404, 'EntityNotExist.Role', sts)).toEqual({
      kind: 'not-found',
      hint: 'Check role-to-assume (acs:ram::123:role/r): the account ID and role name must be those of an existing RAM role'
    })
    expect(classifyStsError(404, 'EntityNotExist.OIDCProvider', sts)).toEqual({
      kind: 'not-found',
      hint: 'Check role-to-assume and oidc-provider-arn'
    })
    expect(classifyStsError(400, 'InvalidParameter.DurationSeconds', sts)).toEqual({
      kind: 'validation',
      hint: "role-duration-seconds (3600) must be at least 900 and at most the role's maximum session duration (1 hour unless raised in RAM)"
    })
    expect(classifyStsError(400, 'Other', sts)).toEqual({
      kind: 'validation',
      hint: 'Check role-to-assume and oidc-provider-arn, and the session name'
    })
  })
})

describe('classifyStsError for a key and for a token file', () => {
  const key = { ...sts, caller: { kind: 'key' as const, source: 'the profile ci' } }
  const rrsa = {
    ...sts,
    caller: {
      kind: 'oidc-token-file' as const,
      oidcProviderArn: 'acs:ram::123:oidc-provider/ack',
      tokenFile: '/var/run/token'
    }
  }

  it('names the key that signs AssumeRole, or the provider, for a key STS refuses', () => {
    const keyHint = 'Check the key that signs AssumeRole (the profile ci)'
    expect(classifyStsError(400, 'InvalidAccessKeyId.NotFound', key)).toEqual({
      kind: 'auth',
      hint: keyHint
    })
    expect(classifyStsError(400, 'InvalidSecurityToken.Expired', key)).toEqual({
      kind: 'auth',
      hint: keyHint
    })
    expect(classifyStsError(400, 'SignatureDoesNotMatch', rrsa)).toEqual({
      kind: 'auth',
      hint: 'The AccessKey secret does not match its ID (acs:ram::123:oidc-provider/ack)'
    })
    // Only at the start of the code: a code that merely ends so is something else.
    expect(classifyStsError(400, 'X.InvalidAccessKeyId', key).kind).toBe('validation')
    expect(classifyStsError(400, 'X.InvalidSecurityToken', key).kind).toBe('validation')
  })

  it('says where to look for the token, the trust policy and the roles of each caller', () => {
    expect(classifyStsError(400, 'AuthenticationFail.OIDCToken.Invalid', rrsa)).toEqual({
      kind: 'auth',
      hint:
        'Check the OIDC token file /var/run/token and the RAM OIDC provider ' +
        "acs:ram::123:oidc-provider/ack: the provider's issuer must be the cluster's RRSA issuer, " +
        "and the token must be the one the cluster mounts and renews (check the runner's clock too)"
    })
    expect(classifyStsError(400, 'AuthenticationFail.OIDCToken.Invalid', key)).toEqual({
      kind: 'auth',
      hint: 'Check the OIDC token'
    })
    expect(classifyStsError(403, 'NoPermission', rrsa)).toEqual({
      kind: 'permission',
      hint:
        "The role's trust policy must let acs:ram::123:oidc-provider/ack assume it, with " +
        "conditions the pod's token meets (oidc:aud = sts.aliyuncs.com, oidc:iss = the " +
        "cluster's issuer, oidc:sub = system:serviceaccount:<namespace>:<service account>)"
    })
    expect(classifyStsError(403, 'NoPermission', key)).toEqual({
      kind: 'permission',
      hint:
        'The caller (the profile ci) needs permission to call sts:AssumeRole on the role (the ' +
        "AliyunSTSAssumeRoleAccess policy, or a narrower one), and the role's trust policy must " +
        "name the caller's account or RAM user as a RAM principal"
    })
    expect(classifyStsError(404, 'EntityNotExist.OIDCProvider', rrsa)).toEqual({
      kind: 'not-found',
      hint: 'Check the role acs:ram::123:role/r and the OIDC provider acs:ram::123:oidc-provider/ack'
    })
    expect(classifyStsError(400, 'Other', key)).toEqual({
      kind: 'validation',
      hint: 'Check the role acs:ram::123:role/r, and the session name'
    })
  })
})

describe('xmlErrorBody: an XML error answer as the official SDK reads it', () => {
  const xml = (body: string, type = 'text/xml;charset=utf-8') => ({
    status: 400,
    headers: { 'content-type': type },
    body
  })

  it('reads Code, Message, RequestId and HostId from <Error>, entities decoded', () => {
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <RequestId>R-1</RequestId>\n' +
      '  <HostId>pai-dsw.cn-hangzhou.aliyuncs.com</HostId>\n  <Code>InvalidTimeStamp.Expired</Code>\n' +
      '  <Message>a &lt;b&gt; &amp; &#65;&#x42; &quot;q&quot; &apos;</Message>\n</Error>'
    expect(xmlErrorBody(xml(body))).toEqual({
      RequestId: 'R-1',
      HostId: 'pai-dsw.cn-hangzhou.aliyuncs.com',
      Code: 'InvalidTimeStamp.Expired',
      Message: 'a <b> & AB "q" \''
    })
  })

  it('reads a CDATA section as it is, and a body without a content type that starts <Error>', () => {
    const body =
      '<Error><Code>Forbidden.RAM</Code><Message><![CDATA[a <b> &amp;]]></Message></Error>'
    expect(xmlErrorBody(xml(body, ''))).toEqual({ Code: 'Forbidden.RAM', Message: 'a <b> &amp;' })
  })

  it('reads CDATA sections amid text, and trims what is around them', () => {
    // As the SDK core's XML reader (@alicloud/tea-xml 0.0.3, xml2js) reads them, checked by hand,
    // except the trim: it keeps the spaces and line breaks around a value.
    const body =
      '<Error><Code> Forbidden.RAM </Code><Message>\n  <![CDATA[a <b>]]>\n</Message>' +
      '<RequestId>R-&amp;<![CDATA[&amp;]]>-<![CDATA[x]]>&lt;</RequestId></Error>'
    expect(xmlErrorBody(xml(body))).toEqual({
      Code: 'Forbidden.RAM',
      Message: 'a <b>',
      RequestId: 'R-&&amp;-x<'
    })
    // An unclosed section is text like any other.
    const unclosed = '<Error><Code>C</Code><Message>a <![CDATA[b &amp;</Message></Error>'
    expect(xmlErrorBody(xml(unclosed))?.Message).toBe('a <![CDATA[b &')
  })

  it.each([
    ['&#X41;&#x42;&#67;', 'ABC'],
    ['&#x10FFFF;', String.fromCodePoint(0x10ffff)],
    ['&#x110000; &#1114112; &nbsp;', '&#x110000; &#1114112; &nbsp;']
  ])('decodes character references in either case, up to U+10FFFF: %s', (message, text) => {
    const body = `<Error><Code>C</Code><Message>${message}</Message></Error>`
    expect(xmlErrorBody(xml(body))?.Message).toBe(text)
  })

  it.each([
    ['leading blank lines and no content type', xml('\n  <Error><Code>C</Code></Error>', '')],
    ['attributes on <Error>', xml('<Error xmlns="urn:x"><Code>C</Code></Error>', '')],
    [
      'an XML content type and any root',
      xml('<ErrorResponse><Error><Code>C</Code></Error></ErrorResponse>')
    ]
  ])('reads an error body with %s', (_name, response) => {
    expect(xmlErrorBody(response)).toEqual({ Code: 'C' })
  })

  it.each([
    ['an HTML page', xml('<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html')],
    [
      'an HTML page that quotes an XML error',
      xml('<html><pre><Error><Code>C</Code></Error></pre></html>', 'text/html')
    ],
    [
      'another root without an XML content type',
      xml('<ErrorResponse><Error><Code>C</Code></Error></ErrorResponse>', '')
    ],
    ['XML without Code', xml('<Error><Message>m</Message></Error>')],
    ['XML that never closes <Error>', xml('<Error><Code>X</Code>')],
    ['an unclosed <Code>', xml('<Error><Code>X</Error>')],
    ['JSON', xml('{"Code":"X"}', 'application/json')]
  ])('reads %s as no XML error', (_name, response) => {
    expect(xmlErrorBody(response)).toBeUndefined()
  })

  it('turns an XML answer into an ApiError classified by its Code, not a transient fault', () => {
    const response = xml('<Error><Code>Forbidden.RAM</Code><Message>denied</Message></Error>')
    const error = errorFromResponse(
      'GetInstanceSnapshot',
      response,
      xmlErrorBody(response),
      (_s, code) => classifyPaiDswError(_s, code, dsw)
    )
    expect(error.code).toBe('Forbidden.RAM')
    expect(error.kind).not.toBe('server')
  })
})
