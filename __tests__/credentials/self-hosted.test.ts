// The sources of a self-hosted runner: the OIDC token file (ACK RRSA), the aliyun CLI profile, the
// ECS RAM role, the credentials URI, and AssumeRole signed with a key; their order, and what each
// does when it is configured but broken. End to end: __tests__/e2e/self-hosted-credentials.test.ts.
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CredentialSource } from '../../src/credentials/source.js'
import { resolveError, resolveSource } from '../helpers/credential-sources.js'
import {
  type CredentialProviderDeps,
  createCredentialProvider
} from '../../src/credentials/provider.js'
import { ApiError, CredentialsError } from '../../src/errors.js'
import { credentialsUri } from '../../src/credentials/credentials-uri.js'
import type { HttpRequest, HttpResponse } from '../../src/http/transport.js'
import { signRequest } from '../../src/aliyun/signer.js'
import { fakeTransport, jsonResponse } from '../helpers/fake-transport.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

const ROLE = 'acs:ram::123456789012:role/ci-deploy'
const PROVIDER = 'acs:ram::123456789012:oidc-provider/ack-rrsa'
const HOUR = 3_600_000
const START = Date.parse('2026-12-03T00:00:00Z')
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6cnVubmVyIn0.c2ln'
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

const scratch = mkdtempSync(join(tmpdir(), 'self-hosted-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
let homes = 0

/** A home directory with this aliyun CLI config (or none). */
function home(config?: unknown): string {
  const dir = join(scratch, `home-${++homes}`)
  mkdirSync(join(dir, '.aliyun'), { recursive: true })
  if (config !== undefined) {
    const text = typeof config === 'string' ? config : JSON.stringify(config)
    writeFileSync(join(dir, '.aliyun', 'config.json'), text)
  }
  return dir
}

function tokenFile(content = JWT): string {
  const path = join(scratch, `token-${++homes}`)
  writeFileSync(path, content)
  return path
}

const resolve = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  resolveSource(inputs, env, home())
const errorOf = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  resolveError(inputs, env, home())

const KEY_ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-s' }
const tokenFileEnv = (path = tokenFile()) => ({
  ALIBABA_CLOUD_ROLE_ARN: ROLE,
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: PROVIDER,
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: path
})
const profile = (fields: Record<string, unknown>, name = 'default') => ({
  current: name,
  profiles: [{ name, ...fields }]
})
const AK_PROFILE = profile({ mode: 'AK', access_key_id: 'cli-id', access_key_secret: 'cli-s' })
/** What AK_PROFILE gives. */
const AK_VIA = { kind: 'key', credentials: { accessKeyId: 'cli-id', accessKeySecret: 'cli-s' } }

describe('the order of the sources', () => {
  const everything = () => ({
    ...KEY_ENV,
    ...tokenFileEnv(),
    HOME: home(AK_PROFILE),
    ALIBABA_CLOUD_ECS_METADATA: 'runner-role',
    ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:9/creds'
  })
  const without = (env: Record<string, string>, ...names: string[]) =>
    Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)))

  it('is key inputs, environment keys, token file, CLI profile, ECS RAM role, credentials URI', () => {
    const keyInputs = { 'access-key-id': 'in', 'access-key-secret': 's' }
    // Each round takes away the source that won the last one.
    const rounds = [
      [],
      Object.keys(KEY_ENV),
      ['ALIBABA_CLOUD_OIDC_PROVIDER_ARN', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'],
      ['HOME'],
      ['ALIBABA_CLOUD_ECS_METADATA']
    ]
    let env: Record<string, string> = everything()
    const kinds = [resolve(keyInputs, env).source.kind]
    for (const names of rounds) {
      env = without(env, ...names)
      kinds.push(resolve({}, env).source.kind)
    }
    expect(kinds).toEqual([
      'inputs',
      'environment',
      'oidc-token-file',
      'cli-profile',
      'ecs-ram-role',
      'runner-identity'
    ])
  })

  it('probes the metadata service before the credentials URI, unless it is disabled', () => {
    const uri = { ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:9/creds' }
    expect(resolve({}, uri).source).toMatchObject({
      kind: 'runner-identity',
      uri: { href: 'http://127.0.0.1:9/creds', plain: true }
    })
    expect(
      resolve({}, { ...uri, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' }).source
    ).toMatchObject({
      kind: 'credentials-uri',
      uri: { href: 'http://127.0.0.1:9/creds', plain: true }
    })
  })

  it('skips the CLI profile when ALIBABA_CLOUD_CLI_PROFILE_DISABLED is true', () => {
    const env = { HOME: home(AK_PROFILE), ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' }
    expect(resolve({}, env).source.kind).toBe('runner-identity')
  })

  it('assumes role-to-assume without oidc-provider-arn with the key found the usual way', () => {
    const role = { 'role-to-assume': ROLE }
    const keyed = resolve({ ...role, 'access-key-id': 'in', 'access-key-secret': 's' }, KEY_ENV)
    expect(keyed.source).toMatchObject({
      kind: 'assume-role',
      role: { roleArn: ROLE, durationSeconds: 3600, stsEndpoint: { host: 'sts.aliyuncs.com' } },
      base: { kind: 'inputs' }
    })
    expect(resolve(role, KEY_ENV).source).toMatchObject({ base: { kind: 'environment' } })
    expect(resolve(role, { HOME: home(AK_PROFILE) }).source).toMatchObject({
      base: { kind: 'cli-profile', via: { kind: 'key' } }
    })
    expect(resolve(role).source).toMatchObject({ base: { kind: 'runner-identity' } })
  })

  it('refuses a provider without a role, and GitHub OIDC together with a key', () => {
    expect(errorOf({ 'oidc-provider-arn': PROVIDER })).toContain(
      "Input 'role-to-assume' is required when oidc-provider-arn is set"
    )
    expect(
      errorOf({
        'role-to-assume': ROLE,
        'oidc-provider-arn': PROVIDER,
        'access-key-id': 'i',
        'access-key-secret': 's'
      })
    ).toContain("Input 'oidc-provider-arn' cannot be combined with access-key-id")
  })
})

describe('the OIDC token file', () => {
  it('takes the session name of the environment as role-session-name, checked the same', () => {
    const env = { ...tokenFileEnv(), ALIBABA_CLOUD_ROLE_SESSION_NAME: ' pod-7\n' }
    expect(resolve({}, env).source).toMatchObject({ role: { roleSessionName: 'pod-7' } })
    expect(errorOf({}, { ...env, ALIBABA_CLOUD_ROLE_SESSION_NAME: 'pod 7' })).toMatch(
      /^Input 'role-session-name' must be .*; got 'pod 7'$/
    )
  })

  it('takes the role, provider and file of the environment, and the session name too', () => {
    const env = {
      ...tokenFileEnv('/var/run/secrets/token'),
      ALIBABA_CLOUD_ROLE_SESSION_NAME: 'pod-7'
    }
    expect(resolve({}, env).source).toMatchObject({
      kind: 'oidc-token-file',
      role: {
        roleArn: ROLE,
        oidcProviderArn: PROVIDER,
        tokenFile: '/var/run/secrets/token',
        roleSessionName: 'pod-7'
      }
    })
  })

  it('reads its variables with spaces or a line break around them', () => {
    const env = Object.fromEntries(
      Object.entries(tokenFileEnv('/var/run/secrets/token')).map(([k, v]) => [k, ` ${v}\n`])
    )
    expect(resolve({}, env).source).toMatchObject({
      role: { roleArn: ROLE, oidcProviderArn: PROVIDER, tokenFile: '/var/run/secrets/token' }
    })
  })

  it('is an error when set in part, naming what is missing', () => {
    expect(errorOf({}, { ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/t' })).toBe(
      "The environment sets part of an OIDC token file's settings but not ALIBABA_CLOUD_ROLE_ARN " +
        'or ALIBABA_CLOUD_OIDC_PROVIDER_ARN: set ALIBABA_CLOUD_ROLE_ARN, ' +
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE together (ACK's RRSA " +
        'does), or unset them'
    )
    expect(errorOf({}, { ...tokenFileEnv(), ALIBABA_CLOUD_ROLE_ARN: 'ci-deploy' })).toContain(
      "ALIBABA_CLOUD_ROLE_ARN must be an ARN such as acs:ram::123456789012:role/github-deploy; got 'ci-deploy'"
    )
  })

  it('leaves a role ARN alone to other tools', () => {
    expect(resolve({}, { ALIBABA_CLOUD_ROLE_ARN: ROLE }).source.kind).toBe('runner-identity')
  })

  it('takes the STS region of the environment when sts-endpoint is left at its default', () => {
    const env = { ...tokenFileEnv(), ALIBABA_CLOUD_STS_REGION: ' cn-shanghai\n' }
    expect(resolve({}, env).source).toMatchObject({
      role: {
        stsEndpoint: {
          protocol: 'https',
          host: 'sts.cn-shanghai.aliyuncs.com',
          origin: 'https://sts.cn-shanghai.aliyuncs.com'
        }
      }
    })
    const vpc = { ...env, ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true' }
    expect(resolve({}, vpc).source).toMatchObject({
      role: { stsEndpoint: { host: 'sts-vpc.cn-shanghai.aliyuncs.com' } }
    })
    const given = resolve({ 'sts-endpoint': 'http://127.0.0.1:4000' }, vpc).source
    expect(given).toMatchObject({ role: { stsEndpoint: { origin: 'http://127.0.0.1:4000' } } })
    expect(errorOf({}, { ...env, ALIBABA_CLOUD_STS_REGION: 'x/y' })).toContain(
      'ALIBABA_CLOUD_STS_REGION must be a region ID'
    )
  })
})

describe('the aliyun CLI profile', () => {
  const viaOf = (config: unknown, env: Record<string, string> = {}) => {
    const { source, masked } = resolve({}, { HOME: home(config), ...env })
    expect(source.kind).toBe('cli-profile')
    return {
      via: (source as Extract<CredentialSource, { kind: 'cli-profile' }>).via,
      masked,
      source
    }
  }

  it('reads the current profile in each mode, masking its secrets', () => {
    const ak = viaOf(AK_PROFILE)
    expect(ak.via).toEqual(AK_VIA)
    expect(ak.masked).toContain('cli-s')
    const sts = viaOf(
      profile({
        mode: 'StsToken',
        access_key_id: 'STS.id',
        access_key_secret: 's2',
        sts_token: 'tok'
      })
    )
    expect(sts.via).toEqual({
      kind: 'key',
      credentials: { accessKeyId: 'STS.id', accessKeySecret: 's2', securityToken: 'tok' }
    })
    expect(sts.masked).toEqual(expect.arrayContaining(['s2', 'tok']))
    const ramRole = viaOf(
      profile({
        mode: 'RamRoleArn',
        access_key_id: 'i',
        access_key_secret: 's',
        ram_role_arn: ROLE,
        ram_session_name: 'cli-session',
        expired_seconds: 1800,
        sts_region: 'cn-beijing'
      })
    )
    expect(ramRole.via).toMatchObject({
      kind: 'assume-role',
      role: {
        roleArn: ROLE,
        roleSessionName: 'cli-session',
        durationSeconds: 1800,
        stsEndpoint: { host: 'sts.cn-beijing.aliyuncs.com' }
      },
      base: { kind: 'key', credentials: { accessKeyId: 'i' } }
    })
    expect(viaOf(profile({ mode: 'EcsRamRole', ram_role_name: 'runner-role' })).via).toMatchObject({
      kind: 'ecs-ram-role',
      metadata: { roleName: 'runner-role', origin: 'http://100.100.100.200' }
    })
    expect(
      viaOf(
        profile({
          mode: 'OIDC',
          ram_role_arn: ROLE,
          oidc_provider_arn: PROVIDER,
          oidc_token_file: '/t'
        })
      ).via
    ).toMatchObject({
      kind: 'oidc-token-file',
      role: { roleArn: ROLE, oidcProviderArn: PROVIDER, tokenFile: '/t' }
    })
  })

  it('follows ChainableRamRoleArn to its source profile, and ALIBABA_CLOUD_PROFILE picks the profile', () => {
    const config = {
      current: 'default',
      profiles: [
        { name: 'default', mode: 'AK', access_key_id: 'base', access_key_secret: 's' },
        {
          name: 'chained',
          mode: 'ChainableRamRoleArn',
          source_profile: 'default',
          ram_role_arn: ROLE
        }
      ]
    }
    const { via, source } = viaOf(config, { ALIBABA_CLOUD_PROFILE: 'chained' })
    expect(source).toMatchObject({ profile: 'chained' })
    expect(via).toMatchObject({
      kind: 'assume-role',
      base: { kind: 'key', credentials: { accessKeyId: 'base' } }
    })
    const loop = {
      current: 'a',
      profiles: [
        { name: 'a', mode: 'ChainableRamRoleArn', source_profile: 'a', ram_role_arn: ROLE }
      ]
    }
    expect(errorOf({}, { HOME: home(loop) })).toContain('starts a chain of more than 5 profiles')
  })

  it('reads an AK profile as a key pair alone, and a profile without a mode as AK', () => {
    const fields = { access_key_id: 'cli-id', access_key_secret: 'cli-s' }
    // A token left in a profile switched to AK is masked, but not sent.
    const stale = viaOf(profile({ mode: 'AK', ...fields, sts_token: 'old-token' }))
    expect(stale.via).toEqual(AK_VIA)
    expect(stale.masked).toEqual(['cli-s', 'old-token'])
    expect(viaOf(profile(fields)).via).toEqual(AK_VIA)
  })

  it('masks only the secrets a profile has: never an empty one, which the runner warns about', () => {
    const [fields] = AK_PROFILE.profiles
    expect(viaOf(profile({ ...fields, sts_token: '' })).masked).toEqual(['cli-s'])
  })

  it('skips entries of the profile list that are not profiles', () => {
    const { profiles } = AK_PROFILE
    expect(viaOf({ current: 'default', profiles: [null, 42, 'default', ...profiles] }).via).toEqual(
      AK_VIA
    )
  })

  it('is not configured when the config holds no profiles', () => {
    for (const config of [{ current: 'default' }, { current: '', profiles: [] }, {}]) {
      expect(resolve({}, { HOME: home(config) }).source.kind).toBe('runner-identity')
    }
  })

  it('is found under a HOME with spaces or a line break around it', () => {
    expect(viaOf(AK_PROFILE, { HOME: ` ${home(AK_PROFILE)}\n` }).via).toMatchObject({
      kind: 'key'
    })
  })

  it('follows a chain of up to 5 ChainableRamRoleArn profiles, and refuses a sixth', () => {
    const chain = (length: number) => ({
      current: 'role-1',
      profiles: [
        ...Array.from({ length }, (_, i) => ({
          name: `role-${i + 1}`,
          mode: 'ChainableRamRoleArn',
          source_profile: i + 1 < length ? `role-${i + 2}` : 'base',
          ram_role_arn: ROLE
        })),
        { name: 'base', mode: 'AK', access_key_id: 'base', access_key_secret: 's' }
      ]
    })
    expect(viaOf(chain(5)).via).toMatchObject({ kind: 'assume-role' })
    expect(errorOf({}, { HOME: home(chain(6)) })).toMatch(
      /^Profile 'role-6' of the aliyun CLI config .*config\.json starts a chain of more than 5 profiles$/
    )
  })

  it('is an error when the file is there but unusable, naming the profile and the fault', () => {
    const err = (config: unknown, env: Record<string, string> = {}) =>
      errorOf({}, { HOME: home(config), ...env })
    for (const config of ['{not json', '42', '"profiles"', 'null', '[]']) {
      expect(err(config)).toMatch(/config .*config\.json is not a JSON object of profiles/)
    }
    expect(err(AK_PROFILE, { ALIBABA_CLOUD_PROFILE: 'prod' })).toMatch(
      /^Profile 'prod', named by ALIBABA_CLOUD_PROFILE, is neither in the aliyun CLI config .*config\.json nor in the credentials file .*credentials \(which does not exist\): add it to one of them, or unset ALIBABA_CLOUD_PROFILE$/
    )
    expect(err({ current: 'gone', profiles: AK_PROFILE.profiles })).toMatch(
      /^Profile 'gone' of the aliyun CLI config .*config\.json does not exist$/
    )
    expect(err(profile({ mode: 'External' }))).toContain(
      "has mode 'External', which this action does not support; it supports AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC"
    )
    expect(err(profile({ mode: 'AK', access_key_id: 'i' }))).toContain(
      'has no valid AccessKeySecret for i'
    )
    expect(
      err(profile({ mode: 'AK', access_key_id: 'bad id\n', access_key_secret: 's' }))
    ).toContain('has no valid AccessKeyId')
    expect(
      err(profile({ mode: 'RamRoleArn', access_key_id: 'i', access_key_secret: 's' }))
    ).toContain('has no ram_role_arn')
    expect(
      err(
        profile({
          mode: 'RamRoleArn',
          access_key_id: 'i',
          access_key_secret: 's',
          ram_role_arn: ROLE,
          expired_seconds: 60
        })
      )
    ).toContain('field expired_seconds must be a whole number of seconds from 900')
  })
})

describe('the ECS RAM role and the credentials URI, as configured', () => {
  it('takes the role name of ALIBABA_CLOUD_ECS_METADATA, and refuses one that is not a name', () => {
    expect(resolve({}, { ALIBABA_CLOUD_ECS_METADATA: 'runner-role' }).source).toEqual({
      kind: 'ecs-ram-role',
      metadata: {
        origin: 'http://100.100.100.200',
        roleName: 'runner-role',
        tokenRequired: false,
        roleFrom: 'ALIBABA_CLOUD_ECS_METADATA'
      }
    })
    expect(errorOf({}, { ALIBABA_CLOUD_ECS_METADATA: 'a/../b' })).toContain(
      "ALIBABA_CLOUD_ECS_METADATA must name the instance's RAM role"
    )
  })

  it('lets tests move the metadata service to loopback only', () => {
    const env = { WAIT_FOR_PAI_DSW_TEST_METADATA_ORIGIN: 'http://127.0.0.1:8123' }
    expect(resolve({}, env).source).toMatchObject({ metadata: { origin: 'http://127.0.0.1:8123' } })
    for (const origin of ['http://10.0.0.1', 'https://127.0.0.1:1', 'http://127.0.0.1:1/path']) {
      expect(errorOf({}, { WAIT_FOR_PAI_DSW_TEST_METADATA_ORIGIN: origin })).toContain(
        'must be an http:// origin on loopback'
      )
    }
  })

  it('refuses a credentials URI that is not https://, or http:// to loopback, naming only its origin', () => {
    for (const uri of ['file:///etc/passwd?k=hidden', 'not a url hidden']) {
      const error = errorOf({}, { ALIBABA_CLOUD_CREDENTIALS_URI: uri })
      expect(error).toBe(
        'ALIBABA_CLOUD_CREDENTIALS_URI must be an https:// URL (or http:// to a loopback host)'
      )
    }
    const plain = errorOf(
      {},
      { ALIBABA_CLOUD_CREDENTIALS_URI: 'http://agent.test/p/hidden?t=hidden' }
    )
    expect(plain).toContain(
      'ALIBABA_CLOUD_CREDENTIALS_URI at http://agent.test:80 is plain http://'
    )
    const userInfo = errorOf(
      {},
      { ALIBABA_CLOUD_CREDENTIALS_URI: 'https://user:hidden@agent.test:8443/hidden' }
    )
    expect(userInfo).toContain('at https://agent.test:8443 carries a user name or password')
    for (const error of [plain, userInfo]) expect(error).not.toContain('hidden')
  })

  it('takes https:// anywhere and http:// on loopback, naming scheme, host and port only', () => {
    expect(credentialsUri({ ALIBABA_CLOUD_CREDENTIALS_URI: 'https://agent.test/c?t=x' })).toEqual({
      href: 'https://agent.test/c?t=x',
      shown: 'https://agent.test:443',
      plain: false
    })
    for (const host of ['127.0.0.1:8080', 'localhost', '[::1]:9']) {
      expect(credentialsUri({ ALIBABA_CLOUD_CREDENTIALS_URI: `http://${host}/c` })).toMatchObject({
        plain: true
      })
    }
  })
})

// --- Providers, on a fake transport and the virtual clock ---

interface Answers {
  metadata?: (request: HttpRequest) => HttpResponse | Error
  other?: (request: HttpRequest) => HttpResponse | Error
}

function providerFor(source: CredentialSource, answers: Answers, env: Record<string, string> = {}) {
  const clock = new VirtualClock(START)
  const metadata = fakeTransport(answers.metadata ?? (() => new Error('no metadata here')))
  const other = fakeTransport(answers.other ?? (() => new Error('nothing here')))
  const masked: string[] = []
  const logs: string[] = []
  const deps: CredentialProviderDeps = {
    transport: other.transport,
    metadataTransport: metadata.transport,
    clock,
    getIDToken: async () => 'unused',
    env,
    maskSecret: secret => masked.push(secret),
    requestTimeoutMs: 30_000,
    log: { info: m => logs.push(`info: ${m}`), warning: m => logs.push(`warning: ${m}`) }
  }
  const provider = createCredentialProvider(source, deps)
  return { provider, clock, metadataSent: metadata.sent, sent: other.sent, masked, logs }
}

const text = (status: number, body: string): HttpResponse => ({ status, headers: {}, body })
const noAnswer = () =>
  new ApiError({
    operation: 'PUT /latest/api/token',
    kind: 'network',
    code: 'TIMEOUT',
    serviceMessage: 'no complete response'
  })
let issuedSets = 0
const credentialsBody = (now: number, lifetimeMs = 6 * HOUR) => {
  issuedSets++
  return {
    Code: 'Success',
    AccessKeyId: `STS.ecs${issuedSets}`,
    AccessKeySecret: `ecs-secret-${issuedSets}`,
    SecurityToken: `ecs-token-${issuedSets}`,
    Expiration: iso(now + lifetimeMs),
    LastUpdated: iso(now)
  }
}

/** The metadata service of an instance with `roleName` attached, hardened. */
function metadataService(clock: () => number, roleName = 'runner-role') {
  return (request: HttpRequest): HttpResponse => {
    const path = new URL(request.url).pathname
    if (request.method === 'PUT' && path === '/latest/api/token') return text(200, 'imds-token-1')
    if (request.headers['x-aliyun-ecs-metadata-token'] !== 'imds-token-1') return text(401, '')
    if (path === '/latest/meta-data/ram/security-credentials/') return text(200, roleName)
    if (path === `/latest/meta-data/ram/security-credentials/${roleName}`) {
      return jsonResponse(200, credentialsBody(clock()))
    }
    return text(404, '')
  }
}

const METADATA = { origin: 'http://100.100.100.200', tokenRequired: false }
const uriOf = (value: string) => credentialsUri({ ALIBABA_CLOUD_CREDENTIALS_URI: value })!
const runnerIdentity = (uri?: string): CredentialSource => ({
  kind: 'runner-identity',
  metadata: METADATA,
  uri: uri === undefined ? undefined : uriOf(uri)
})

describe('the ECS RAM role', () => {
  it('asks for a session token, then the role and its credentials with it; the probe waits 1 s', async () => {
    const run = providerFor(runnerIdentity(), { metadata: metadataService(() => START) })
    const credentials = await run.provider.get()
    expect(credentials.accessKeyId).toMatch(/^STS\.ecs/)
    expect(run.metadataSent.map(r => `${r.method} ${r.url}`)).toEqual([
      'PUT http://100.100.100.200/latest/api/token',
      'GET http://100.100.100.200/latest/meta-data/ram/security-credentials/',
      'GET http://100.100.100.200/latest/meta-data/ram/security-credentials/runner-role'
    ])
    expect(run.metadataSent[0]!.headers).toEqual({
      'x-aliyun-ecs-metadata-token-ttl-seconds': '21600'
    })
    expect(run.metadataSent[0]!.timeoutMs).toBe(1000)
    expect(run.masked).toEqual(
      expect.arrayContaining([credentials.accessKeySecret, credentials.securityToken])
    )
    expect(run.provider.description).toBe(
      'ECS RAM role (attached to the instance) from the metadata service'
    )
    expect(run.logs[0]).toMatch(
      /^info: Got the credentials of ECS RAM role \(attached to the instance\): valid for 6h/
    )
    expect(run.sent).toHaveLength(0)
  })

  it('gets new credentials 5 minutes before they expire, and not before', async () => {
    const run = providerFor(
      { kind: 'ecs-ram-role', metadata: { ...METADATA, roleName: 'runner-role' } },
      {
        metadata: request => metadataService(() => run.clock.now())(request)
      }
    )
    const first = await run.provider.get()
    await run.clock.sleep(6 * HOUR - 5 * 60_000 - 1)
    expect(await run.provider.get()).toEqual(first)
    await run.clock.sleep(1)
    const second = await run.provider.get()
    expect(second.accessKeyId).not.toBe(first.accessKeyId)
    // A role name that is given is not asked for.
    expect(run.metadataSent.filter(r => r.url.endsWith('/security-credentials/'))).toHaveLength(0)
    expect(run.logs.at(-1)).toMatch(/^info: Renewed the credentials of ECS RAM role runner-role/)
  })

  it('reads without a token from an older service, unless ALIBABA_CLOUD_IMDSV1_DISABLED', async () => {
    const v1 = (request: HttpRequest) =>
      request.method === 'PUT'
        ? text(403, '')
        : metadataService(() => START)({
            ...request,
            headers: { 'x-aliyun-ecs-metadata-token': 'imds-token-1' }
          })
    const lenient = providerFor(runnerIdentity(), { metadata: v1 })
    await lenient.provider.get()
    expect(lenient.metadataSent.slice(1).map(r => r.headers)).toEqual([{}, {}])
    const strict = providerFor(
      { kind: 'ecs-ram-role', metadata: { ...METADATA, tokenRequired: true } },
      { metadata: v1 }
    )
    await expect(strict.provider.get()).rejects.toThrow(
      'The ECS metadata service gave no session token (HTTP 403), and ALIBABA_CLOUD_IMDSV1_DISABLED forbids'
    )
  })

  it('with no answer, goes on to the credentials URI, or lists every source', async () => {
    const uri = 'https://agent.test:9/creds'
    const withUri = providerFor(runnerIdentity(uri), {
      metadata: noAnswer,
      other: () => jsonResponse(200, credentialsBody(START, HOUR))
    })
    expect((await withUri.provider.get()).accessKeyId).toMatch(/^STS\.ecs/)
    expect(withUri.metadataSent).toHaveLength(1)
    expect(withUri.sent.map(r => r.url)).toEqual([uri])
    expect(withUri.provider.description).toBe(
      'the credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) at https://agent.test:9'
    )
    const alone = providerFor(runnerIdentity(), { metadata: noAnswer })
    await expect(alone.provider.get()).rejects.toThrow(
      'No credentials: the ECS metadata service at http://100.100.100.200 did not answer within 1 s'
    )
    // The failure is kept: nothing is probed again.
    await expect(alone.provider.get()).rejects.toThrow('No credentials')
    expect(alone.metadataSent).toHaveLength(1)
  })

  it('treats an instance without a role as no source, and a broken answer as an error', async () => {
    const noRole = (request: HttpRequest) =>
      request.method === 'PUT' ? text(200, 't') : text(404, '')
    await expect(
      providerFor(runnerIdentity(), { metadata: noRole }).provider.get()
    ).rejects.toThrow('answered, but this instance has no RAM role attached')
    const failed = (request: HttpRequest) =>
      request.url.endsWith('/runner-role')
        ? jsonResponse(200, { Code: 'Failed', AccessKeySecret: 'leaked?' })
        : metadataService(() => START)(request)
    const run = providerFor(runnerIdentity(), { metadata: failed })
    const error = await run.provider.get().catch((e: Error) => e.message)
    expect(error).toBe(
      "The ECS metadata service, for RAM role runner-role, refused to give credentials: Code is not Success (got 'Failed')"
    )
    const explicit = providerFor(
      {
        kind: 'ecs-ram-role',
        metadata: { ...METADATA, roleName: 'r', roleFrom: 'ALIBABA_CLOUD_ECS_METADATA' }
      },
      { metadata: noAnswer }
    )
    const message = await explicit.provider.get().catch((e: Error) => e)
    expect(message).toBeInstanceOf(CredentialsError)
    expect((message as Error).message).toBe(
      'The ECS metadata service at http://100.100.100.200 did not answer within 1 s, so the RAM ' +
        'role r (named by ALIBABA_CLOUD_ECS_METADATA) cannot be read. Run the step on the ECS ' +
        'instance that role is attached to, or unset ALIBABA_CLOUD_ECS_METADATA or set ' +
        'ALIBABA_CLOUD_ECS_METADATA_DISABLED=true to turn this source off'
    )
  })
})

describe('the credentials URI', () => {
  const source: CredentialSource = {
    kind: 'credentials-uri',
    uri: uriOf('https://agent.test:9/creds?token=agent-secret')
  }

  it('gives what the URI answers, masked, and never shows the URI past its origin', async () => {
    const run = providerFor(source, {
      other: () => jsonResponse(200, credentialsBody(START, HOUR))
    })
    const credentials = await run.provider.get()
    expect(run.masked).toEqual(
      expect.arrayContaining([credentials.accessKeySecret, credentials.securityToken])
    )
    expect(run.provider.description).not.toContain('agent-secret')
    expect(run.logs).toEqual([
      'info: Got the credentials of the credentials URI: valid for 1h (until 2026-12-03T01:00:00Z)'
    ])
  })

  it.each([
    [
      text(500, 'oops'),
      'The credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) at https://agent.test:9 answered HTTP 500'
    ],
    [
      jsonResponse(200, { Code: 'Failed' }),
      "refused to give credentials: Code is not Success (got 'Failed')"
    ],
    [text(200, '<html>'), 'answered with something that is not JSON'],
    [
      jsonResponse(200, { Code: 'Success', AccessKeyId: 'i', AccessKeySecret: 's' }),
      'gave credentials without a valid Expiration'
    ]
  ])('refuses %p', async (answer, message) => {
    await expect(providerFor(source, { other: () => answer }).provider.get()).rejects.toThrow(
      message
    )
  })
})

describe('AssumeRole with a key', () => {
  const STS = { protocol: 'http' as const, host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' }
  const role = { roleArn: ROLE, roleSessionName: 'gha-run', durationSeconds: 900, stsEndpoint: STS }
  const base = {
    kind: 'inputs' as const,
    credentials: { accessKeyId: 'base-id', accessKeySecret: 'base-secret' }
  }
  const issue = () =>
    jsonResponse(200, {
      RequestId: 'R1',
      Credentials: { ...credentialsBody(START, 900_000), Code: undefined }
    })

  it('signs AssumeRole with signature V3 and the base key, and names the role and the key', async () => {
    const run = providerFor({ kind: 'assume-role', role, base }, { other: issue })
    await run.provider.get()
    const [request] = run.sent
    const url = new URL(request!.url)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      DurationSeconds: '900',
      RoleArn: ROLE,
      RoleSessionName: 'gha-run'
    })
    const headers = request!.headers
    expect(headers['x-acs-action']).toBe('AssumeRole')
    expect(headers['x-acs-version']).toBe('2015-04-01')
    // The same signature, recomputed from what was sent, proves the secret signed it.
    const again = signRequest(
      {
        method: 'POST',
        host: STS.host,
        path: '/',
        query: Object.fromEntries(url.searchParams),
        action: 'AssumeRole',
        version: '2015-04-01'
      },
      base.credentials,
      { now: new Date(headers['x-acs-date']!), nonce: headers['x-acs-signature-nonce']! }
    )
    expect(headers.authorization).toBe(again.headers.authorization)
    expect(headers.authorization).toContain('Credential=base-id,')
    expect(run.provider.description).toBe(
      `RAM role ${ROLE} through AssumeRole (session gha-run, STS at 127.0.0.1:4000), signed with AccessKey from the inputs`
    )
    expect(run.logs[0]).toMatch(new RegExp(`^info: Assumed ${ROLE}: valid for 15m`))
  })

  it('says what the key needs when STS refuses it', async () => {
    const refuse = () =>
      jsonResponse(403, {
        Code: 'NoPermission',
        Message: 'You are not authorized',
        RequestId: 'R9'
      })
    const error = await providerFor({ kind: 'assume-role', role, base }, { other: refuse })
      .provider.get()
      .catch((e: Error) => e.message)
    expect(error).toContain(`AssumeRole (role ${ROLE})`)
    expect(error).toContain('R9')
    expect(error).toContain(
      'The caller (AccessKey from the inputs) needs permission to call sts:AssumeRole'
    )
  })

  it('signs with the ECS RAM role when that is the key the chain finds, and says so once known', async () => {
    const run = providerFor(
      { kind: 'assume-role', role, base: runnerIdentity() },
      { metadata: request => metadataService(() => START)(request), other: issue }
    )
    await run.provider.get()
    expect(run.sent[0]!.headers.authorization).toMatch(/Credential=STS\.ecs\d+,/)
    expect(run.sent[0]!.headers['x-acs-security-token']).toMatch(/^ecs-token-/)
    expect(run.provider.description).toContain(
      'signed with ECS RAM role (attached to the instance)'
    )
  })
})

describe('the OIDC token file, assumed', () => {
  it('reads the token afresh at every renewal, and masks it', async () => {
    const path = tokenFile('first.jwt.x')
    const source: CredentialSource = {
      kind: 'oidc-token-file',
      role: {
        roleArn: ROLE,
        oidcProviderArn: PROVIDER,
        tokenFile: path,
        roleSessionName: 'pod',
        durationSeconds: 900,
        stsEndpoint: {
          protocol: 'https',
          host: 'sts.aliyuncs.com',
          origin: 'https://sts.aliyuncs.com'
        }
      }
    }
    const run = providerFor(source, {
      other: () =>
        jsonResponse(200, {
          RequestId: 'R',
          Credentials: { ...credentialsBody(run.clock.now(), 900_000), Code: undefined }
        })
    })
    await run.provider.get()
    writeFileSync(path, 'second.jwt.y\n')
    await run.clock.sleep(900_000)
    await run.provider.get()
    const tokens = run.sent.map(r => new URLSearchParams(r.body).get('OIDCToken'))
    expect(tokens).toEqual(['first.jwt.x', 'second.jwt.y'])
    expect(run.masked).toEqual(expect.arrayContaining(['first.jwt.x', 'second.jwt.y']))
    writeFileSync(path, 'not a token')
    await run.clock.sleep(900_000)
    await expect(run.provider.get()).rejects.toThrow(
      `The OIDC token file ${path} (ALIBABA_CLOUD_OIDC_TOKEN_FILE) does not hold a JWT`
    )
  })
})
