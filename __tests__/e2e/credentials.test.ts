import { describe, expect, it } from '@jest/globals'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretLeaks } from '../helpers/secret-leaks.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { callsTo, errorLine, killWhen } from '../helpers/run-inspection.js'

// Every run has debug logging on, and its output is scanned for secrets after each test.
const { startEmulator, runAction } = secretScannedRuns()

const KEY = { accessKeyId: 'cred-key-id', accessKeySecret: 'cred-key-secret-0123456789' }
const STS_KEY = {
  accessKeyId: 'STS.cred-static',
  accessKeySecret: 'cred-sts-secret-0123456789',
  securityToken: 'cred-sts-token-0123456789'
}
const PROVIDER = 'acs:ram::123456789012:oidc-provider/GitHub'
const ROLE = 'acs:ram::123456789012:role/github-deploy'
const OIDC = {
  providers: [{ arn: PROVIDER }],
  roles: [{ arn: ROLE, providerArn: PROVIDER, subject: 'repo:octo-org/deploy:*' }]
}
const IDS = { 'instance-id': 'dsw-cred0001', 'snapshot-id': 'snp-cred0001' }
// Exact counts of the usual schedule: a history read (history-polling.test.ts) would add a
// request, and the emulator counts a listing page as a poll of each snapshot on it.
const FAST = {
  'poll-interval': '50ms',
  'max-poll-interval': '100ms',
  'request-timeout': '5s',
  'history-aware-polling': 'false'
}
const SAVED_AFTER_ONE_POLL = {
  instanceId: IDS['instance-id'],
  snapshotId: IDS['snapshot-id'],
  timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }]
}

/** By default the emulator knows the two static callers, the OIDC provider and the role. */
function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    credentials: [KEY, STS_KEY],
    oidc: OIDC,
    snapshots: [SAVED_AFTER_ONE_POLL],
    ...options
  })
}

const withEndpoint = (emu: Emulator, extra: Record<string, string> = {}) => ({
  ...IDS,
  endpoint: emu.url,
  ...FAST,
  ...extra
})
const withRole = (emu: Emulator, extra: Record<string, string> = {}) =>
  withEndpoint(emu, {
    'role-to-assume': ROLE,
    'oidc-provider-arn': PROVIDER,
    'sts-endpoint': emu.url,
    ...extra
  })

const dswCalls = (emu: Emulator) => emu.requests.filter(r => r.path.startsWith('/api/'))
const stsCalls = (emu: Emulator) => callsTo(emu, 'AssumeRoleWithOIDC')
const idTokenCalls = (emu: Emulator) => emu.requests.filter(r => r.path === '/_github/idtoken')

describe('static credentials', () => {
  it('signs with an AccessKey pair given as inputs', async () => {
    const emu = await emulate()
    const run = await runAction(
      withEndpoint(emu, {
        'access-key-id': KEY.accessKeyId,
        'access-key-secret': KEY.accessKeySecret
      })
    )
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('Credentials: AccessKey from the inputs\n')
    expect(dswCalls(emu).map(r => [r.accessKeyId, r.securityToken])).toEqual([
      [KEY.accessKeyId, undefined],
      [KEY.accessKeyId, undefined]
    ])
    expect(stsCalls(emu)).toHaveLength(0)
    expect(idTokenCalls(emu)).toHaveLength(0)
  })

  it('sends the STS security token given as an input', async () => {
    const emu = await emulate()
    const run = await runAction(
      withEndpoint(emu, {
        'access-key-id': STS_KEY.accessKeyId,
        'access-key-secret': STS_KEY.accessKeySecret,
        'security-token': STS_KEY.securityToken
      })
    )
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('Credentials: AccessKey from the inputs, with a security token')
    for (const call of dswCalls(emu)) {
      expect([call.accessKeyId, call.securityToken]).toEqual([
        STS_KEY.accessKeyId,
        STS_KEY.securityToken
      ])
    }
  })

  it.each([
    ['ALIBABA_CLOUD_*', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    ['ALIBABACLOUD_*', 'ALIBABACLOUD_ACCESS_KEY_ID', 'ALIBABACLOUD_ACCESS_KEY_SECRET'],
    ['ALICLOUD_*', 'ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY']
  ])(
    'with no credential inputs, uses the %s environment variables',
    async (family, keyId, keySecret) => {
      const emu = await emulate()
      const tokenName = keyId.replace(/ACCESS_KEY(_ID)?$/, 'SECURITY_TOKEN')
      const run = await runAction(withEndpoint(emu), {
        env: {
          [keyId]: STS_KEY.accessKeyId,
          [keySecret]: STS_KEY.accessKeySecret,
          [tokenName]: STS_KEY.securityToken
        }
      })
      expect(run.exitCode).toBe(0)
      expect(run.log).toContain(
        `Credentials: AccessKey from the ${family} environment variables, with a security token`
      )
      expect(dswCalls(emu).length).toBeGreaterThan(0)
      for (const call of dswCalls(emu)) {
        expect([call.accessKeyId, call.securityToken]).toEqual([
          STS_KEY.accessKeyId,
          STS_KEY.securityToken
        ])
      }
    }
  )

  it('runs after aliyun/configure-aliyun-credentials-action with no credential inputs', async () => {
    const emu = await emulate()
    // What that action exports: the same credentials under all three families of names.
    const exported = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: STS_KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS_KEY.accessKeySecret,
      ALIBABA_CLOUD_SECURITY_TOKEN: STS_KEY.securityToken,
      ALICLOUD_ACCESS_KEY: STS_KEY.accessKeyId,
      ALICLOUD_SECRET_KEY: STS_KEY.accessKeySecret,
      ALICLOUD_SECURITY_TOKEN: STS_KEY.securityToken,
      ALIBABACLOUD_ACCESS_KEY_ID: STS_KEY.accessKeyId,
      ALIBABACLOUD_ACCESS_KEY_SECRET: STS_KEY.accessKeySecret,
      ALIBABACLOUD_SECURITY_TOKEN: STS_KEY.securityToken
    }
    const run = await runAction(withEndpoint(emu), { env: exported })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('success')
    expect(dswCalls(emu).every(r => r.securityToken === STS_KEY.securityToken)).toBe(true)
  })

  it('prefers key inputs, then OIDC inputs, to the environment', async () => {
    const emu = await emulate()
    const stale = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'stale-key-id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'stale-key-secret-0123456789'
    }
    const keys = { 'access-key-id': KEY.accessKeyId, 'access-key-secret': KEY.accessKeySecret }
    const withKeys = await runAction(withEndpoint(emu, keys), { env: stale })
    expect(withKeys.exitCode).toBe(0)
    const withOidc = await runAction(withRole(emu), { env: { ...stale, ...emu.idTokenRequestEnv } })
    expect(withOidc.exitCode).toBe(0)
    const signers = new Set(dswCalls(emu).map(r => r.accessKeyId))
    expect(signers).toEqual(new Set([KEY.accessKeyId, emu.issued.credentials[0]!.accessKeyId]))
  })

  it('fails when a static security token expires mid-wait, saying so and what to do', async () => {
    const emu = await emulate({
      // Expired from the third request on: counted, not timed, so a slow runner changes nothing.
      credentials: [{ ...STS_KEY, expiresAfterRequests: 2 }],
      snapshots: [{ ...SAVED_AFTER_ONE_POLL, timeline: [{ status: 'Pushing' }] }]
    })
    const run = await runAction(
      withEndpoint(emu, {
        'access-key-id': STS_KEY.accessKeyId,
        'access-key-secret': STS_KEY.accessKeySecret,
        'security-token': STS_KEY.securityToken,
        'poll-interval': '200ms',
        'max-poll-interval': '200ms',
        timeout: '20s'
      })
    )
    expect(run.exitCode).toBe(1)
    const error = errorLine(run.log)
    expect(error).toContain('Code: InvalidSecurityToken.Expired')
    expect(error).toContain('The security token has expired')
    expect(error).toContain('role-to-assume')
    expect(run.outputs).toMatchObject({ result: 'error', status: 'Pushing' })
    expect(Number(run.outputs.attempts)).toBeGreaterThan(1)
  })
})

describe('GitHub OIDC', () => {
  it('assumes the role with an anonymous STS call and signs PAI-DSW calls with what STS issued', async () => {
    // No static caller at all: only credentials that STS issued can read the snapshot.
    const emu = await emulate({ credentials: [] })
    const run = await runAction(withRole(emu), { env: emu.idTokenRequestEnv })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('success')
    expect(run.log).toContain(
      `Credentials: RAM role ${ROLE} through GitHub OIDC (session gha-octo-org.deploy-4242, STS at`
    )
    expect(run.log).toMatch(new RegExp(`Assumed ${ROLE}: valid for 1h \\(until `))

    const [idToken] = idTokenCalls(emu)
    expect(idTokenCalls(emu)).toHaveLength(1)
    expect(idToken!.query).toMatchObject({ 'api-version': '2.0', audience: 'sts.aliyuncs.com' })

    const [sts] = stsCalls(emu)
    expect(stsCalls(emu)).toHaveLength(1)
    expect(sts).toMatchObject({ method: 'POST', path: '/', statusCode: 200 })
    expect(Object.keys(sts!.query).sort()).toEqual(['Action', 'Format', 'Timestamp', 'Version'])
    expect(sts!.query).toMatchObject({
      Action: 'AssumeRoleWithOIDC',
      Version: '2015-04-01',
      Format: 'JSON'
    })
    expect(sts!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    // Anonymous: no signature, no key, no token.
    expect(sts!.headers.authorization).toBeUndefined()
    expect(Object.keys(sts!.headers).filter(name => name.startsWith('x-acs-'))).toEqual([])

    const [issued] = emu.issued.credentials
    expect(emu.issued.credentials).toHaveLength(1)
    expect(dswCalls(emu).length).toBeGreaterThan(0)
    for (const call of dswCalls(emu)) {
      expect(call.statusCode).toBe(200)
      expect([call.accessKeyId, call.securityToken]).toEqual([
        issued!.accessKeyId,
        issued!.securityToken
      ])
    }
  })

  it('assumes the role once however short its session: never again within a minute', async () => {
    // Renewal before expiry (with a fresh ID token) is proven on the virtual clock in
    // __tests__/credentials/provider.test.ts. Here a 5 s session serves three polls 1.5 s apart:
    // past half its life, when it used to be renewed, it is not asked for again.
    const emu = await emulate({
      credentials: [],
      oidc: { ...OIDC, credentialLifetimeMs: 5000 },
      snapshots: [
        {
          ...SAVED_AFTER_ONE_POLL,
          timeline: [{ status: 'Pushing', polls: 2 }, { status: 'Saved' }]
        }
      ]
    })
    const run = await runAction(
      withRole(emu, { 'poll-interval': '1500ms', 'max-poll-interval': '1500ms' }),
      { env: emu.idTokenRequestEnv }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('success')
    expect(run.log).toContain(
      `::warning::The credentials of ${ROLE} are valid for less than a minute`
    )
    expect(stsCalls(emu)).toHaveLength(1)
    expect(idTokenCalls(emu)).toHaveLength(1)
    expect(dswCalls(emu)).toHaveLength(3)
    expect(dswCalls(emu).every(r => r.statusCode === 200)).toBe(true)
  })

  it('retries an STS server error and goes on', async () => {
    const emu = await emulate({
      credentials: [],
      faults: [{ kind: 'error', action: 'AssumeRoleWithOIDC', httpStatus: 503 }]
    })
    const run = await runAction(withRole(emu), { env: emu.idTokenRequestEnv })
    expect(run.exitCode).toBe(0)
    expect(stsCalls(emu).map(r => r.statusCode)).toEqual([503, 200])
  })

  it('reports result cancelled when the job is cancelled during the STS call', async () => {
    const emu = await emulate({
      credentials: [],
      faults: [{ kind: 'stall', action: 'AssumeRoleWithOIDC' }]
    })
    const run = await runAction(withRole(emu), {
      env: emu.idTokenRequestEnv,
      onSpawn: killWhen(() => stsCalls(emu).length > 0, 'SIGTERM')
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toEqual({ result: 'cancelled', attempts: '0', 'waited-seconds': '0' })
    expect(errorLine(run.log)).toMatch(/^::error::Cancelled: /)
    expect(dswCalls(emu)).toEqual([])
  })

  it('masks the ID token and the temporary credentials before anything else is logged', async () => {
    const emu = await emulate({ credentials: [] })
    const run = await runAction(withRole(emu), { env: emu.idTokenRequestEnv })
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('::debug::')
    const lines = run.log.split('\n')
    const assumed = lines.findIndex(line => line.startsWith(`Assumed ${ROLE}`))
    const [issued] = emu.issued.credentials
    for (const secret of [
      emu.issued.idTokens[0]!,
      issued!.accessKeySecret,
      issued!.securityToken!
    ]) {
      const masked = lines.indexOf(`::add-mask::${secret}`)
      expect(masked).toBeGreaterThan(-1)
      expect(masked).toBeLessThan(assumed)
    }
  })
})

interface Misconfiguration {
  name: string
  inputs: (emu: Emulator) => Record<string, string>
  env?: (emu: Emulator) => Record<string, string>
  emulator?: EmulatorOptions
  says: string[]
  /** How many AssumeRoleWithOIDC calls it takes to find out. */
  stsCalls?: number
}

const misconfigurations: Misconfiguration[] = [
  {
    name: 'a key ID without its secret',
    inputs: emu => withEndpoint(emu, { 'access-key-id': KEY.accessKeyId }),
    says: ["Input 'access-key-secret' is required when access-key-id is set"]
  },
  {
    name: 'a key secret without its ID',
    inputs: emu => withEndpoint(emu, { 'access-key-secret': KEY.accessKeySecret }),
    says: ["Input 'access-key-id' is required when access-key-secret is set"]
  },
  {
    name: 'a security token without a key pair',
    inputs: emu => withEndpoint(emu, { 'security-token': STS_KEY.securityToken }),
    says: ["Input 'security-token' needs access-key-id and access-key-secret with it"]
  },
  {
    name: 'an OIDC provider without a role',
    inputs: emu => withEndpoint(emu, { 'oidc-provider-arn': PROVIDER }),
    says: ["Input 'role-to-assume' is required when oidc-provider-arn is set"]
  },
  {
    name: 'both a key pair and a role',
    inputs: emu =>
      withRole(emu, { 'access-key-id': KEY.accessKeyId, 'access-key-secret': KEY.accessKeySecret }),
    says: ["Input 'oidc-provider-arn' cannot be combined with access-key-id"]
  },
  {
    name: 'the provider ARN given as the role',
    inputs: emu => withRole(emu, { 'role-to-assume': PROVIDER }),
    says: [
      "Input 'role-to-assume' must be a RAM role ARN such as acs:ram::123456789012:role/github-deploy",
      '(that is a RAM OIDC provider ARN)'
    ]
  },
  {
    name: 'a role session name STS would refuse',
    inputs: emu => withRole(emu, { 'role-session-name': 'deploy by ci' }),
    says: ["Input 'role-session-name' must be 2 to 64 letters, digits and . @ _ -"]
  },
  {
    name: 'a session shorter than STS allows',
    inputs: emu => withRole(emu, { 'role-duration-seconds': '60' }),
    says: ["Input 'role-duration-seconds' must be a whole number of seconds from 900 to 43200"]
  },
  {
    name: 'half a key pair in the environment',
    inputs: emu => withEndpoint(emu),
    env: () => ({ ALIBABACLOUD_ACCESS_KEY_ID: KEY.accessKeyId }),
    says: ['The environment sets ALIBABACLOUD_ACCESS_KEY_ID but not ALIBABACLOUD_ACCESS_KEY_SECRET']
  },
  {
    name: 'no credentials anywhere',
    inputs: emu => withEndpoint(emu),
    says: [
      'No credentials',
      'role-to-assume and oidc-provider-arn',
      "'permissions: id-token: write'",
      'access-key-id and access-key-secret',
      'ALIBABA_CLOUD_ACCESS_KEY_ID'
    ]
  },
  {
    name: 'a role, but no id-token: write permission',
    inputs: emu => withRole(emu),
    says: ['Could not get a GitHub OIDC token', "'permissions: id-token: write'"]
  },
  {
    name: 'an audience the OIDC provider does not list',
    inputs: emu => withRole(emu, { audience: 'github-actions' }),
    env: emu => emu.idTokenRequestEnv,
    says: [
      `AssumeRoleWithOIDC (role ${ROLE}) failed: Invalid audience.`,
      'Code: AuthenticationFail.OIDCToken.AudienceNotMatch, HTTP 401, RequestId: ',
      'The audience input (github-actions) must be one of the Client IDs'
    ],
    stsCalls: 1
  },
  {
    name: 'a role that does not exist',
    inputs: emu => withRole(emu, { 'role-to-assume': 'acs:ram::123456789012:role/missing' }),
    env: emu => emu.idTokenRequestEnv,
    says: ['Code: EntityNotExist.Role, HTTP 404', 'Check role-to-assume'],
    stsCalls: 1
  },
  {
    name: 'an OIDC provider that does not exist',
    inputs: emu =>
      withRole(emu, { 'oidc-provider-arn': 'acs:ram::123456789012:oidc-provider/Other' }),
    env: emu => emu.idTokenRequestEnv,
    says: ['No such OIDC Provider registered.', 'Code: AuthenticationFail.NoPermission'],
    stsCalls: 1
  },
  {
    name: 'a trust policy whose sub condition names another repository',
    inputs: emu => withRole(emu),
    env: emu => emu.idTokenRequestEnv,
    emulator: {
      oidc: { ...OIDC, roles: [{ ...OIDC.roles[0]!, subject: 'repo:octo-org/other:*' }] }
    },
    says: [
      'There is no permission (Code: AuthenticationFail.NoPermission',
      "The role's trust policy must let",
      'oidc:sub like repo:octo-org/deploy:*'
    ],
    stsCalls: 1
  },
  {
    name: "a session longer than the role's maximum",
    inputs: emu => withRole(emu, { 'role-duration-seconds': '7200' }),
    env: emu => emu.idTokenRequestEnv,
    says: [
      'Code: InvalidParameter.DurationSeconds, HTTP 400',
      "role-duration-seconds (7200) must be at least 900 and at most the role's maximum"
    ],
    stsCalls: 1
  }
]

describe('misconfiguration fails at once, before any PAI-DSW request', () => {
  it.each(misconfigurations)('$name', async ({ inputs, env, emulator, says, ...expected }) => {
    const emu = await emulate(emulator)
    const run = await runAction(inputs(emu), { env: env?.(emu) ?? {} })
    expect(run.exitCode).toBe(1)
    const error = errorLine(run.log)
    for (const text of says) expect(error).toContain(text)
    expect(dswCalls(emu)).toHaveLength(0)
    expect(stsCalls(emu)).toHaveLength(expected.stsCalls ?? 0)
    expect(run.outputs).toEqual({ result: 'error', attempts: '0', 'waited-seconds': '0' })
  })
})

describe('the secret scan run after every e2e test', () => {
  it('finds a secret anywhere but in ::add-mask::', () => {
    const secret = 'scan-me-0123456789'
    const clean = { log: `::add-mask::${secret}\nall fine`, outputs: { result: 'ok' }, summary: '' }
    expect(secretLeaks(clean, [secret])).toEqual([])
    const leaky = {
      log: `::add-mask::${secret}\n::debug::token=${secret}`,
      outputs: { result: secret },
      summary: `<td>${secret}</td>`
    }
    expect(secretLeaks(leaky, [secret])).toEqual([
      'log shows sca…',
      'outputs shows sca…',
      'summary shows sca…'
    ])
  })
})
