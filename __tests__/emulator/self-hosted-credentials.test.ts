// The credential sources of self-hosted runners, played by the emulator: the ECS metadata server,
// STS AssumeRole (signed V1 or V3), RRSA-style OIDC tokens and a credentials URI. Each is checked
// with hand-made requests and, where it has one, the official @alicloud/credentials provider.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { type Emulator, emulatorPerTest } from '../helpers/emulator-per-test.js'
import {
  type LibraryCredentials,
  libraryProvider,
  sendV1,
  signV1,
  staticProvider
} from './credential-clients.js'
import {
  type Answer,
  type Caller,
  acsDate,
  refusal,
  signedGet,
  sleep,
  snapshotPath
} from './signed-request.js'

const KEY: Caller = { accessKeyId: 'LTAI-runner-key', accessKeySecret: 'runner-secret-0123456789' }
const OTHER_KEY: Caller = { accessKeyId: 'LTAI-other-key', accessKeySecret: 'other-secret-98765' }
const ACCOUNT = 'acs:ram::123456789012'
const ROLE = `${ACCOUNT}:role/ci-deploy`
const SNAPSHOT = { instanceId: 'dsw-1', snapshotId: 'snp-1', timeline: [{ status: 'Saved' }] }
const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/'

const startTestEmulator = emulatorPerTest()

type Options = NonNullable<Parameters<typeof startTestEmulator>[0]>
const emulate = (options: Options = {}) =>
  startTestEmulator({
    credentials: [KEY, OTHER_KEY],
    snapshots: [SNAPSHOT],
    oidc: { roles: [{ arn: ROLE }] },
    ...options
  })

/** A PAI-DSW read with these credentials, through the emulator's signed-request helper. */
const readSnapshot = (emu: Emulator, caller: Caller) =>
  signedGet(emu.url, {
    path: snapshotPath('dsw-1', 'snp-1'),
    action: 'GetInstanceSnapshot',
    caller
  })

/** The caller an answer's `Credentials` (or a flat credentials body) describe. */
function callerOf(fields: Record<string, unknown>): Caller {
  return {
    accessKeyId: fields.AccessKeyId as string,
    accessKeySecret: fields.AccessKeySecret as string,
    securityToken: fields.SecurityToken as string
  }
}

const fromLibrary = (credentials: LibraryCredentials): Caller => ({
  accessKeyId: credentials.accessKeyId,
  accessKeySecret: credentials.accessKeySecret,
  ...(credentials.securityToken === undefined ? {} : { securityToken: credentials.securityToken })
})

async function plain(
  url: string,
  init: { method?: 'GET' | 'PUT'; headers?: Record<string, string>; timeoutMs?: number } = {}
) {
  const { timeoutMs, ...rest } = init
  const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)
  const response = await request(url, { ...rest, signal })
  return {
    status: response.statusCode,
    headers: response.headers,
    text: await response.body.text()
  }
}

const metadataToken = async (emu: Emulator, ttl = '21600') =>
  plain(`${emu.metadataUrl}/latest/api/token`, {
    method: 'PUT',
    headers: { 'X-aliyun-ecs-metadata-token-ttl-seconds': ttl }
  })

const metadataGet = (emu: Emulator, path: string, token?: string) =>
  plain(`${emu.metadataUrl}${path}`, {
    headers: token === undefined ? {} : { 'X-aliyun-ecs-metadata-token': token }
  })

async function metadataCredentials(emu: Emulator, role = 'EcsRamRoleForCI') {
  const { text: token } = await metadataToken(emu)
  return metadataGet(emu, `${CREDENTIALS_PATH}${role}`, token)
}

describe('the ECS metadata server', () => {
  it("hands out a session token, the role name and the role's credentials, which PAI-DSW accepts", async () => {
    const emu = await emulate({ metadata: {} })
    expect(emu.metadataUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(emu.metadataUrl).not.toBe(emu.url)
    const token = await metadataToken(emu)
    expect([token.status, token.headers['content-type']]).toEqual([200, 'text/plain'])
    const roleName = await metadataGet(emu, CREDENTIALS_PATH, token.text)
    expect([roleName.status, roleName.text]).toEqual([200, 'EcsRamRoleForCI'])

    const read = await metadataGet(emu, `${CREDENTIALS_PATH}EcsRamRoleForCI`, token.text)
    expect(read.status).toBe(200)
    const body = JSON.parse(read.text) as Record<string, string>
    expect(body).toEqual({
      AccessKeyId: expect.stringMatching(/^STS\./),
      AccessKeySecret: expect.any(String),
      SecurityToken: expect.stringMatching(/^CAIS/),
      Expiration: expect.stringMatching(ISO_SECONDS),
      LastUpdated: expect.stringMatching(ISO_SECONDS),
      Code: 'Success'
    })
    const lifetime = Date.parse(body.Expiration!) - Date.now()
    expect(lifetime).toBeGreaterThan(6 * 3600_000 - 5000)
    expect(lifetime).toBeLessThanOrEqual(6 * 3600_000)
    expect(emu.issued.credentials.map(c => c.accessKeyId)).toEqual([body.AccessKeyId])
    expect(emu.secrets()).toEqual(
      expect.arrayContaining([token.text, body.AccessKeySecret, body.SecurityToken])
    )
    expect((await readSnapshot(emu, callerOf(body))).status).toBe(200)

    // Straight to the metadata address, with the token on every read: no proxy in between.
    expect(emu.metadataRequests.map(r => [r.method, r.path, r.statusCode])).toEqual([
      ['PUT', '/latest/api/token', 200],
      ['GET', CREDENTIALS_PATH, 200],
      ['GET', `${CREDENTIALS_PATH}EcsRamRoleForCI`, 200]
    ])
    const [put, ...reads] = emu.metadataRequests
    expect(put?.headers['x-aliyun-ecs-metadata-token-ttl-seconds']).toBe('21600')
    for (const r of reads) expect(r.headers['x-aliyun-ecs-metadata-token']).toBe(token.text)
    expect(emu.metadataRequests.every(r => r.headers.host === new URL(emu.metadataUrl!).host)).toBe(
      true
    )
    expect(emu.requests).toHaveLength(1)
  })

  it('serves the official ECSRAMRoleCredentialsProvider, IMDSv1 disabled', async () => {
    const emu = await emulate({ metadata: { roleName: 'RunnerRole' } })
    const provider = libraryProvider(
      'ECSRAMRoleCredentialsProvider',
      { DisableIMDSv1: true },
      new URL(emu.metadataUrl!).host
    )
    const credentials = await provider.getCredentials()
    expect(credentials.accessKeyId).toBe(emu.issued.credentials[0]?.accessKeyId)
    expect((await readSnapshot(emu, fromLibrary(credentials))).status).toBe(200)
  })

  it('refuses reads without a token when hardened, and takes both when not', async () => {
    const emu = await emulate({ metadata: {} })
    const path = `${CREDENTIALS_PATH}EcsRamRoleForCI`
    expect((await metadataGet(emu, CREDENTIALS_PATH)).status).toBe(401)
    expect((await metadataGet(emu, path)).status).toBe(401)
    expect((await metadataGet(emu, path, 'forged-token')).status).toBe(401)
    expect(emu.issued.credentials).toHaveLength(0)

    emu.setMetadata({ hardened: false })
    expect((await metadataGet(emu, path)).status).toBe(200)
    expect((await metadataCredentials(emu)).status).toBe(200)
    // A token sent must still be a valid one.
    expect((await metadataGet(emu, path, 'forged-token')).status).toBe(401)
  })

  it('refuses expired tokens, and tokens expired on purpose', async () => {
    const emu = await emulate({ metadata: {} })
    const path = `${CREDENTIALS_PATH}EcsRamRoleForCI`
    const shortLived = (await metadataToken(emu, '1')).text
    const fresh = (await metadataToken(emu)).text
    expect((await metadataGet(emu, path, shortLived)).status).toBe(200)
    await sleep(1050)
    expect((await metadataGet(emu, path, shortLived)).status).toBe(401)
    expect((await metadataGet(emu, path, fresh)).status).toBe(200)
    emu.expireMetadataTokens()
    expect((await metadataGet(emu, path, fresh)).status).toBe(401)
  })

  it.each([['0'], ['21601'], ['1.5'], ['soon']])('refuses a token TTL of %s', async ttl => {
    const emu = await emulate({ metadata: {} })
    expect((await metadataToken(emu, ttl)).status).toBe(400)
  })

  it('answers 404 for another role, and 503 while credentials are unavailable', async () => {
    const emu = await emulate({ metadata: { roleName: 'RunnerRole' } })
    expect((await metadataCredentials(emu, 'EcsRamRoleForCI')).status).toBe(404)
    emu.setMetadata({ unavailable: true })
    expect((await metadataCredentials(emu, 'RunnerRole')).status).toBe(503)
    emu.setMetadata({ unavailable: false })
    expect((await metadataCredentials(emu, 'RunnerRole')).status).toBe(200)
  })

  it('serves one set until it is past half its life, then a new one; each works until it expires', async () => {
    const emu = await emulate({ metadata: { credentialLifetimeMs: 4000 } })
    const read = async () =>
      JSON.parse((await metadataCredentials(emu)).text) as Record<string, string>
    const first = await read()
    expect((await read()).AccessKeyId).toBe(first.AccessKeyId)
    // Stated to the second, the set lasts more than 3 s: past half its life at 2 s, alive at 2.1 s.
    await sleep(2100)
    const second = await read()
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId)
    expect((await readSnapshot(emu, callerOf(first))).status).toBe(200)
    await sleep(Date.parse(first.Expiration!) - Date.now() + 50)
    expect(refusal(await readSnapshot(emu, callerOf(first)))).toEqual([
      400,
      'InvalidSecurityToken.Expired',
      'Specified SecurityToken is expired.'
    ])
    expect(emu.issued.credentials).toHaveLength(2)
  })

  it('delays every answer, like an address that does not answer in time', async () => {
    const emu = await emulate({ metadata: { delayMs: 400 } })
    const url = `${emu.metadataUrl}/latest/api/token`
    const headers = { 'X-aliyun-ecs-metadata-token-ttl-seconds': '60' }
    await expect(plain(url, { method: 'PUT', headers, timeoutMs: 100 })).rejects.toThrow()
    const started = Date.now()
    expect((await plain(url, { method: 'PUT', headers })).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(380)
    emu.setMetadata({ delayMs: 0 })
    const quick = Date.now()
    await metadataToken(emu)
    expect(Date.now() - quick).toBeLessThan(300)
  })

  it('runs only when asked for, and closes with the emulator', async () => {
    const without = await emulate()
    expect(without.metadataUrl).toBeUndefined()
    expect(() => without.setMetadata({ hardened: false })).toThrow(/metadata/)
    const emu = await startTestEmulator({ metadata: {} })
    await emu.close()
    await expect(metadataToken(emu)).rejects.toThrow()
  })
})

/** An AssumeRole signed with V1, POSTed as the official library sends it. */
async function assumeRoleV1(
  emu: Emulator,
  caller: Caller,
  params: Record<string, string> = {},
  overrides: Record<string, string> = {}
) {
  const body = { RoleArn: ROLE, RoleSessionName: 'runner-1', ...params }
  const signed = signV1('POST', { Action: 'AssumeRole', ...body }, caller, overrides)
  return sendV1(emu.url, 'POST', signed, Object.keys(body))
}

/** An AssumeRole signed with V3: RPC parameters in the query, the action in headers. */
function assumeRoleV3(emu: Emulator, caller: Caller, params: Record<string, string> = {}) {
  return signedGet(emu.url, {
    path: '/',
    action: 'AssumeRole',
    version: '2015-04-01',
    caller,
    query: { RoleArn: ROLE, RoleSessionName: 'runner-1', ...params }
  })
}

function expectAssumed(answer: Answer, sessionName = 'runner-1') {
  expect(answer.status).toBe(200)
  expect(answer.json).toEqual({
    RequestId: answer.headers['x-acs-request-id'],
    AssumedRoleUser: {
      Arn: `${ACCOUNT}:assumed-role/ci-deploy/${sessionName}`,
      AssumedRoleId: expect.stringMatching(new RegExp(`^123456789012\\w+:${sessionName}$`))
    },
    Credentials: {
      AccessKeyId: expect.stringMatching(/^STS\./),
      AccessKeySecret: expect.any(String),
      SecurityToken: expect.stringMatching(/^CAIS/),
      Expiration: expect.stringMatching(ISO_SECONDS)
    }
  })
  return callerOf(answer.json.Credentials as Record<string, unknown>)
}

describe('STS AssumeRole', () => {
  it('accepts the official RAMRoleARNCredentialsProvider (V1), whose credentials PAI-DSW accepts', async () => {
    const emu = await emulate({
      oidc: { roles: [{ arn: ROLE, externalId: 'ext-42', maxSessionDurationSeconds: 7200 }] }
    })
    const host = new URL(emu.url).host
    const assume = (base: Caller) =>
      libraryProvider(
        'RAMRoleARNCredentialsProvider',
        {
          CredentialsProvider: staticProvider(base),
          RoleArn: ROLE,
          RoleSessionName: 'runner-lib',
          ExternalId: 'ext-42',
          DurationSeconds: 7200,
          StsEndpoint: host
        },
        host
      ).getCredentials()
    const first = fromLibrary(await assume(KEY))
    expect((await readSnapshot(emu, first)).status).toBe(200)
    // Role chaining: credentials STS issued sign with their SecurityToken.
    const chained = fromLibrary(await assume(first))
    expect((await readSnapshot(emu, chained)).status).toBe(200)

    const calls = emu.requests.filter(r => r.action === 'AssumeRole')
    expect(calls.map(r => [r.method, r.statusCode, r.query.SignatureVersion])).toEqual([
      ['POST', 200, '1.0'],
      ['POST', 200, '1.0']
    ])
    expect(calls[1]?.query.SecurityToken).toBe(first.securityToken)
    expect(calls[0]?.body).toContain('RoleArn=')
    const expiration = Date.parse(emu.issued.credentials[0]!.expiration!)
    expect(expiration - Date.now()).toBeGreaterThan(7200_000 - 5000)
    expect(emu.secrets()).toEqual(
      expect.arrayContaining([first.accessKeySecret, chained.securityToken])
    )
  })

  it('tells the official library its secret is wrong: the strings to sign agree', async () => {
    const emu = await emulate()
    const host = new URL(emu.url).host
    const provider = libraryProvider(
      'RAMRoleARNCredentialsProvider',
      {
        CredentialsProvider: staticProvider({ ...KEY, accessKeySecret: 'not-the-secret' }),
        RoleArn: ROLE,
        StsEndpoint: host
      },
      host
    )
    await expect(provider.getCredentials()).rejects.toThrow('the access key secret is invalid')
    expect(emu.requests[0]).toMatchObject({ statusCode: 400, code: 'SignatureDoesNotMatch' })
  })

  it('accepts V1 by GET and by POST, and V3, with a key or with issued credentials', async () => {
    const emu = await emulate()
    const byPost = expectAssumed(await assumeRoleV1(emu, KEY))
    const signed = signV1(
      'GET',
      { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'g-1' },
      byPost
    )
    const byGet = expectAssumed(await sendV1(emu.url, 'GET', signed), 'g-1')
    const byV3 = expectAssumed(await assumeRoleV3(emu, byGet))
    expectAssumed(await assumeRoleV3(emu, OTHER_KEY))
    expect((await readSnapshot(emu, byV3)).status).toBe(200)
    expect(emu.issued.credentials.map(c => c.accessKeyId)).toEqual([
      byPost.accessKeyId,
      byGet.accessKeyId,
      byV3.accessKeyId,
      expect.stringMatching(/^STS\./)
    ])
  })

  it('refuses a wrong signature, V1 or V3, with SignatureDoesNotMatch', async () => {
    const emu = await emulate()
    const wrong = { ...KEY, accessKeySecret: 'not-the-secret' }
    const v1 = await assumeRoleV1(emu, wrong)
    expect([v1.status, v1.json.Code]).toEqual([400, 'SignatureDoesNotMatch'])
    expect(v1.json.Message).toMatch(/server string to sign is:POST&%2F&AccessKeyId%3D/)
    const v3 = await assumeRoleV3(emu, wrong)
    expect([v3.status, v3.json.Code]).toEqual([400, 'SignatureDoesNotMatch'])
    // A parameter changed after signing.
    const signed = signV1(
      'GET',
      { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'x-1' },
      KEY
    )
    const altered = await sendV1(emu.url, 'GET', { ...signed, RoleSessionName: 'x-2' })
    expect(altered.json.Code).toBe('SignatureDoesNotMatch')
    expect(emu.issued.credentials).toHaveLength(0)
  })

  it('refuses unknown keys, wrong or expired tokens, stale timestamps and reused nonces', async () => {
    const emu = await emulate({ oidc: { roles: [{ arn: ROLE, credentialLifetimeMs: 1000 }] } })
    const unknown = await assumeRoleV1(emu, { accessKeyId: 'LTAI-nobody', accessKeySecret: 'x' })
    expect(refusal(unknown)).toEqual([404, 'InvalidAccessKeyId.NotFound', expect.any(String)])
    const issued = expectAssumed(await assumeRoleV1(emu, KEY))
    const stolen = await assumeRoleV1(emu, { ...issued, securityToken: 'CAIS-stolen' })
    expect(stolen.json.Code).toBe('InvalidSecurityToken.Mismatch')
    const stale = await assumeRoleV1(
      emu,
      KEY,
      {},
      {
        Timestamp: acsDate(new Date(Date.now() - 16 * 60_000))
      }
    )
    expect(stale.json.Code).toBe('InvalidTimeStamp.Expired')
    const nonce = { SignatureNonce: 'nonce-once' }
    expect((await assumeRoleV1(emu, KEY, {}, nonce)).status).toBe(200)
    expect((await assumeRoleV1(emu, KEY, {}, nonce)).json.Code).toBe('SignatureNonceUsed')
    await sleep(1100)
    const expired = await assumeRoleV1(emu, issued)
    expect(refusal(expired)).toEqual([
      400,
      'InvalidSecurityToken.Expired',
      'Specified SecurityToken is expired.'
    ])
  })

  it('lets only the keys a role names assume it', async () => {
    const emu = await emulate({
      oidc: { roles: [{ arn: ROLE, assumableBy: [OTHER_KEY.accessKeyId] }] }
    })
    const refused = await assumeRoleV1(emu, KEY)
    expect(refusal(refused)).toEqual([
      403,
      'NoPermission',
      'You are not authorized to do this action. You should be authorized by RAM.'
    ])
    expect(refusal(await assumeRoleV3(emu, KEY))[1]).toBe('NoPermission')
    expectAssumed(await assumeRoleV1(emu, OTHER_KEY))
  })

  it("demands the role's ExternalId", async () => {
    const emu = await emulate({ oidc: { roles: [{ arn: ROLE, externalId: 'ext-42' }] } })
    expect(refusal(await assumeRoleV1(emu, KEY))[1]).toBe('NoPermission')
    const wrong = await assumeRoleV1(emu, KEY, { ExternalId: 'ext-41' })
    expect([wrong.status, wrong.json.Code]).toEqual([403, 'NoPermission'])
    expectAssumed(await assumeRoleV1(emu, KEY, { ExternalId: 'ext-42' }))
  })

  it.each([
    ['899', 'The Min/Max value of DurationSeconds is 15min/2hr.'],
    ['7201', 'The Min/Max value of DurationSeconds is 15min/2hr.'],
    ['one hour', 'The Min/Max value of DurationSeconds is 15min/2hr.']
  ])('refuses DurationSeconds %s', async (duration, message) => {
    const emu = await emulate({ oidc: { roles: [{ arn: ROLE, maxSessionDurationSeconds: 7200 }] } })
    const answer = await assumeRoleV1(emu, KEY, { DurationSeconds: duration })
    expect(refusal(answer)).toEqual([400, 'InvalidParameter.DurationSeconds', message])
  })

  it('lasts DurationSeconds, from 900 up to the role maximum', async () => {
    const emu = await emulate({ oidc: { roles: [{ arn: ROLE, maxSessionDurationSeconds: 7200 }] } })
    for (const seconds of [900, 7200]) {
      const answer = await assumeRoleV3(emu, KEY, { DurationSeconds: String(seconds) })
      const expiration = Date.parse((answer.json.Credentials as Record<string, string>).Expiration!)
      expect(expiration - Date.now()).toBeGreaterThan(seconds * 1000 - 5000)
      expect(expiration - Date.now()).toBeLessThanOrEqual(seconds * 1000)
    }
  })

  it.each([
    [{ RoleArn: '' }, 400, 'MissingParameter'],
    [{ RoleSessionName: '' }, 400, 'MissingParameter'],
    [{ RoleSessionName: 'no spaces' }, 400, 'InvalidParameter.RoleSessionName'],
    [{ RoleArn: `${ACCOUNT}:role/missing` }, 404, 'EntityNotExist.Role']
  ])('refuses %j', async (params, status, code) => {
    const emu = await emulate()
    const answer = await assumeRoleV1(emu, KEY, params)
    expect([answer.status, answer.json.Code]).toEqual([status, code])
  })
})

describe('RRSA-style OIDC tokens', () => {
  const ISSUER = 'https://oidc-ack-cn-shanghai.oss-cn-shanghai.aliyuncs.com/c-runners'
  const PROVIDER = `${ACCOUNT}:oidc-provider/ack-rrsa-c-runners`
  const RRSA = {
    providers: [{ arn: PROVIDER, issuer: ISSUER }],
    roles: [
      { arn: ROLE, providerArn: PROVIDER, subject: 'system:serviceaccount:ci:*' },
      { arn: `${ROLE}-other`, providerArn: PROVIDER, subject: 'system:serviceaccount:prod:*' }
    ]
  }

  async function assumeWithOidc(emu: Emulator, token: string, roleArn = ROLE) {
    const query = new URLSearchParams({
      Action: 'AssumeRoleWithOIDC',
      Version: '2015-04-01',
      Format: 'JSON',
      Timestamp: acsDate(new Date())
    })
    const response = await request(`${emu.url}/?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        OIDCProviderArn: PROVIDER,
        RoleArn: roleArn,
        OIDCToken: token,
        RoleSessionName: 'rrsa-1'
      }).toString()
    })
    const text = await response.body.text()
    return { status: response.statusCode, json: JSON.parse(text) as Record<string, unknown> }
  }

  it("issues tokens that AssumeRoleWithOIDC accepts for a provider with the token's issuer", async () => {
    const emu = await emulate({ oidc: RRSA })
    const token = emu.issueOidcToken({ issuer: ISSUER, subject: 'system:serviceaccount:ci:runner' })
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'))
    expect(claims).toMatchObject({
      iss: ISSUER,
      sub: 'system:serviceaccount:ci:runner',
      aud: 'sts.aliyuncs.com'
    })
    expect(claims.exp - claims.iat).toBe(3600)
    expect(emu.secrets()).toContain(token)
    const { status, json } = await assumeWithOidc(emu, token)
    expect(status).toBe(200)
    expect(json.OIDCTokenInfo).toMatchObject({ Issuer: ISSUER })
    const caller = callerOf(json.Credentials as Record<string, unknown>)
    expect((await readSnapshot(emu, caller)).status).toBe(200)
    // The subject must be one the role trusts.
    expect((await assumeWithOidc(emu, token, `${ROLE}-other`)).json.Code).toBe(
      'AuthenticationFail.NoPermission'
    )
  })

  it('serves the official OIDCRoleArnCredentialsProvider from a token file', async () => {
    const emu = await emulate({ oidc: RRSA })
    const file = join(mkdtempSync(join(tmpdir(), 'rrsa-')), 'token')
    writeFileSync(file, emu.issueOidcToken({ issuer: ISSUER }))
    const host = new URL(emu.url).host
    const provider = libraryProvider(
      'OIDCRoleArnCredentialsProvider',
      {
        OIDCProviderArn: PROVIDER,
        OIDCTokenFilePath: file,
        RoleArn: ROLE,
        RoleSessionName: 'rrsa-lib',
        StsEndpoint: host
      },
      host
    )
    const credentials = fromLibrary(await provider.getCredentials())
    expect((await readSnapshot(emu, credentials)).status).toBe(200)
  })

  it('refuses a token from another issuer', async () => {
    const emu = await emulate({ oidc: RRSA })
    const token = emu.issueOidcToken({ issuer: 'https://oidc-ack.example/c-elsewhere' })
    const answer = await assumeWithOidc(emu, token)
    expect([answer.status, answer.json.Code]).toEqual([
      401,
      'AuthenticationFail.OIDCToken.IssuerNotMatch'
    ])
    const expired = await assumeWithOidc(emu, emu.issueOidcToken({ issuer: ISSUER, lifetimeMs: 0 }))
    expect(expired.json.Code).toBe('AuthenticationFail.OIDCToken.Expired')
    expect(emu.issued.credentials).toHaveLength(0)
  })
})

describe('the credentials URI', () => {
  it('hands out credentials that PAI-DSW accepts, also to the official URICredentialsProvider', async () => {
    const emu = await emulate({ credentialsUri: {} })
    expect(emu.credentialsUri).toBe(`${emu.url}/credentials-uri`)
    const answer = await plain(emu.credentialsUri!)
    expect(answer.status).toBe(200)
    const body = JSON.parse(answer.text) as Record<string, string>
    expect(body).toEqual({
      Code: 'Success',
      AccessKeyId: expect.stringMatching(/^STS\./),
      AccessKeySecret: expect.any(String),
      SecurityToken: expect.stringMatching(/^CAIS/),
      Expiration: expect.stringMatching(ISO_SECONDS)
    })
    expect((await readSnapshot(emu, callerOf(body))).status).toBe(200)
    expect(emu.secrets()).toEqual(
      expect.arrayContaining([body.AccessKeySecret, body.SecurityToken])
    )

    const provider = libraryProvider('URICredentialsProvider', {
      CredentialsURI: emu.credentialsUri
    })
    expect((await provider.getCredentials()).accessKeyId).toBe(body.AccessKeyId)
  })

  it("fails with Code 'Failed' or with HTTP 500, as told", async () => {
    const emu = await emulate({ credentialsUri: { path: '/creds', failure: 'code' } })
    expect(emu.credentialsUri).toBe(`${emu.url}/creds`)
    const byCode = await plain(emu.credentialsUri!)
    expect(byCode.status).toBe(200)
    expect(JSON.parse(byCode.text)).toMatchObject({ Code: 'Failed' })
    expect(JSON.parse(byCode.text)).not.toHaveProperty('AccessKeyId')
    emu.setCredentialsUri({ failure: 'http' })
    expect((await plain(emu.credentialsUri!)).status).toBe(500)
    emu.setCredentialsUri({ failure: undefined })
    expect(JSON.parse((await plain(emu.credentialsUri!)).text).Code).toBe('Success')
    expect(emu.issued.credentials).toHaveLength(1)
  })

  it('answers late when told to, and is served only once configured', async () => {
    const emu = await emulate()
    expect(emu.credentialsUri).toBeUndefined()
    emu.setCredentialsUri({ delayMs: 400 })
    const started = Date.now()
    expect((await plain(emu.credentialsUri!)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(380)
    await expect(plain(emu.credentialsUri!, { timeoutMs: 100 })).rejects.toThrow()
  })
})
