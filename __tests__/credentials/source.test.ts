import { describe, expect, it } from '@jest/globals'
import {
  type CredentialSource,
  describeCredentialSource,
  resolveCredentialSource
} from '../../src/credentials/source.js'
import { ENV_FAMILIES } from '../../src/credentials/environment.js'
import { resolveError, resolveSource } from '../helpers/credential-sources.js'

const ROLE = 'acs:ram::123456789012:role/github-deploy'
const PROVIDER = 'acs:ram::123456789012:oidc-provider/GitHub'
const KEYS = { 'access-key-id': 'AKID', 'access-key-secret': 'input-secret' }
const OIDC = { 'role-to-assume': ROLE, 'oidc-provider-arn': PROVIDER }
const RUN = { GITHUB_REPOSITORY: 'octo-org/deploy', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1' }
const TOKEN_FILE_ENV = {
  ALIBABA_CLOUD_ROLE_ARN: ROLE,
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: PROVIDER,
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/var/run/token'
}
const PROFILE: CredentialSource = {
  kind: 'cli-profile',
  profile: 'ci',
  path: '/home/runner/.aliyun/config.json',
  via: { kind: 'key', credentials: { accessKeyId: 'cli-id', accessKeySecret: 'cli-s' } }
}

const resolve = resolveSource
const errorOf = resolveError

const envOf = (family: (typeof ENV_FAMILIES)[number], token = true) => ({
  [family.keyId]: `${family.label}-id`,
  [family.keySecret]: `${family.label}-secret`,
  ...(token ? { [family.token]: `${family.label}-token` } : {})
})

describe('resolveCredentialSource: which source wins', () => {
  const everyFamily = Object.assign({}, ...ENV_FAMILIES.map(family => envOf(family)))

  it('takes key inputs first, even with a role and environment credentials around', () => {
    const { source } = resolve(KEYS, everyFamily)
    expect(source).toEqual({
      kind: 'inputs',
      credentials: { accessKeyId: 'AKID', accessKeySecret: 'input-secret' }
    })
  })

  it('takes OIDC inputs over the environment', () => {
    const { source } = resolve(OIDC, { ...everyFamily, ...RUN })
    expect(source).toEqual({
      kind: 'oidc',
      role: {
        roleArn: ROLE,
        oidcProviderArn: PROVIDER,
        audience: 'sts.aliyuncs.com',
        roleSessionName: 'gha-octo-org.deploy-4242-1',
        durationSeconds: 3600,
        stsEndpoint: {
          protocol: 'https',
          host: 'sts.aliyuncs.com',
          origin: 'https://sts.aliyuncs.com'
        }
      }
    })
  })

  it('takes the first complete family of environment names, in the documented order', () => {
    for (const [index, family] of ENV_FAMILIES.entries()) {
      const later = Object.assign({}, ...ENV_FAMILIES.slice(index).map(f => envOf(f)))
      const { source } = resolve({}, later)
      expect(source).toMatchObject({ kind: 'environment', family })
    }
  })

  it.each(ENV_FAMILIES)('reads the $label names, with and without a token', family => {
    expect(resolve({}, envOf(family)).source).toEqual({
      kind: 'environment',
      family,
      credentials: {
        accessKeyId: `${family.label}-id`,
        accessKeySecret: `${family.label}-secret`,
        securityToken: `${family.label}-token`
      }
    })
    expect(resolve({}, envOf(family, false)).source).toMatchObject({
      credentials: { accessKeyId: `${family.label}-id` }
    })
    expect(resolve({}, envOf(family, false)).source).not.toHaveProperty('credentials.securityToken')
  })

  it('never takes a token from another family than the key pair', () => {
    const [first, second] = ENV_FAMILIES
    const { source } = resolve({}, { ...envOf(first!, false), [second!.token]: 'other-token' })
    expect(source).toMatchObject({ kind: 'environment', family: first })
    expect(source).not.toHaveProperty('credentials.securityToken')
  })
})

describe('resolveCredentialSource: masking', () => {
  it('masks the secret and token inputs, and every environment secret and token', () => {
    const env = { ...envOf(ENV_FAMILIES[0]!), ...envOf(ENV_FAMILIES[2]!) }
    const { masked } = resolve({ ...KEYS, 'security-token': 'input-token' }, env)
    expect(masked.sort()).toEqual(
      [
        'input-secret',
        'input-token',
        'ALIBABA_CLOUD_*-secret',
        'ALIBABA_CLOUD_*-token',
        'ALICLOUD_*-secret',
        'ALICLOUD_*-token'
      ].sort()
    )
  })

  it('masks before it refuses a misconfiguration', () => {
    const masked: string[] = []
    const read = (name: string) => ({ ...OIDC, 'access-key-secret': 'lone-secret' })[name] ?? ''
    expect(() => resolveCredentialSource(read, {}, s => masked.push(s))).toThrow()
    expect(masked).toEqual(['lone-secret'])
  })
})

describe('resolveCredentialSource: misconfiguration', () => {
  it.each([
    [
      { 'access-key-id': 'AKID' },
      "Input 'access-key-secret' is required when access-key-id is set"
    ],
    [
      { 'access-key-secret': 's' },
      "Input 'access-key-id' is required when access-key-secret is set"
    ],
    [{ 'security-token': 't' }, "Input 'security-token' needs access-key-id and access-key-secret"],
    [
      { 'oidc-provider-arn': PROVIDER },
      "Input 'role-to-assume' is required when oidc-provider-arn is set"
    ],
    [{ ...KEYS, ...OIDC }, "Input 'oidc-provider-arn' cannot be combined with access-key-id"],
    [{ 'security-token': 't', ...OIDC }, "Input 'security-token' needs access-key-id"],
    [
      { ...OIDC, 'role-to-assume': 'github-deploy' },
      "Input 'role-to-assume' must be a RAM role ARN such as acs:ram::123456789012:role/github-deploy; got 'github-deploy'"
    ],
    [
      { ...OIDC, 'oidc-provider-arn': ROLE },
      `Input 'oidc-provider-arn' must be a RAM OIDC provider ARN such as acs:ram::123456789012:oidc-provider/GitHub; got '${ROLE}' (that is a RAM role ARN)`
    ],
    [{ ...OIDC, audience: 'two words' }, "Input 'audience' must be the Client ID"],
    [{ ...OIDC, 'role-duration-seconds': '899' }, "Input 'role-duration-seconds' must be"],
    [{ ...OIDC, 'role-duration-seconds': '43201' }, "Input 'role-duration-seconds' must be"],
    [{ ...OIDC, 'role-duration-seconds': '1h' }, "Input 'role-duration-seconds' must be"],
    [
      { ...OIDC, 'sts-endpoint': 'http://sts.aliyuncs.com' },
      "Input 'sts-endpoint' may use plain http:// only for loopback"
    ],
    [
      { ...OIDC, 'sts-endpoint': 'sts.aliyuncs.com/path' },
      "Input 'sts-endpoint' must be a host without path"
    ]
  ])('rejects %p', (inputs, message) => {
    expect(errorOf(inputs)).toContain(message)
  })

  it.each(ENV_FAMILIES)(
    'rejects half a $label key pair, or a lone token, naming the variables',
    family => {
      expect(errorOf({}, { [family.keyId]: 'id' })).toBe(
        `The environment sets ${family.keyId} but not ${family.keySecret}: ` +
          'set the whole key pair (and the token, for temporary credentials), or unset them'
      )
      expect(errorOf({}, { [family.keySecret]: 's' })).toContain(
        `sets ${family.keySecret} but not ${family.keyId}`
      )
      expect(errorOf({}, { [family.token]: 't' })).toContain(
        `sets ${family.token} but not ${family.keyId} or ${family.keySecret}`
      )
      expect(errorOf({}, { [family.keySecret]: 's', [family.token]: 't' })).toContain(
        `The environment sets ${family.keySecret} and ${family.token} but not ${family.keyId}: `
      )
    }
  )

  it('reads environment keys with spaces or a line break around them', () => {
    const family = ENV_FAMILIES[0]!
    const { source } = resolve({}, { [family.keyId]: ' env-id\n', [family.keySecret]: ' env-s ' })
    expect(source).toEqual({
      kind: 'environment',
      family,
      credentials: { accessKeyId: 'env-id', accessKeySecret: 'env-s' }
    })
  })

  it('says exactly what is wrong with a role input', () => {
    expect(errorOf({ ...KEYS, ...OIDC })).toBe(
      "Input 'oidc-provider-arn' cannot be combined with access-key-id, access-key-secret or " +
        'security-token: give either a role to assume with GitHub OIDC or an AccessKey pair ' +
        '(which may assume role-to-assume without oidc-provider-arn), not both'
    )
    expect(errorOf({ ...OIDC, 'role-to-assume': 'github-deploy' })).toBe(
      "Input 'role-to-assume' must be a RAM role ARN such as " +
        "acs:ram::123456789012:role/github-deploy; got 'github-deploy'"
    )
    expect(errorOf({ ...OIDC, 'role-session-name': 'a b' })).toMatch(
      /^Input 'role-session-name' must be .*; got 'a b'$/
    )
    expect(errorOf({ ...OIDC, 'sts-endpoint': 'sts aliyuncs' })).toBe(
      "Input 'sts-endpoint' must be a host name or https:// URL such as " +
        "sts.cn-hangzhou.aliyuncs.com (http:// only for loopback hosts); got 'sts aliyuncs'"
    )
  })

  it('takes a role duration of 900 to 43200 seconds, written in digits only', () => {
    for (const seconds of ['900', '43200']) {
      expect(resolve({ ...OIDC, 'role-duration-seconds': seconds }).source).toMatchObject({
        role: { durationSeconds: Number(seconds) }
      })
    }
    for (const seconds of ['899', '+900', '9e2', '0x384', ' 900', '900 ']) {
      expect(errorOf({ ...OIDC, 'role-duration-seconds': seconds })).toBe(
        "Input 'role-duration-seconds' must be a whole number of seconds from 900 to 43200 " +
          `(and at most the role's maximum session duration); got '${seconds}'`
      )
    }
  })

  it('with no credentials anywhere and no metadata service to ask, lists every source', () => {
    const message = errorOf({}, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' })
    for (const text of [
      'ALIBABA_CLOUD_ECS_METADATA_DISABLED is true',
      'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
      '~/.aliyun/config.json',
      'http://100.100.100.200',
      'ALIBABA_CLOUD_CREDENTIALS_URI',
      'role-to-assume and oidc-provider-arn',
      "'permissions: id-token: write'",
      'access-key-id and access-key-secret',
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'aliyun/configure-aliyun-credentials-action'
    ]) {
      expect(message).toContain(text)
    }
  })
})

describe('resolveCredentialSource: OIDC inputs', () => {
  it('takes the audience, session name, duration and STS endpoint given', () => {
    const { source } = resolve({
      ...OIDC,
      audience: 'github-actions',
      'role-session-name': 'deploy@octo-org',
      'role-duration-seconds': '43200',
      'sts-endpoint': 'sts-vpc.cn-hangzhou.aliyuncs.com'
    })
    expect(source).toMatchObject({
      kind: 'oidc',
      role: {
        audience: 'github-actions',
        roleSessionName: 'deploy@octo-org',
        durationSeconds: 43200,
        stsEndpoint: { origin: 'https://sts-vpc.cn-hangzhou.aliyuncs.com' }
      }
    })
  })

  it('accepts a loopback emulator as STS endpoint', () => {
    const { source } = resolve({ ...OIDC, 'sts-endpoint': 'http://127.0.0.1:4000' })
    expect(source).toMatchObject({ role: { stsEndpoint: { origin: 'http://127.0.0.1:4000' } } })
  })
})

describe('describeCredentialSource', () => {
  it('says where credentials come from, and never what they are', () => {
    const sources: [CredentialSource, string][] = [
      [resolve(KEYS).source, 'AccessKey from the inputs'],
      [
        resolve({ ...KEYS, 'security-token': 'input-token' }).source,
        'AccessKey from the inputs, with a security token'
      ],
      [
        resolve({}, envOf(ENV_FAMILIES[1]!)).source,
        'AccessKey from the ALIBABACLOUD_* environment variables, with a security token'
      ],
      [
        resolve(OIDC, RUN).source,
        `RAM role ${ROLE} through GitHub OIDC (session gha-octo-org.deploy-4242-1, STS at sts.aliyuncs.com)`
      ],
      [
        resolve({}, { ...TOKEN_FILE_ENV, ALIBABA_CLOUD_ROLE_SESSION_NAME: 'pod-7' }).source,
        `RAM role ${ROLE} through the OIDC token file /var/run/token (session pod-7, STS at sts.aliyuncs.com)`
      ],
      [
        { kind: 'key', credentials: { accessKeyId: 'AKID', accessKeySecret: 'file-s' } },
        'AccessKey'
      ],
      [PROFILE, 'profile ci of /home/runner/.aliyun/config.json: AccessKey'],
      [resolve({}, {}).source, "the runner's own identity (ECS RAM role or credentials URI)"]
    ]
    for (const [source, description] of sources) {
      expect(describeCredentialSource(source)).toBe(description)
      const values = 'credentials' in source ? Object.values(source.credentials) : []
      for (const value of values) expect(describeCredentialSource(source)).not.toContain(value)
    }
  })

  it('says what a profile goes through once it is known', () => {
    expect(describeCredentialSource(PROFILE, 'ECS RAM role r from the metadata service')).toBe(
      'profile ci of /home/runner/.aliyun/config.json: ECS RAM role r from the metadata service'
    )
  })
})
