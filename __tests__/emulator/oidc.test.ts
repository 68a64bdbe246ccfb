import { describe, expect, it } from '@jest/globals'
import { request } from 'undici'
import { type Emulator, emulatorPerTest } from '../helpers/emulator-per-test.js'
import { acsDate, signedGet, sleep, snapshotPath } from './signed-request.js'

const PROVIDER = 'acs:ram::123456789012:oidc-provider/GitHub'
const ROLE = 'acs:ram::123456789012:role/github-deploy'
const OIDC = {
  providers: [{ arn: PROVIDER }],
  roles: [{ arn: ROLE, providerArn: PROVIDER, subject: 'repo:octo-org/deploy:*' }]
}
const SNAPSHOT = { instanceId: 'dsw-1', snapshotId: 'snp-1', timeline: [{ status: 'Saved' }] }

const startTestEmulator = emulatorPerTest()
const emulate = (oidc: object = OIDC) => startTestEmulator({ oidc, snapshots: [SNAPSHOT] })

async function answerOf(response: Awaited<ReturnType<typeof request>>) {
  const text = await response.body.text()
  return { status: response.statusCode, json: JSON.parse(text) as Record<string, unknown> }
}

/** What @actions/core's getIDToken sends: the runner's URL plus `&audience=`, with the bearer. */
async function fetchIdToken(emu: Emulator, audience?: string, bearer?: string) {
  const env = emu.idTokenRequestEnv
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL + (audience ? `&audience=${audience}` : '')
  const token = bearer ?? env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  return answerOf(await request(url, { headers: { authorization: `Bearer ${token}` } }))
}

async function idToken(emu: Emulator, audience = 'sts.aliyuncs.com'): Promise<string> {
  return (await fetchIdToken(emu, audience)).json.value as string
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'))

async function assume(emu: Emulator, body: Record<string, string>, query = {}) {
  const common = {
    Action: 'AssumeRoleWithOIDC',
    Version: '2015-04-01',
    Format: 'JSON',
    Timestamp: acsDate(new Date()),
    ...query
  }
  const response = await request(`${emu.url}/?${new URLSearchParams(common)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString()
  })
  return answerOf(response)
}

async function assumeWithToken(emu: Emulator, overrides: Record<string, string> = {}) {
  return assume(emu, {
    OIDCProviderArn: PROVIDER,
    RoleArn: ROLE,
    OIDCToken: await idToken(emu),
    RoleSessionName: 'gha-octo-org.deploy-1',
    ...overrides
  })
}

describe('the GitHub ID-token stand-in', () => {
  it('issues a JWT for the audience asked, to the bearer of the request token only', async () => {
    const emu = await emulate()
    const { status, json } = await fetchIdToken(emu, 'sts.aliyuncs.com')
    expect(status).toBe(200)
    const token = json.value as string
    expect(token.split('.')).toHaveLength(3)
    const claims = claimsOf(token)
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:octo-org/deploy:ref:refs/heads/main',
      aud: 'sts.aliyuncs.com'
    })
    expect(claims.exp - claims.iat).toBe(300)
    expect(emu.issued.idTokens).toEqual([token])

    expect((await fetchIdToken(emu, 'sts.aliyuncs.com', 'wrong')).status).toBe(401)
    expect(emu.issued.idTokens).toHaveLength(1)
  })

  it("defaults the audience to the repository owner's URL, as GitHub does", async () => {
    const emu = await emulate()
    const { json } = await fetchIdToken(emu)
    expect(claimsOf(json.value as string).aud).toBe('https://github.com/octo-org')
  })
})

describe('the STS stand-in', () => {
  it('issues credentials that PAI-DSW accepts until they expire', async () => {
    const emu = await emulate({ ...OIDC, credentialLifetimeMs: 1500 })
    const before = Date.now()
    const { status, json } = await assumeWithToken(emu)
    expect(status).toBe(200)
    const credentials = json.Credentials as Record<string, string>
    expect(json).toMatchObject({
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      AssumedRoleUser: {
        Arn: 'acs:ram::123456789012:assumed-role/github-deploy/gha-octo-org.deploy-1'
      },
      OIDCTokenInfo: { Subject: 'repo:octo-org/deploy:ref:refs/heads/main' }
    })
    expect(credentials.AccessKeyId).toMatch(/^STS\./)
    expect(credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const expiresAt = Date.parse(credentials.Expiration!)
    expect(expiresAt).toBeGreaterThan(before)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 1500)
    expect(emu.issued.credentials).toEqual([
      {
        accessKeyId: credentials.AccessKeyId,
        accessKeySecret: credentials.AccessKeySecret,
        securityToken: credentials.SecurityToken,
        expiration: new Date(expiresAt).toISOString()
      }
    ])
    expect(emu.secrets()).toEqual(
      expect.arrayContaining([credentials.AccessKeySecret, credentials.SecurityToken])
    )

    const caller = {
      accessKeyId: credentials.AccessKeyId!,
      accessKeySecret: credentials.AccessKeySecret!,
      securityToken: credentials.SecurityToken!
    }
    const read = () =>
      signedGet(emu.url, {
        path: snapshotPath('dsw-1', 'snp-1'),
        action: 'GetInstanceSnapshot',
        caller
      })
    expect((await read()).status).toBe(200)
    await sleep(expiresAt - Date.now() + 50)
    const expired = await read()
    expect([expired.status, expired.json.Code]).toEqual([400, 'InvalidSecurityToken.Expired'])
  })

  it('lasts DurationSeconds unless told otherwise, up to the role maximum', async () => {
    const emu = await emulate({
      ...OIDC,
      roles: [{ ...OIDC.roles[0], maxSessionDurationSeconds: 7200 }]
    })
    const { json } = await assumeWithToken(emu, { DurationSeconds: '7200' })
    const expiration = Date.parse((json.Credentials as Record<string, string>).Expiration!)
    expect(expiration - Date.now()).toBeGreaterThan(7199_000 - 2000)
    const tooLong = await assumeWithToken(emu, { DurationSeconds: '7201' })
    expect([tooLong.status, tooLong.json.Code, tooLong.json.Message]).toEqual([
      400,
      'InvalidParameter.DurationSeconds',
      'The Min/Max value of DurationSeconds is 15min/2hr.'
    ])
  })

  it.each([
    [
      'an unknown provider',
      { OIDCProviderArn: 'acs:ram::123456789012:oidc-provider/Other' },
      401,
      'AuthenticationFail.NoPermission',
      'No such OIDC Provider registered.'
    ],
    [
      'an unknown role',
      { RoleArn: 'acs:ram::123456789012:role/missing' },
      404,
      'EntityNotExist.Role',
      'The role not exists: acs:ram::123456789012:role/missing.'
    ],
    [
      'a token that is not a JWT',
      { OIDCToken: 'not-a-jwt' },
      401,
      'AuthenticationFail.OIDCToken.Invalid',
      'The Jwt content is invalid that cannot be recognized.'
    ],
    [
      'a bad session name',
      { RoleSessionName: 'a' },
      400,
      'InvalidParameter.RoleSessionName',
      'The parameter RoleSessionName is wrongly formed.'
    ],
    [
      'a session shorter than 15 minutes',
      { DurationSeconds: '899' },
      400,
      'InvalidParameter.DurationSeconds',
      'The Min/Max value of DurationSeconds is 15min/1hr.'
    ],
    [
      'no role',
      { RoleArn: '' },
      400,
      'MissingParameter',
      'The input parameter "RoleArn" that is mandatory for processing this request is not supplied.'
    ]
  ])('refuses %s', async (_what, overrides, status, code, message) => {
    const emu = await emulate()
    const { json, ...answer } = await assumeWithToken(emu, overrides)
    expect([answer.status, json.Code, json.Message]).toEqual([status, code, message])
    expect(emu.issued.credentials).toHaveLength(0)
  })

  it('refuses an ID token another emulator issued, as a forgery', async () => {
    const emu = await emulate()
    const other = await emulate()
    const { json } = await assumeWithToken(emu, { OIDCToken: await idToken(other) })
    expect(json.Code).toBe('AuthenticationFail.OIDCToken.InvalidSignature')
  })

  it('refuses an expired ID token', async () => {
    const emu = await emulate({ ...OIDC, idTokenLifetimeMs: 0 })
    const { json } = await assumeWithToken(emu)
    expect([json.Code, json.Message]).toEqual([
      'AuthenticationFail.OIDCToken.Expired',
      'This JsonWebToken is expired.'
    ])
  })

  it("refuses an audience that is not one of the provider's client IDs", async () => {
    const emu = await emulate()
    const { json, status } = await assumeWithToken(emu, {
      OIDCToken: await idToken(emu, 'github-actions')
    })
    expect([status, json.Code, json.Message]).toEqual([
      401,
      'AuthenticationFail.OIDCToken.AudienceNotMatch',
      'Invalid audience.'
    ])
  })

  it("refuses a subject, or a provider, that the role's trust policy does not name", async () => {
    const emu = await emulate({
      providers: [{ arn: PROVIDER }, { arn: `${PROVIDER}2` }],
      roles: [
        { arn: ROLE, providerArn: PROVIDER, subject: 'repo:octo-org/other:*' },
        { arn: `${ROLE}2`, providerArn: PROVIDER }
      ]
    })
    const wrongSubject = await assumeWithToken(emu)
    const wrongProvider = await assumeWithToken(emu, {
      RoleArn: `${ROLE}2`,
      OIDCProviderArn: `${PROVIDER}2`
    })
    for (const { status, json } of [wrongSubject, wrongProvider]) {
      expect([status, json.Code, json.Message]).toEqual([
        401,
        'AuthenticationFail.NoPermission',
        'There is no permission'
      ])
    }
    expect((await assumeWithToken(emu, { RoleArn: `${ROLE}2` })).status).toBe(200)
  })

  it('checks the action, the version and the timestamp', async () => {
    const emu = await emulate()
    const body = { OIDCProviderArn: PROVIDER, RoleArn: ROLE, OIDCToken: await idToken(emu) }
    const codes = await Promise.all(
      [
        { Action: 'AssumeRoleWithSAML' },
        { Version: '2022-01-01' },
        { Timestamp: acsDate(new Date(Date.now() - 16 * 60_000)) },
        { Timestamp: 'yesterday' }
      ].map(async query => (await assume(emu, body, query)).json.Code)
    )
    expect(codes).toEqual([
      'InvalidApi.NotFound',
      'InvalidVersion',
      'InvalidTimeStamp.Expired',
      'InvalidTimeStamp.Format'
    ])
  })

  it('records its calls under their action, so faults can target them', async () => {
    const emu = await startTestEmulator({
      oidc: OIDC,
      faults: [{ kind: 'error', action: 'AssumeRoleWithOIDC', httpStatus: 503 }]
    })
    expect((await assumeWithToken(emu)).status).toBe(503)
    expect((await assumeWithToken(emu)).status).toBe(200)
    const sts = emu.requests.filter(r => r.action === 'AssumeRoleWithOIDC')
    expect(sts.map(r => [r.method, r.path, r.statusCode, r.fault])).toEqual([
      ['POST', '/', 503, 'error'],
      ['POST', '/', 200, undefined]
    ])
  })
})
