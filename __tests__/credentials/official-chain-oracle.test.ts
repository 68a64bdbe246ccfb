// The official chain as oracle (issue 29, item 8): @alicloud/credentials 2.4.7 (a devDependency,
// run by __tests__/fixtures/official-chain.mjs in a process of its own) and the action's own
// resolution, over one table of configurations, against the same emulator: STS, the metadata
// service and a credentials URI. Wherever the action resolves a credential it must be the same as
// the official chain's (the same key, or a role assumed the same way) with STS at the same host;
// each row where they differ says why, and whether the action errors where the chain falls through.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '../../emulator/server.mjs'
import type { Emulator } from '../helpers/emulator-per-test.js'
import { resolveSource } from '../helpers/credential-sources.js'
import { createCredentialProvider } from '../../src/credentials/provider.js'
import { createUndiciTransport, type Transport } from '../../src/http/transport.js'
import { isLoopbackHost } from '../../src/http/loopback.js'
import { systemClock } from '../../src/clock.js'

const ORACLE = fileURLToPath(new URL('../fixtures/official-chain.mjs', import.meta.url))
const KEY = { id: 'oracle-key-id', secret: 'oracle-key-secret-0123' }
const CLI_KEY = { id: 'oracle-cli-id', secret: 'oracle-cli-secret-0123' }
const FILE_KEY = { id: 'oracle-file-id', secret: 'oracle-file-secret-0123' }
const ROLE = 'acs:ram::123456789012:role/oracle-role'
const RRSA_ROLE = 'acs:ram::123456789012:role/oracle-rrsa'
const PROVIDER = 'acs:ram::123456789012:oidc-provider/ack-rrsa-oracle'
const ISSUER = 'https://oidc-ack.oracle.test/c0ffee'
const SUBJECT = 'system:serviceaccount:ci:runner'
const METADATA_ROLE = 'EcsRamRoleForCI'

let emu: Emulator
let closedMetadata: string
const scratch = mkdtempSync(join(tmpdir(), 'oracle-'))
let made = 0

beforeAll(async () => {
  emu = await startEmulator({
    credentials: [
      { accessKeyId: KEY.id, accessKeySecret: KEY.secret },
      { accessKeyId: CLI_KEY.id, accessKeySecret: CLI_KEY.secret },
      { accessKeyId: FILE_KEY.id, accessKeySecret: FILE_KEY.secret }
    ],
    oidc: {
      providers: [{ arn: PROVIDER, issuer: ISSUER }],
      roles: [{ arn: ROLE }, { arn: RRSA_ROLE, providerArn: PROVIDER, subject: SUBJECT }]
    },
    metadata: { roleName: METADATA_ROLE },
    credentialsUri: {}
  })
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  closedMetadata = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  await new Promise(resolve => server.close(resolve))
})
afterAll(async () => {
  await emu.close()
  rmSync(scratch, { recursive: true, force: true })
})

interface Config {
  env?: Record<string, string>
  cli?: { current?: string; profiles: Record<string, unknown>[] }
  ini?: string
  /** The metadata service does not answer. */
  noMetadata?: true
}

/** What a resolution came to: the credential, identified, and where STS was asked. */
interface Outcome {
  credential?: string
  stsHost?: string
  error?: string
}

function homeFor(config: Config): string {
  const home = join(scratch, `home-${++made}`)
  mkdirSync(join(home, '.aliyun'), { recursive: true })
  mkdirSync(join(home, '.alibabacloud'), { recursive: true })
  if (config.cli) writeFileSync(join(home, '.aliyun', 'config.json'), JSON.stringify(config.cli))
  if (config.ini) writeFileSync(join(home, '.alibabacloud', 'credentials'), config.ini)
  return home
}

/** The credential as the emulator knows it: the key, or the role assumed and by whom. */
function identify(accessKeyId: string, since: number): string {
  const assumed = emu.requests
    .slice(since)
    .filter(r => r.action === 'AssumeRole' || r.action === 'AssumeRoleWithOIDC')
    .filter(r => r.statusCode === 200)
  const last = assumed.at(-1)
  if (!last) return `key ${accessKeyId}`
  const params = { ...last.query, ...Object.fromEntries(new URLSearchParams(last.body ?? '')) }
  const caller = last.action === 'AssumeRole' ? (last.accessKeyId ?? params.AccessKeyId) : 'token'
  return `${last.action} ${params.RoleArn} by ${caller}`
}

async function official(config: Config, home: string): Promise<Outcome> {
  const since = emu.requests.length
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    ...config.env,
    ORACLE_STS: emu.url,
    ORACLE_METADATA: config.noMetadata ? closedMetadata : emu.metadataUrl!
  }
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [ORACLE], { env, timeout: 20_000 }, (error, out) =>
      error ? reject(error) : resolve(out)
    )
  )
  const answer = JSON.parse(stdout) as { accessKeyId?: string; error?: string; stsHosts: string[] }
  if (answer.error) return { error: answer.error }
  return { credential: identify(answer.accessKeyId!, since), stsHost: answer.stsHosts.at(-1) }
}

/** The action's own resolution, its STS requests sent to the emulator, their host recorded. */
async function action(config: Config, home: string): Promise<Outcome> {
  const since = emu.requests.length
  const stsHosts: string[] = []
  const real = createUndiciTransport({})
  const transport: Transport = {
    send: request => {
      const url = new URL(request.url)
      if (isLoopbackHost(url.hostname)) return real.send(request)
      stsHosts.push(url.host)
      const headers = { ...request.headers, host: url.host }
      return real.send({ ...request, url: `${emu.url}${url.pathname}${url.search}`, headers })
    },
    close: () => real.close()
  }
  const env = {
    ...config.env,
    WAIT_FOR_PAI_DSW_TEST_METADATA_ORIGIN: config.noMetadata ? closedMetadata : emu.metadataUrl!
  }
  try {
    const { source } = resolveSource({}, env, home)
    const provider = createCredentialProvider(source, {
      transport,
      metadataTransport: transport,
      clock: systemClock,
      getIDToken: async () => 'unused',
      env,
      maskSecret: () => undefined,
      requestTimeoutMs: 5000,
      log: { info: () => undefined, warning: () => undefined }
    })
    const { accessKeyId } = await provider.get()
    return { credential: identify(accessKeyId, since), stsHost: stsHosts.at(-1) }
  } catch (error) {
    return { error: (error as Error).message }
  } finally {
    await real.close()
  }
}

const tokenFile = () => {
  const path = join(scratch, `token-${++made}`)
  writeFileSync(path, emu.issueOidcToken({ issuer: ISSUER, subject: SUBJECT }))
  return path
}
const rrsaEnv = (): Record<string, string> => ({
  ALIBABA_CLOUD_ROLE_ARN: RRSA_ROLE,
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: PROVIDER,
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile()
})
const envKey = { ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.secret }
const ak = (name: string, key = CLI_KEY) => ({
  name,
  mode: 'AK',
  access_key_id: key.id,
  access_key_secret: key.secret
})
const cli = (...profiles: Record<string, unknown>[]) => ({
  current: String(profiles[0]!.name),
  profiles
})
const ramRoleProfile = (fields: Record<string, unknown> = {}) =>
  cli({ ...ak('ci'), mode: 'RamRoleArn', ram_role_arn: ROLE, ...fields })
const oidcProfile = (fields: Record<string, unknown> = {}) =>
  cli({
    name: 'ci',
    mode: 'OIDC',
    ram_role_arn: RRSA_ROLE,
    oidc_provider_arn: PROVIDER,
    oidc_token_file: tokenFile(),
    ...fields
  })
const keyIni = (section = 'default', key = FILE_KEY) =>
  `[${section}]\ntype = access_key\naccess_key_id = ${key.id}\naccess_key_secret = ${key.secret}\n`
const noMetadataDisabled = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' }

/** The same credential and STS host. */
const SAME = 'same'
/** The action errors where the official chain falls through to another source: deliberate. */
const errors = (why: string) => ({ actionErrors: why })
/** The action resolves a source the official chain does not read: deliberate. */
const readsMore = (why: string) => ({ actionReadsMore: why })
type Expectation = typeof SAME | ReturnType<typeof errors> | ReturnType<typeof readsMore>

const ROWS: [string, () => Config, Expectation][] = [
  // Each source alone.
  ['environment keys', () => ({ env: envKey }), SAME],
  ['OIDC token file', () => ({ env: rrsaEnv() }), SAME],
  [
    'OIDC token file, ALIBABA_CLOUD_STS_REGION',
    () => ({ env: { ...rrsaEnv(), ALIBABA_CLOUD_STS_REGION: 'cn-beijing' } }),
    SAME
  ],
  [
    'OIDC token file, STS region and VPC switch',
    () => ({
      env: {
        ...rrsaEnv(),
        ALIBABA_CLOUD_STS_REGION: 'cn-beijing',
        ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true'
      }
    }),
    SAME
  ],
  ['CLI profile AK', () => ({ cli: cli(ak('ci')) }), SAME],
  [
    'CLI profile StsToken',
    () => ({ cli: cli({ ...ak('ci', KEY), mode: 'StsToken', sts_token: 'oracle-sts-token' }) }),
    SAME
  ],
  ['CLI profile RamRoleArn', () => ({ cli: ramRoleProfile() }), SAME],
  [
    'CLI profile RamRoleArn, sts_region',
    () => ({ cli: ramRoleProfile({ sts_region: 'cn-shanghai' }) }),
    SAME
  ],
  [
    'CLI profile RamRoleArn, sts_region and enable_vpc',
    () => ({ cli: ramRoleProfile({ sts_region: 'cn-shanghai', enable_vpc: true }) }),
    SAME
  ],
  [
    'CLI profile RamRoleArn, sts_region and the VPC switch',
    () => ({
      cli: ramRoleProfile({ sts_region: 'cn-shanghai' }),
      env: { ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true' }
    }),
    SAME
  ],
  [
    'CLI profile RamRoleArn, enable_vpc alone',
    () => ({ cli: ramRoleProfile({ enable_vpc: true }) }),
    SAME
  ],
  [
    'CLI profile RamRoleArn, enable_vpc and ALIBABA_CLOUD_STS_REGION',
    () => ({
      cli: ramRoleProfile({ enable_vpc: true }),
      env: { ALIBABA_CLOUD_STS_REGION: 'cn-beijing' }
    }),
    SAME
  ],
  [
    'CLI profile ChainableRamRoleArn',
    () => ({
      cli: cli(
        {
          name: 'chained',
          mode: 'ChainableRamRoleArn',
          source_profile: 'base',
          ram_role_arn: ROLE,
          sts_region: 'cn-shanghai'
        },
        ak('base')
      )
    }),
    SAME
  ],
  [
    'CLI profile EcsRamRole',
    () => ({ cli: cli({ name: 'ci', mode: 'EcsRamRole', ram_role_name: METADATA_ROLE }) }),
    SAME
  ],
  ['CLI profile OIDC', () => ({ cli: oidcProfile() }), SAME],
  [
    'CLI profile OIDC, sts_region and enable_vpc',
    () => ({ cli: oidcProfile({ sts_region: 'cn-shanghai', enable_vpc: true }) }),
    SAME
  ],
  [
    'CLI profile named by ALIBABA_CLOUD_PROFILE',
    () => ({ cli: cli(ak('ci', KEY), ak('other')), env: { ALIBABA_CLOUD_PROFILE: 'other' } }),
    SAME
  ],
  ['credentials file access_key', () => ({ ini: keyIni() }), SAME],
  [
    'credentials file ram_role_arn',
    () => ({
      ini: `[default]\ntype = ram_role_arn\naccess_key_id = ${FILE_KEY.id}\naccess_key_secret = ${FILE_KEY.secret}\nrole_arn = ${ROLE}\nrole_session_name = oracle\n`
    }),
    SAME
  ],
  [
    'credentials file ram_role_arn, STS region and VPC switch',
    () => ({
      ini: `[default]\ntype = ram_role_arn\naccess_key_id = ${FILE_KEY.id}\naccess_key_secret = ${FILE_KEY.secret}\nrole_arn = ${ROLE}\n`,
      env: { ALIBABA_CLOUD_STS_REGION: 'cn-beijing', ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true' }
    }),
    SAME
  ],
  [
    'credentials file ecs_ram_role',
    () => ({ ini: `[default]\ntype = ecs_ram_role\nrole_name = ${METADATA_ROLE}\n` }),
    SAME
  ],
  [
    'credentials file of ALIBABA_CLOUD_CREDENTIALS_FILE, profile ALIBABA_CLOUD_PROFILE',
    () => {
      const path = join(scratch, `credentials-${++made}`)
      writeFileSync(path, keyIni('ci'))
      return { env: { ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALIBABA_CLOUD_PROFILE: 'ci' } }
    },
    SAME
  ],
  [
    'credentials file oidc_role_arn',
    () => ({
      ini: `[default]\ntype = oidc_role_arn\nrole_arn = ${RRSA_ROLE}\noidc_provider_arn = ${PROVIDER}\noidc_token_file_path = ${tokenFile()}\n`,
      ...{ env: noMetadataDisabled }
    }),
    readsMore('2.4.7 reads oidc_role_arn only through its Config API, not in the default chain')
  ],
  ['ECS RAM role, attached', () => ({}), SAME],
  ['ECS RAM role, named', () => ({ env: { ALIBABA_CLOUD_ECS_METADATA: METADATA_ROLE } }), SAME],
  [
    'credentials URI, metadata disabled',
    () => ({ env: { ...noMetadataDisabled, ALIBABA_CLOUD_CREDENTIALS_URI: emu.credentialsUri! } }),
    SAME
  ],
  [
    'credentials URI, no metadata service',
    () => ({ env: { ALIBABA_CLOUD_CREDENTIALS_URI: emu.credentialsUri! }, noMetadata: true }),
    SAME
  ],
  [
    'ALIBABACLOUD_* keys',
    () => ({
      env: {
        ...noMetadataDisabled,
        ALIBABACLOUD_ACCESS_KEY_ID: KEY.id,
        ALIBABACLOUD_ACCESS_KEY_SECRET: KEY.secret
      }
    }),
    readsMore(
      'the aliyun CLI and configure-aliyun-credentials-action use ALIBABACLOUD_*; 2.4.7 does not'
    )
  ],
  // Several sources at once: the earlier wins.
  [
    'environment keys over everything',
    () => ({ env: { ...envKey, ...rrsaEnv() }, cli: cli(ak('ci')), ini: keyIni() }),
    SAME
  ],
  ['token file over the CLI profile', () => ({ env: rrsaEnv(), cli: cli(ak('ci')) }), SAME],
  ['CLI profile over the credentials file', () => ({ cli: cli(ak('ci')), ini: keyIni() }), SAME],
  [
    'credentials file over the ECS RAM role',
    () => ({ ini: keyIni(), env: { ALIBABA_CLOUD_ECS_METADATA: METADATA_ROLE } }),
    SAME
  ],
  [
    'ECS RAM role over the credentials URI',
    () => ({ env: { ALIBABA_CLOUD_CREDENTIALS_URI: emu.credentialsUri! } }),
    SAME
  ],
  [
    'a profile named, in the credentials file only',
    () => ({ cli: cli(ak('ci')), ini: keyIni('prod'), env: { ALIBABA_CLOUD_PROFILE: 'prod' } }),
    SAME
  ],
  // Broken sources: the official chain goes on to the next; the action stops, naming the source.
  [
    'CLI profile without its secret, ECS RAM role available',
    () => ({ cli: cli({ name: 'ci', mode: 'AK', access_key_id: CLI_KEY.id }) }),
    errors('has no valid AccessKeySecret')
  ],
  [
    'a profile named by ALIBABA_CLOUD_PROFILE that is nowhere',
    () => ({ env: { ALIBABA_CLOUD_PROFILE: 'prod' } }),
    errors("Profile 'prod', named by ALIBABA_CLOUD_PROFILE, is neither in")
  ],
  [
    'a token file that is not there, with a CLI profile',
    () => ({
      env: { ...rrsaEnv(), ALIBABA_CLOUD_OIDC_TOKEN_FILE: join(scratch, 'gone') },
      cli: cli(ak('ci'))
    }),
    errors('(ALIBABA_CLOUD_OIDC_TOKEN_FILE) does not exist')
  ],
  [
    'EcsRamRole profile with the metadata service disabled, and a credentials file',
    () => ({
      cli: cli({ name: 'ci', mode: 'EcsRamRole', ram_role_name: METADATA_ROLE }),
      ini: keyIni(),
      env: noMetadataDisabled
    }),
    errors('but ALIBABA_CLOUD_ECS_METADATA_DISABLED is true')
  ],
  [
    'a role named for a metadata service that is not there, with a credentials URI',
    () => ({
      env: {
        ALIBABA_CLOUD_ECS_METADATA: METADATA_ROLE,
        ALIBABA_CLOUD_CREDENTIALS_URI: emu.credentialsUri!
      },
      noMetadata: true
    }),
    errors('could not be reached (ECONNREFUSED), so the RAM role EcsRamRoleForCI')
  ],
  [
    'a credentials file profile of an unknown type, ECS RAM role available',
    () => ({ ini: '[default]\ntype = rsa_key_pair\n' }),
    errors("has type 'rsa_key_pair'")
  ]
]

describe('the action and the official chain, configuration by configuration', () => {
  it.each(ROWS)('%s', async (_, configure, expectation) => {
    const config = configure()
    const home = homeFor(config)
    const theirs = await official(config, home)
    const ours = await action(config, home)
    if (expectation === SAME) {
      expect(theirs.error).toBeUndefined()
      expect(ours).toEqual(theirs)
    } else if ('actionErrors' in expectation) {
      // The chain found something else; the action names the broken source instead.
      expect(theirs.error).toBeUndefined()
      expect(ours.error).toContain(expectation.actionErrors)
    } else {
      expect(theirs.credential).toBeUndefined()
      expect(ours.error).toBeUndefined()
      expect(ours.credential).toBeDefined()
    }
  })
})
