// The files a runner configures credentials in (issue 29, items 2, 3 and 5): read only when they
// are small regular files; a CLI profile checked as strictly as the environment; the credentials
// file of the official chain, after the CLI profile and before the ECS RAM role.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  FileAbsent,
  MAX_CREDENTIAL_FILE_BYTES,
  readCredentialFile
} from '../../src/credentials/bounded-file.js'
import { parseIni } from '../../src/credentials/credentials-file.js'
import { readOidcTokenFile } from '../../src/credentials/oidc-token-file.js'
import { CredentialsError } from '../../src/errors.js'
import { resolveError, resolveSource } from '../helpers/credential-sources.js'
import { scratchFiles } from '../helpers/scratch-files.js'

const ROLE = 'acs:ram::123456789012:role/ci-deploy'
const PROVIDER = 'acs:ram::123456789012:oidc-provider/ack-rrsa'
const files = scratchFiles('profiles-files-')
const { dir: scratch, path, fifo, fileWith: file } = files
afterAll(files.remove)
/** A home with a CLI config and a credentials file, each when given. */
function home(files: { cli?: unknown; ini?: string }): string {
  const dir = path('home')
  mkdirSync(join(dir, '.aliyun'), { recursive: true })
  mkdirSync(join(dir, '.alibabacloud'), { recursive: true })
  if (files.cli !== undefined) {
    writeFileSync(join(dir, '.aliyun', 'config.json'), JSON.stringify(files.cli))
  }
  if (files.ini !== undefined) writeFileSync(join(dir, '.alibabacloud', 'credentials'), files.ini)
  return dir
}
const cli = (fields: Record<string, unknown>, name = 'ci') => ({
  current: name,
  profiles: [{ name, ...fields }]
})
const resolveIn = (files: { cli?: unknown; ini?: string }, env: Record<string, string> = {}) =>
  resolveSource({}, env, home(files)).source
const errorIn = (files: { cli?: unknown; ini?: string }, env: Record<string, string> = {}) =>
  resolveError({}, env, home(files))

describe('readCredentialFile', () => {
  it('reads a regular file up to 64 KiB', () => {
    expect(readCredentialFile(file('abc'), 'The file')).toBe('abc')
    const full = 'x'.repeat(MAX_CREDENTIAL_FILE_BYTES)
    expect(readCredentialFile(file(full), 'The file')).toBe(full)
  })

  it('refuses at once, naming the file: a FIFO, a directory, a device, a larger file, a missing one', () => {
    const refusal = (at: string) => () => readCredentialFile(at, `The file ${at}`)
    const pipe = fifo()
    expect(refusal(pipe)).toThrow(`The file ${pipe} is not a regular file`)
    expect(refusal(scratch)).toThrow(`The file ${scratch} is not a regular file`)
    expect(refusal('/dev/null')).toThrow('The file /dev/null is not a regular file')
    const big = file('x'.repeat(MAX_CREDENTIAL_FILE_BYTES + 1))
    expect(refusal(big)).toThrow(`The file ${big} is 65537 bytes, more than the 65536 it may have`)
    const gone = join(scratch, 'gone')
    expect(refusal(gone)).toThrow(FileAbsent)
    expect(refusal(gone)).toThrow(`The file ${gone} does not exist`)
  })

  it('refuses a FIFO as the OIDC token file', async () => {
    const pipe = fifo()
    await expect(readOidcTokenFile(pipe, () => undefined)).rejects.toThrow(
      `The OIDC token file ${pipe} (ALIBABA_CLOUD_OIDC_TOKEN_FILE) is not a regular file`
    )
  })

  it('refuses an empty OIDC token file, masking nothing: the runner warns about an empty mask', async () => {
    const masked: string[] = []
    const empty = file('\n')
    await expect(readOidcTokenFile(empty, s => masked.push(s))).rejects.toThrow(
      `The OIDC token file ${empty} (ALIBABA_CLOUD_OIDC_TOKEN_FILE) does not hold a JWT`
    )
    expect(masked).toEqual([])
  })

  it('refuses a FIFO or an oversized file as the CLI config or the credentials file', () => {
    const dir = home({})
    execFileSync('mkfifo', [join(dir, '.aliyun', 'config.json')])
    expect(resolveError({}, {}, dir)).toMatch(
      /^The aliyun CLI config .*config\.json is not a regular file$/
    )
    const pipe = fifo()
    expect(resolveError({}, { ALIBABA_CLOUD_CREDENTIALS_FILE: pipe }, home({}))).toBe(
      `The credentials file ${pipe} (ALIBABA_CLOUD_CREDENTIALS_FILE) is not a regular file`
    )
    expect(errorIn({ ini: `[default]\n${'#'.repeat(70_000)}` })).toMatch(
      /^The credentials file .*credentials is 70010 bytes, more than the 65536 it may have$/
    )
  })
})

describe('a named profile', () => {
  it('that is nowhere is an error naming it, not a fall-through to the ECS RAM role', () => {
    const error = errorIn({}, { ALIBABA_CLOUD_PROFILE: 'prod', ALIBABA_CLOUD_ECS_METADATA: 'r' })
    expect(error).toMatch(
      /^Profile 'prod', named by ALIBABA_CLOUD_PROFILE, is neither in the aliyun CLI config .*config\.json nor in the credentials file .*credentials \(which does not exist\)/
    )
    const other = cli({ mode: 'AK', access_key_id: 'i', access_key_secret: 's' })
    expect(
      errorIn(
        { cli: other, ini: '[default]\ntype = access_key' },
        { ALIBABA_CLOUD_PROFILE: 'prod' }
      )
    ).toMatch(
      /^Profile 'prod', named by ALIBABA_CLOUD_PROFILE, is neither in the aliyun CLI config \S+config\.json nor in the credentials file \S+credentials: add it to one of them, or unset ALIBABA_CLOUD_PROFILE$/
    )
  })

  it('is taken from the credentials file when the CLI config lacks it, as the official chain does', () => {
    const other = cli({ mode: 'AK', access_key_id: 'cli-id', access_key_secret: 's' })
    const ini = '[prod]\ntype = access_key\naccess_key_id = file-id\naccess_key_secret = file-s\n'
    expect(resolveIn({ cli: other, ini }, { ALIBABA_CLOUD_PROFILE: 'prod' })).toMatchObject({
      kind: 'credentials-file',
      profile: 'prod',
      via: { kind: 'key', credentials: { accessKeyId: 'file-id' } }
    })
  })

  it('is found with spaces or a line break around its name, in the CLI config too', () => {
    const two = {
      current: 'ci',
      profiles: [
        { name: 'ci', mode: 'AK', access_key_id: 'ci-id', access_key_secret: 's' },
        { name: 'prod', mode: 'AK', access_key_id: 'prod-id', access_key_secret: 's' }
      ]
    }
    expect(resolveIn({ cli: two }, { ALIBABA_CLOUD_PROFILE: ' prod\n' })).toMatchObject({
      kind: 'cli-profile',
      profile: 'prod',
      via: { kind: 'key', credentials: { accessKeyId: 'prod-id' } }
    })
  })

  it('whose file cannot be read is an error naming the file', () => {
    const dir = home({})
    mkdirSync(join(dir, '.aliyun', 'config.json'))
    expect(resolveError({}, { ALIBABA_CLOUD_PROFILE: 'prod' }, dir)).toMatch(
      /^The aliyun CLI config .*config\.json is not a regular file, so profile 'prod' \(ALIBABA_CLOUD_PROFILE\) cannot be read from it$/
    )
    const pipe = path('pipe')
    execFileSync('mkfifo', [pipe])
    expect(
      resolveError(
        {},
        { ALIBABA_CLOUD_PROFILE: 'prod', ALIBABA_CLOUD_CREDENTIALS_FILE: pipe },
        home({})
      )
    ).toBe(
      `The credentials file ${pipe} (ALIBABA_CLOUD_CREDENTIALS_FILE) is not a regular file, so profile 'prod' (ALIBABA_CLOUD_PROFILE) cannot be read from it`
    )
  })
})

describe('a CLI profile, checked as strictly as the environment', () => {
  const ecs = (fields: Record<string, unknown> = {}) => cli({ mode: 'EcsRamRole', ...fields })
  const ramRole = (fields: Record<string, unknown>) =>
    cli({
      mode: 'RamRoleArn',
      access_key_id: 'i',
      access_key_secret: 's',
      ram_role_arn: ROLE,
      ...fields
    })

  it.each([
    [ecs({ ram_role_name: '../../latest/user-data' }), "must name the instance's RAM role"],
    [
      ramRole({ ram_role_arn: 'acs:ram::1:role/../x' }),
      'has a ram_role_arn that is not a RAM role ARN'
    ],
    [ramRole({ ram_session_name: 'a b' }), 'field ram_session_name must be 2 to 64'],
    [ramRole({ sts_region: 'cn-hangzhou.evil.test/' }), 'field sts_region must be a region ID'],
    [ramRole({ sts_endpoint: 'http://sts.evil.test' }), 'field sts_endpoint'],
    [ramRole({ expired_seconds: 60 }), 'field expired_seconds must be a whole number'],
    [ramRole({ access_key_id: 'i,Signature=x' }), 'has no valid AccessKeyId'],
    [
      cli({ mode: 'OIDC', ram_role_arn: ROLE, oidc_provider_arn: ROLE, oidc_token_file: '/t' }),
      'has a oidc_provider_arn that is not a RAM OIDC provider ARN'
    ],
    [cli({ mode: 'ChainableRamRoleArn', ram_role_arn: ROLE }), 'has no source_profile']
  ])('refuses %j', (config, message) => {
    const error = errorIn({ cli: config })
    expect(error).toMatch(
      /^(Profile 'ci' of the aliyun CLI config|the ram_role_name of profile 'ci')/
    )
    expect(error).toContain(message)
  })

  it('follows the environment switches of the metadata service', () => {
    expect(errorIn({ cli: ecs() }, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' })).toMatch(
      /^Profile 'ci' of the aliyun CLI config .* reads the ECS RAM role, but ALIBABA_CLOUD_ECS_METADATA_DISABLED is true/
    )
    expect(
      resolveIn({ cli: ecs({ ram_role_name: 'r' }) }, { ALIBABA_CLOUD_IMDSV1_DISABLED: 'true' })
    ).toMatchObject({
      via: { kind: 'ecs-ram-role', metadata: { roleName: 'r', tokenRequired: true } }
    })
    // Its own role name is the one asked for; without one, ALIBABA_CLOUD_ECS_METADATA's.
    expect(resolveIn({ cli: ecs() }, { ALIBABA_CLOUD_ECS_METADATA: 'env-role' })).toMatchObject({
      via: { metadata: { roleName: 'env-role', roleFrom: 'ALIBABA_CLOUD_ECS_METADATA' } }
    })
  })

  it.each([
    ['RamRoleArn', { sts_region: 'cn-shanghai' }, {}, 'sts.cn-shanghai.aliyuncs.com'],
    [
      'RamRoleArn',
      { sts_region: 'cn-shanghai', enable_vpc: true },
      {},
      'sts-vpc.cn-shanghai.aliyuncs.com'
    ],
    [
      'RamRoleArn',
      { sts_region: 'cn-shanghai', enable_vpc: 'true' },
      {},
      'sts-vpc.cn-shanghai.aliyuncs.com'
    ],
    [
      'RamRoleArn',
      { sts_region: 'cn-shanghai' },
      { ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true' },
      'sts-vpc.cn-shanghai.aliyuncs.com'
    ],
    ['RamRoleArn', { enable_vpc: true }, {}, 'sts.aliyuncs.com'],
    [
      'RamRoleArn',
      { enable_vpc: true },
      { ALIBABA_CLOUD_STS_REGION: 'cn-beijing' },
      'sts-vpc.cn-beijing.aliyuncs.com'
    ],
    ['RamRoleArn', {}, { ALIBABA_CLOUD_STS_REGION: 'cn-beijing' }, 'sts.cn-beijing.aliyuncs.com'],
    [
      'RamRoleArn',
      { sts_endpoint: 'sts.example.test', sts_region: 'cn-shanghai' },
      {},
      'sts.example.test'
    ],
    [
      'OIDC',
      { sts_region: 'cn-shanghai', enable_vpc: true },
      {},
      'sts-vpc.cn-shanghai.aliyuncs.com'
    ],
    [
      'ChainableRamRoleArn',
      { sts_region: 'cn-shanghai', enable_vpc: true },
      {},
      'sts.cn-shanghai.aliyuncs.com'
    ],
    [
      'ChainableRamRoleArn',
      { sts_region: 'cn-shanghai' },
      { ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true' },
      'sts-vpc.cn-shanghai.aliyuncs.com'
    ]
  ])('%s with %j and %j sends STS to %s, as the official chain', (mode, fields, env, host) => {
    const base = { name: 'base', mode: 'AK', access_key_id: 'i', access_key_secret: 's' }
    const own = {
      name: 'ci',
      mode,
      access_key_id: 'i',
      access_key_secret: 's',
      ram_role_arn: ROLE,
      oidc_provider_arn: PROVIDER,
      oidc_token_file: '/t',
      source_profile: 'base',
      ...fields
    }
    const source = resolveIn({ cli: { current: 'ci', profiles: [own, base] } }, env) as {
      via: { role: { stsEndpoint: { host: string } } }
    }
    expect(source.via.role.stsEndpoint.host).toBe(host)
  })
})

describe('the credentials file', () => {
  const KEY_INI =
    '[default]\ntype = access_key\naccess_key_id = file-id\naccess_key_secret = "file-s"\n'

  const parsed = (text: string) =>
    Object.fromEntries([...parseIni(text)].map(([n, m]) => [n, Object.fromEntries(m)]))

  it('reads ini sections, comments and quoted values', () => {
    expect(parsed('; c\n# c\n[a]\nk = v = w\n q = "x y" \n[b]\nk=1\n=bad\nnoequals\n')).toEqual({
      a: { k: 'v = w', q: 'x y' },
      b: { k: '1' }
    })
  })

  it('reads indented lines, and a value with brackets or quotes inside as it is', () => {
    const text =
      '  [ a ]  \n  ; k = commented\n# q = commented\nk = [x]\nq = say "hi"\nr = \'x\' y;\n' +
      '[b] trailing\ns = in a\n'
    expect(parsed(text)).toEqual({
      // '[b] trailing' goes on after its ']': not a section header, so s stays in a.
      a: { k: '[x]', q: 'say "hi"', r: "'x' y;", s: 'in a' }
    })
  })

  it('reads each type the official chain reads, masking the secret', () => {
    const { source, masked } = resolveSource({}, {}, home({ ini: KEY_INI }))
    expect(source).toMatchObject({
      kind: 'credentials-file',
      profile: 'default',
      via: { kind: 'key', credentials: { accessKeyId: 'file-id', accessKeySecret: 'file-s' } }
    })
    expect(masked).toContain('file-s')
    expect(
      resolveIn({ ini: '[default]\ntype = ecs_ram_role\nrole_name = runner-role' })
    ).toMatchObject({
      via: { kind: 'ecs-ram-role', metadata: { roleName: 'runner-role' } }
    })
    const ramRole =
      '[default]\ntype = ram_role_arn\naccess_key_id = i\naccess_key_secret = s\n' +
      `role_arn = ${ROLE}\nrole_session_name = file-session\n`
    expect(resolveIn({ ini: ramRole })).toMatchObject({
      via: {
        kind: 'assume-role',
        role: {
          roleArn: ROLE,
          roleSessionName: 'file-session',
          stsEndpoint: { host: 'sts.aliyuncs.com' }
        },
        base: { kind: 'key', credentials: { accessKeyId: 'i' } }
      }
    })
    const oidc =
      `[default]\ntype = oidc_role_arn\nrole_arn = ${ROLE}\noidc_provider_arn = ${PROVIDER}\n` +
      'oidc_token_file_path = /var/run/token\n'
    expect(resolveIn({ ini: oidc })).toMatchObject({
      via: {
        kind: 'oidc-token-file',
        role: { roleArn: ROLE, oidcProviderArn: PROVIDER, tokenFile: '/var/run/token' }
      }
    })
  })

  it('masks no secret for a profile without one: the runner warns about an empty mask', () => {
    const ecs = resolveSource(
      {},
      {},
      home({ ini: '[default]\ntype = ecs_ram_role\nrole_name = r' })
    )
    expect(ecs.source).toMatchObject({ kind: 'credentials-file' })
    expect(ecs.masked).toEqual([])
  })

  it('is found under a HOME with spaces or a line break around it', () => {
    const { source } = resolveSource({}, {}, ` ${home({ ini: KEY_INI })}\n`)
    expect(source).toMatchObject({ kind: 'credentials-file', profile: 'default' })
  })

  it('takes ALIBABA_CLOUD_CREDENTIALS_FILE and ALIBABA_CLOUD_PROFILE', () => {
    const at = file('[ci]\ntype = access_key\naccess_key_id = named-id\naccess_key_secret = s\n')
    expect(
      resolveIn({}, { ALIBABA_CLOUD_CREDENTIALS_FILE: at, ALIBABA_CLOUD_PROFILE: 'ci' })
    ).toMatchObject({ kind: 'credentials-file', path: at, profile: 'ci' })
    const gone = join(scratch, 'no-such-file')
    expect(errorIn({}, { ALIBABA_CLOUD_CREDENTIALS_FILE: gone })).toBe(
      `The credentials file ${gone} (ALIBABA_CLOUD_CREDENTIALS_FILE) does not exist`
    )
  })

  it('takes both variables with spaces or a line break around them', () => {
    const at = file('[ci]\ntype = access_key\naccess_key_id = named-id\naccess_key_secret = s\n')
    expect(
      resolveIn({}, { ALIBABA_CLOUD_CREDENTIALS_FILE: ` ${at}\n`, ALIBABA_CLOUD_PROFILE: ' ci\n' })
    ).toMatchObject({ kind: 'credentials-file', path: at, profile: 'ci' })
  })

  it('comes after the CLI profile and before the ECS RAM role', () => {
    const profile = cli({ mode: 'AK', access_key_id: 'cli-id', access_key_secret: 's' })
    expect(resolveIn({ cli: profile, ini: KEY_INI })).toMatchObject({ kind: 'cli-profile' })
    expect(resolveIn({ ini: KEY_INI }, { ALIBABA_CLOUD_ECS_METADATA: 'r' })).toMatchObject({
      kind: 'credentials-file'
    })
    // Without a default profile, or without the file, it is not configured.
    expect(resolveIn({ ini: '[other]\ntype = access_key' })).toMatchObject({
      kind: 'runner-identity'
    })
    expect(resolveIn({})).toMatchObject({ kind: 'runner-identity' })
  })

  it('refuses a profile it cannot use, naming it', () => {
    const err = (ini: string) => errorIn({ ini })
    expect(err('[default]\naccess_key_id = i')).toMatch(
      /^Profile 'default' of the credentials file .* has no type; the types this action reads are access_key, ecs_ram_role, ram_role_arn, oidc_role_arn$/
    )
    expect(err('[default]\ntype = rsa_key_pair')).toContain("has type 'rsa_key_pair'")
    expect(err('[default]\ntype = access_key\naccess_key_id = i')).toContain(
      'has no valid AccessKeySecret for i'
    )
    expect(err('[default]\ntype = ecs_ram_role\nrole_name = ../x')).toContain(
      "must name the instance's RAM role"
    )
    expect(
      err('[default]\ntype = ram_role_arn\naccess_key_id = i\naccess_key_secret = s')
    ).toContain('has no role_arn')
  })

  it('is an error type, not a crash, for each broken file', () => {
    expect(() => resolveSource({}, {}, home({ ini: '[default]\ntype = nope' }))).toThrow(
      CredentialsError
    )
  })
})
