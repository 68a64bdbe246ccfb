import { describe, expect, it } from '@jest/globals'
import {
  type CredentialProviderDeps,
  RENEW_BEFORE_EXPIRY_MS,
  createCredentialProvider,
  renewalMarginMs
} from '../../src/credentials/provider.js'
import type { CredentialSource } from '../../src/credentials/source.js'
import { CredentialsError } from '../../src/errors.js'
import type { HttpResponse } from '../../src/http/transport.js'
import { fakeTransport, jsonResponse } from '../helpers/fake-transport.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

const HOUR = 3_600_000
const MINUTE = 60_000
const START = Date.parse('2024-01-01T00:00:00Z')
const ROLE = 'acs:ram::123456789012:role/github-deploy'
const OIDC: CredentialSource = {
  kind: 'oidc',
  role: {
    roleArn: ROLE,
    oidcProviderArn: 'acs:ram::123456789012:oidc-provider/GitHub',
    audience: 'sts.aliyuncs.com',
    roleSessionName: 'gha-octo-org.deploy-4242',
    durationSeconds: 3600,
    stsEndpoint: { protocol: 'https', host: 'sts.aliyuncs.com', origin: 'https://sts.aliyuncs.com' }
  }
}
const ID_TOKEN_ENV = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/idtoken?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

interface Setup {
  /** How long each issued session lasts. */
  lifetimeMs?: number
  /** How far the STS clock is ahead of the runner's. */
  serverAheadMs?: number
  /** What STS answers instead of issuing credentials, by call number (from 1). */
  failOn?: Record<number, HttpResponse | Error>
  env?: Record<string, string>
  getIDToken?: (audience: string) => Promise<string>
}

function oidcProvider(setup: Setup = {}) {
  const clock = new VirtualClock(START)
  const lifetimeMs = setup.lifetimeMs ?? HOUR
  const serverAheadMs = setup.serverAheadMs ?? 0
  let issued = 0
  const { transport, sent } = fakeTransport(() => {
    const failure = setup.failOn?.[sent.length]
    if (failure) return failure
    issued++
    const serverNow = clock.now() + serverAheadMs
    return jsonResponse(
      200,
      {
        RequestId: `R${issued}`,
        Credentials: {
          AccessKeyId: `STS.key${issued}`,
          AccessKeySecret: `secret${issued}`,
          SecurityToken: `token${issued}`,
          Expiration: iso(serverNow + lifetimeMs)
        }
      },
      { date: new Date(serverNow).toUTCString() }
    )
  })
  const audiences: string[] = []
  const masked: string[] = []
  const logs: string[] = []
  const deps: CredentialProviderDeps = {
    transport,
    metadataTransport: transport,
    clock,
    getIDToken:
      setup.getIDToken ??
      (async audience => {
        audiences.push(audience)
        return `id-token-${audiences.length}`
      }),
    env: setup.env ?? { ...ID_TOKEN_ENV, GITHUB_REPOSITORY: 'octo-org/deploy' },
    maskSecret: secret => masked.push(secret),
    requestTimeoutMs: 30_000,
    log: {
      info: message => logs.push(`info: ${message}`),
      warning: message => logs.push(`warning: ${message}`)
    }
  }
  const provider = createCredentialProvider(OIDC, deps)
  const keyId = async () => (await provider.get()).accessKeyId
  return { provider, keyId, clock, sent, audiences, masked, logs }
}

describe('renewalMarginMs', () => {
  it('is five minutes, or half of a shorter session', () => {
    expect(renewalMarginMs(HOUR)).toBe(RENEW_BEFORE_EXPIRY_MS)
    expect(RENEW_BEFORE_EXPIRY_MS).toBe(5 * MINUTE)
    expect(renewalMarginMs(15 * MINUTE)).toBe(5 * MINUTE)
    expect(renewalMarginMs(4 * MINUTE)).toBe(2 * MINUTE)
    expect(renewalMarginMs(3000)).toBe(1500)
  })
})

describe('static credentials', () => {
  it('are handed out as they are, with no request', async () => {
    const { transport, sent } = fakeTransport(() => new Error('unexpected'))
    const credentials = { accessKeyId: 'AKID', accessKeySecret: 'secret' }
    const provider = createCredentialProvider({ kind: 'inputs', credentials }, {
      transport
    } as CredentialProviderDeps)
    expect(await provider.get()).toBe(credentials)
    expect(provider.description).toBe('AccessKey from the inputs')
    expect(sent).toHaveLength(0)
  })
})

describe('credentials from GitHub OIDC', () => {
  it('assumes the role once with an ID token for the audience, and masks every secret', async () => {
    const { provider, sent, audiences, masked, logs } = oidcProvider()
    expect(await provider.get()).toEqual({
      accessKeyId: 'STS.key1',
      accessKeySecret: 'secret1',
      securityToken: 'token1'
    })
    expect(await provider.get()).toMatchObject({ accessKeyId: 'STS.key1' })
    expect(audiences).toEqual(['sts.aliyuncs.com'])
    expect(sent).toHaveLength(1)
    expect(new URLSearchParams(sent[0]!.body).get('OIDCToken')).toBe('id-token-1')
    expect(masked).toEqual(['id-token-1', 'secret1', 'token1'])
    expect(logs).toEqual([`info: Assumed ${ROLE}: valid for 1h (until 2024-01-01T01:00:00Z)`])
  })

  it('assumes the role again, with a fresh ID token, 5 minutes before a 1-hour session ends', async () => {
    const { keyId, clock, audiences, logs } = oidcProvider()
    expect(await keyId()).toBe('STS.key1')
    clock.time = START + 55 * MINUTE - 1
    expect(await keyId()).toBe('STS.key1')
    clock.time = START + 55 * MINUTE
    expect(await keyId()).toBe('STS.key2')
    expect(audiences).toHaveLength(2)
    expect(logs.at(-1)).toBe(
      `info: Renewed the credentials of ${ROLE}: valid for 1h (until 2024-01-01T01:55:00Z)`
    )
    clock.time = START + 110 * MINUTE
    expect(await keyId()).toBe('STS.key3')
  })

  it('renews a short session at half its life', async () => {
    const { keyId, clock } = oidcProvider({ lifetimeMs: 3 * MINUTE })
    expect(await keyId()).toBe('STS.key1')
    clock.time += 90_000 - 1
    expect(await keyId()).toBe('STS.key1')
    clock.time += 1
    expect(await keyId()).toBe('STS.key2')
  })

  it.each([
    ['3 s', 3000],
    ['already over', -HOUR]
  ])('never asks again within a minute, however short the session (%s)', async (_, lifetimeMs) => {
    const { keyId, clock, sent, logs } = oidcProvider({ lifetimeMs })
    expect(await keyId()).toBe('STS.key1')
    expect(logs.filter(line => line.startsWith('warning: '))).toEqual([
      expect.stringMatching(
        new RegExp(`^warning: The credentials of ${ROLE} are valid for less than a minute`)
      )
    ])
    for (let i = 0; i < 5; i++) {
      clock.time += 11_999
      expect(await keyId()).toBe('STS.key1')
    }
    expect(sent).toHaveLength(1)
    clock.time = START + MINUTE
    expect(await keyId()).toBe('STS.key2')
    expect(sent).toHaveLength(2)
  })

  it('warns, saying until when, about a session of less than a minute, and not of one', async () => {
    const warnings = async (lifetimeMs: number) => {
      const { keyId, logs } = oidcProvider({ lifetimeMs })
      await keyId()
      return logs.filter(line => line.startsWith('warning: '))
    }
    expect(await warnings(MINUTE - 1000)).toEqual([
      `warning: The credentials of ${ROLE} are valid for less than a minute (until ` +
        '2024-01-01T00:00:59Z); they are not asked for again within a minute'
    ])
    expect(await warnings(MINUTE)).toEqual([])
  })

  it("measures the session on the server's clock, so a runner clock that is off does not matter", async () => {
    // The runner's clock is 10 minutes behind STS: by its own clock the session seems to end at
    // 01:10, but it lasts an hour from now all the same.
    const { keyId, clock } = oidcProvider({ serverAheadMs: 10 * MINUTE })
    expect(await keyId()).toBe('STS.key1')
    clock.time = START + 55 * MINUTE
    expect(await keyId()).toBe('STS.key2')
  })

  it('shares one renewal between callers that ask at the same time', async () => {
    const { provider, sent } = oidcProvider()
    const [a, b] = await Promise.all([provider.get(), provider.get()])
    expect(a).toBe(b)
    expect(sent).toHaveLength(1)
  })

  it('goes on with the current credentials when a renewal fails before they expire', async () => {
    const denied = jsonResponse(401, {
      RequestId: 'R-denied',
      Code: 'AuthenticationFail.NoPermission',
      Message: 'There is no permission'
    })
    const { keyId, clock, logs } = oidcProvider({ failOn: { 2: denied, 3: denied } })
    expect(await keyId()).toBe('STS.key1')
    clock.time = START + 56 * MINUTE
    expect(await keyId()).toBe('STS.key1')
    expect(logs.at(-1)).toMatch(
      new RegExp(
        `^warning: Could not renew the credentials of ${ROLE}: AssumeRoleWithOIDC .* failed: ` +
          'There is no permission .*Going on with the current ones, which expire in 4m$'
      )
    )
    // Every later call tries again, until STS issues.
    clock.time = START + 57 * MINUTE
    expect(await keyId()).toBe('STS.key1')
    clock.time = START + 58 * MINUTE
    expect(await keyId()).toBe('STS.key2')
  })

  it('fails once the credentials have expired and no renewal works', async () => {
    const denied = jsonResponse(401, { Code: 'AuthenticationFail.NoPermission', Message: 'no' })
    const { keyId, clock } = oidcProvider({ failOn: { 2: denied } })
    expect(await keyId()).toBe('STS.key1')
    clock.time = START + HOUR
    await expect(keyId()).rejects.toThrow('Code: AuthenticationFail.NoPermission')
  })

  it('says which permission is missing when the runner offers no ID token', async () => {
    const { provider, sent } = oidcProvider({ env: {} })
    const error = await provider.get().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CredentialsError)
    expect((error as Error).message).toContain("give the job 'permissions: id-token: write'")
    expect(sent).toHaveLength(0)
  })

  it('keeps a failure to get the ID token on one line', async () => {
    const { provider } = oidcProvider({
      getIDToken: async () => {
        throw new Error('Error message: Failed to get ID Token. \n \n Error Code : 500\n')
      }
    })
    await expect(provider.get()).rejects.toThrow(
      'Could not get a GitHub OIDC token for audience sts.aliyuncs.com: Error message: Failed to get ID Token. Error Code : 500'
    )
  })
})
