// Issue 29 through dist/index.js: the credentials URI is https:// or loopback http:// (never
// proxied) and named by its origin only; a named profile must exist and its fields are checked;
// the credentials file; every answer is checked; files are small regular files; a missing
// metadata service is explained. Every run has debug logging on and is scanned for secrets.
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import { join } from 'node:path'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { inputsFor, onEcs, pushingThenSaved } from '../helpers/self-hosted-runs.js'
import { callsTo, errorLine } from '../helpers/run-inspection.js'
import { startForwardProxy } from '../helpers/forward-proxy.js'
import { TEST_CA_FILE, startTlsFront } from '../helpers/tls-front.js'
import { answerWith } from '../helpers/hostile-server.js'
import { scratchFiles } from '../helpers/scratch-files.js'

const { startEmulator, runAction } = secretScannedRuns()

const KEY = { accessKeyId: 'hh-key-id', accessKeySecret: 'hh-key-secret-0123456789' }
const FILE_KEY = { accessKeyId: 'hh-file-id', accessKeySecret: 'hh-file-secret-0123456789' }
const ROLE = 'acs:ram::123456789012:role/pai-dsw-waiter'
const IDS = { 'instance-id': 'dsw-hard0001', 'snapshot-id': 'snp-hard0001' }

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map(cleanup => cleanup()))
})

function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    credentials: [KEY, FILE_KEY],
    oidc: { roles: [{ arn: ROLE, assumableBy: [KEY.accessKeyId, FILE_KEY.accessKeyId] }] },
    snapshots: [pushingThenSaved(IDS)],
    ...options
  })
}
const inputs = inputsFor(IDS)
const dswCalls = (emu: Emulator) => emu.requests.filter(r => r.path.startsWith('/api/'))
const dswSigners = (emu: Emulator) => new Set(dswCalls(emu).map(r => r.accessKeyId))
const credentialsLine = (log: string) =>
  log.split('\n').find(line => line.startsWith('Credentials: ')) ?? ''
/** The step failed cleanly: an explained error, its outputs set, no stack in the debug log. */
function expectExplainedFailure(run: Awaited<ReturnType<typeof runAction>>) {
  expect(run.exitCode).toBe(1)
  expect(run.outputs.result).toBe('error')
  expect(run.log).not.toMatch(/^\s+at /m)
}

const { path, fileWith, fifo } = scratchFiles('hardening-e2e-')
/** A home with an aliyun CLI config (current profile `ci`) and a credentials file, as given. */
function homeWith(files: { cli?: Record<string, unknown>; ini?: string }): string {
  const home = path('home')
  mkdirSync(join(home, '.aliyun'), { recursive: true })
  mkdirSync(join(home, '.alibabacloud'), { recursive: true })
  if (files.cli) {
    const config = { current: 'ci', profiles: [{ name: 'ci', ...files.cli }] }
    writeFileSync(join(home, '.aliyun', 'config.json'), JSON.stringify(config))
  }
  if (files.ini) writeFileSync(join(home, '.alibabacloud', 'credentials'), files.ini)
  return home
}

/** A loopback server answering each path with a fixed body (a hostile URI or metadata service). */
async function answering(
  routes: Record<string, string>
): Promise<{ origin: string; seen: string[] }> {
  const seen: string[] = []
  const server: Server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`)
    const body = routes[request.url ?? '']
    response.writeHead(body === undefined ? 404 : 200).end(body ?? '')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise(resolve => server.close(resolve)))
  const address = server.address()
  return {
    origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    seen
  }
}
/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise(resolve => server.close(resolve))
  return typeof address === 'object' && address ? address.port : 0
}

describe('the credentials URI', () => {
  it('refuses plain http:// to a host that is not this machine, before asking, proxy or not', async () => {
    const emu = await emulate()
    const proxy = await startForwardProxy({ 'creds.proxied.test': '127.0.0.1' })
    cleanups.push(proxy.close)
    const run = await runAction(inputs(emu), {
      env: {
        HTTP_PROXY: proxy.url,
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_CREDENTIALS_URI:
          'http://creds.proxied.test:8080/hidden-path?token=hidden-query'
      }
    })
    expectExplainedFailure(run)
    expect(errorLine(run.log)).toContain(
      'ALIBABA_CLOUD_CREDENTIALS_URI at http://creds.proxied.test:8080 is plain http:// to a host that is not this machine'
    )
    expect(run.log).not.toContain('hidden')
    expect(proxy.seen).toEqual([])
    expect(dswCalls(emu)).toEqual([])
  })

  it('reaches a plain http:// URI on loopback directly, never through the proxy', async () => {
    const emu = await emulate({ credentialsUri: {} })
    const proxy = await startForwardProxy()
    cleanups.push(proxy.close)
    const run = await runAction(inputs(emu), {
      env: {
        HTTP_PROXY: proxy.url,
        HTTPS_PROXY: proxy.url,
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_CREDENTIALS_URI: emu.credentialsUri ?? ''
      }
    })
    expect(run.outputs.result).toBe('success')
    expect(credentialsLine(run.log)).toBe(
      `Credentials: the credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) at ${new URL(emu.url).origin}`
    )
    expect(proxy.seen).toEqual([])
  })

  it('reaches an https:// URI through the proxy, as any HTTPS request', async () => {
    const emu = await emulate({ credentialsUri: {} })
    const front = await startTlsFront(emu.url)
    cleanups.push(front.close)
    const proxy = await startForwardProxy({ 'pai-dsw.proxied.test': '127.0.0.1' })
    cleanups.push(proxy.close)
    const port = new URL(front.url).port
    const run = await runAction(inputs(emu), {
      env: {
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: TEST_CA_FILE,
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_CREDENTIALS_URI: `https://pai-dsw.proxied.test:${port}/credentials-uri?token=hidden-query`
      }
    })
    expect(run.outputs.result).toBe('success')
    expect(credentialsLine(run.log)).toBe(
      `Credentials: the credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) at https://pai-dsw.proxied.test:${port}`
    )
    expect(proxy.seen).toEqual([`CONNECT pai-dsw.proxied.test:${port}`])
    expect(run.log).not.toContain('hidden')
  })

  it('names a URI by scheme, host and port only: no user info, path or query in any message', async () => {
    const emu = await emulate()
    const port = await closedPort()
    const refused = await runAction(inputs(emu), {
      env: {
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_CREDENTIALS_URI: `http://127.0.0.1:${port}/hidden-path?token=hidden-query`
      }
    })
    expectExplainedFailure(refused)
    expect(errorLine(refused.log)).toContain(
      `The credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) at http://127.0.0.1:${port} did not answer: ECONNREFUSED`
    )
    const withUser = await runAction(inputs(emu), {
      env: {
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_CREDENTIALS_URI: `http://agent:hidden-password@127.0.0.1:${port}/`
      }
    })
    expectExplainedFailure(withUser)
    expect(errorLine(withUser.log)).toContain(
      `ALIBABA_CLOUD_CREDENTIALS_URI at http://127.0.0.1:${port} carries a user name or password`
    )
    for (const run of [refused, withUser]) expect(run.log).not.toContain('hidden')
  })

  it('refuses an Expiration without a time zone, whatever TZ says, asking once', async () => {
    const emu = await emulate()
    const body = JSON.stringify({
      Code: 'Success',
      AccessKeyId: 'STS.uri-id',
      AccessKeySecret: 'uri-secret-0123456789',
      SecurityToken: 'uri-token-0123456789',
      Expiration: '2026-12-31T10:00:00'
    })
    const uri = await answering({ '/creds': body })
    const run = await runAction(inputs(emu), {
      env: {
        TZ: 'Asia/Shanghai',
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_CREDENTIALS_URI: `${uri.origin}/creds`
      }
    })
    expectExplainedFailure(run)
    expect(errorLine(run.log)).toContain(
      `The credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) at ${uri.origin} gave credentials without a valid Expiration`
    )
    expect(uri.seen).toEqual(['GET /creds'])
    expect(dswCalls(emu)).toEqual([])
    expect(run.log).not.toContain('uri-secret-0123456789')
  })
})

describe('the aliyun CLI profile', () => {
  it('named by ALIBABA_CLOUD_PROFILE but nowhere, is an error, not the ECS RAM role', async () => {
    const emu = await emulate({ metadata: { roleName: 'runner-role' } })
    const run = await runAction(inputs(emu), {
      env: { ...onEcs(emu), ALIBABA_CLOUD_PROFILE: 'prod' }
    })
    expectExplainedFailure(run)
    expect(errorLine(run.log)).toMatch(
      /^::error::Profile 'prod', named by ALIBABA_CLOUD_PROFILE, is neither in the aliyun CLI config .*config\.json nor in the credentials file .*credentials \(which does not exist\)/
    )
    expect(emu.metadataRequests).toEqual([])
    expect(dswCalls(emu)).toEqual([])
  })

  it('in mode EcsRamRole: its role name is checked, and ALIBABA_CLOUD_ECS_METADATA_DISABLED holds', async () => {
    const emu = await emulate({ metadata: { roleName: 'runner-role' } })
    const traversal = await runAction(inputs(emu), {
      env: {
        ...onEcs(emu),
        HOME: homeWith({ cli: { mode: 'EcsRamRole', ram_role_name: '../../latest/user-data' } })
      }
    })
    expectExplainedFailure(traversal)
    expect(errorLine(traversal.log)).toContain(
      "the ram_role_name of profile 'ci' of the aliyun CLI config"
    )
    const disabled = await runAction(inputs(emu), {
      env: {
        ...onEcs(emu),
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        HOME: homeWith({ cli: { mode: 'EcsRamRole', ram_role_name: 'runner-role' } })
      }
    })
    expectExplainedFailure(disabled)
    expect(errorLine(disabled.log)).toContain(
      'reads the ECS RAM role, but ALIBABA_CLOUD_ECS_METADATA_DISABLED is true'
    )
    expect(emu.metadataRequests).toEqual([])
    const used = await runAction(inputs(emu), {
      env: {
        ...onEcs(emu),
        HOME: homeWith({ cli: { mode: 'EcsRamRole', ram_role_name: 'runner-role' } })
      }
    })
    expect(used.outputs.result).toBe('success')
    expect(credentialsLine(used.log)).toMatch(
      /^Credentials: profile ci of .*config\.json: ECS RAM role runner-role from the metadata service$/
    )
  })

  it('with sts_region and enable_vpc, assumes its role at sts-vpc.<region>', async () => {
    const emu = await emulate()
    // The proxy is the only way out of this test: it knows the VPC endpoint of STS by name and
    // tunnels to the emulator's TLS front, whose test certificate is not for that name.
    const front = await startTlsFront(emu.url)
    cleanups.push(front.close)
    const vpcSts = 'sts-vpc.cn-hangzhou.aliyuncs.com'
    const proxy = await startForwardProxy({ [vpcSts]: `127.0.0.1:${new URL(front.url).port}` })
    cleanups.push(proxy.close)
    const HOME = homeWith({
      cli: {
        mode: 'RamRoleArn',
        access_key_id: KEY.accessKeyId,
        access_key_secret: KEY.accessKeySecret,
        ram_role_arn: ROLE,
        sts_region: 'cn-hangzhou',
        enable_vpc: true
      }
    })
    const run = await runAction(inputs(emu, { 'sts-endpoint': '' }), {
      env: { HOME, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
    })
    expectExplainedFailure(run)
    expect(proxy.seen).toEqual([`CONNECT ${vpcSts}:443`])
    expect(errorLine(run.log)).toContain(`TLS certificate of ${vpcSts} not trusted`)
    expect(dswCalls(emu)).toEqual([])
  })
})

describe('the credentials file', () => {
  const KEY_INI =
    `[default]\ntype = access_key\naccess_key_id = ${FILE_KEY.accessKeyId}\n` +
    `access_key_secret = ${FILE_KEY.accessKeySecret}\n`

  it('signs with its default profile, after the CLI profile and before the ECS RAM role', async () => {
    const emu = await emulate({ metadata: { roleName: 'runner-role' } })
    const run = await runAction(inputs(emu), {
      env: { ...onEcs(emu), HOME: homeWith({ ini: KEY_INI }) }
    })
    expect(run.outputs.result).toBe('success')
    expect(credentialsLine(run.log)).toMatch(
      /^Credentials: profile default of .*\.alibabacloud\/credentials: AccessKey$/
    )
    expect(dswSigners(emu)).toEqual(new Set([FILE_KEY.accessKeyId]))
    expect(emu.metadataRequests).toEqual([])
    const cli = {
      mode: 'AK',
      access_key_id: KEY.accessKeyId,
      access_key_secret: KEY.accessKeySecret
    }
    const both = await runAction(inputs(emu), {
      env: { ...onEcs(emu), HOME: homeWith({ cli, ini: KEY_INI }) }
    })
    expect(credentialsLine(both.log)).toMatch(
      /^Credentials: profile ci of .*config\.json: AccessKey$/
    )
  })

  it('of ALIBABA_CLOUD_CREDENTIALS_FILE, profile ALIBABA_CLOUD_PROFILE of type ram_role_arn: its key assumes the role', async () => {
    const emu = await emulate()
    const file = fileWith(
      `[ci]\ntype = ram_role_arn\naccess_key_id = ${FILE_KEY.accessKeyId}\n` +
        `access_key_secret = ${FILE_KEY.accessKeySecret}\nrole_arn = ${ROLE}\nrole_session_name = file-session\n`
    )
    const run = await runAction(inputs(emu), {
      env: { ALIBABA_CLOUD_CREDENTIALS_FILE: file, ALIBABA_CLOUD_PROFILE: 'ci' }
    })
    expect(run.outputs.result).toBe('success')
    const [assume] = callsTo(emu, 'AssumeRole')
    expect(assume).toMatchObject({ statusCode: 200, accessKeyId: FILE_KEY.accessKeyId })
    expect(dswSigners(emu)).toEqual(new Set([emu.issued.credentials[0]!.accessKeyId]))
  })
})

describe('answers, checked before use', () => {
  it.each([
    [
      'an AccessKeyId that would add to Authorization',
      { AccessKeyId: 'STS.x,Signature=forged' },
      'has no valid AccessKeyId'
    ],
    [
      'a SecurityToken with CR LF',
      { SecurityToken: 'CAIS-token\r\nX-Evil: 1' },
      'has a SecurityToken that is not valid'
    ]
  ])('STS giving %s: a credentials error naming STS, asked once', async (_, fields, why) => {
    const emu = await emulate({
      faults: [
        answerWith(
          200,
          {
            RequestId: 'R-HOSTILE',
            Credentials: {
              AccessKeyId: 'STS.ok',
              AccessKeySecret: 'hostile-secret-0123',
              SecurityToken: 'hostile-token-0123',
              Expiration: '2099-01-01T00:00:00Z',
              ...fields
            }
          },
          { action: 'AssumeRole' }
        )
      ]
    })
    const run = await runAction(
      inputs(emu, {
        ...{ 'access-key-id': KEY.accessKeyId, 'access-key-secret': KEY.accessKeySecret },
        'role-to-assume': ROLE
      })
    )
    expectExplainedFailure(run)
    expect(errorLine(run.log)).toContain(
      `STS AssumeRole (role ${ROLE}) (RequestId: R-HOSTILE) ${why}`
    )
    expect(callsTo(emu, 'AssumeRole')).toHaveLength(1)
    expect(dswCalls(emu)).toEqual([])
    expect(run.log).not.toContain('X-Evil')
  })

  it('the metadata service giving a malformed key: an error naming it, before any PAI-DSW call', async () => {
    const emu = await emulate()
    const path = '/latest/meta-data/ram/security-credentials/'
    const metadata = await answering({
      '/latest/api/token': 'imds-session-token-0123',
      [path]: 'runner-role',
      [`${path}runner-role`]: JSON.stringify({
        Code: 'Success',
        AccessKeyId: 'STS.x"y',
        AccessKeySecret: 'ecs-secret-0123',
        SecurityToken: 'ecs-token-0123',
        Expiration: '2099-01-01T00:00:00Z'
      })
    })
    const run = await runAction(inputs(emu), {
      env: { WAIT_FOR_PAI_DSW_TEST_METADATA_ORIGIN: metadata.origin }
    })
    expectExplainedFailure(run)
    expect(errorLine(run.log)).toContain(
      'The ECS metadata service, for RAM role runner-role, has no valid AccessKeyId'
    )
    expect(run.log).toContain('::add-mask::imds-session-token-0123')
    expect(run.log.replace('::add-mask::imds-session-token-0123', '')).not.toContain(
      'imds-session-token-0123'
    )
    expect(dswCalls(emu)).toEqual([])
  })
})

describe('files', () => {
  const bounded = {
    onSpawn: (child: { kill(): unknown; on(e: 'exit', f: () => void): unknown }) => {
      // A safety net only (the test asserts no timing): a hanging step is killed, and fails.
      const timer = setTimeout(() => child.kill(), 20_000)
      child.on('exit', () => clearTimeout(timer))
    }
  }

  it.each([
    [
      'the OIDC token file',
      () => ({
        ALIBABA_CLOUD_ROLE_ARN: ROLE,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::123456789012:oidc-provider/ack',
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: fifo()
      }),
      /The OIDC token file .*fifo-\d+ \(ALIBABA_CLOUD_OIDC_TOKEN_FILE\) is not a regular file/
    ],
    [
      'the CLI config',
      () => {
        const home = homeWith({})
        execFileSync('mkfifo', [join(home, '.aliyun', 'config.json')])
        return { HOME: home }
      },
      /The aliyun CLI config .*config\.json is not a regular file/
    ],
    [
      'the credentials file',
      () => ({ ALIBABA_CLOUD_CREDENTIALS_FILE: fifo() }),
      /The credentials file .*fifo-\d+ \(ALIBABA_CLOUD_CREDENTIALS_FILE\) is not a regular file/
    ]
  ])('a FIFO as %s is an error naming it, not a hang', async (_, env, message) => {
    const emu = await emulate()
    const run = await runAction(inputs(emu), { env: env(), ...bounded })
    expectExplainedFailure(run)
    expect(errorLine(run.log)).toMatch(message)
    expect(dswCalls(emu)).toEqual([])
  })

  it('a token file over 64 KiB is an error naming it', async () => {
    const emu = await emulate()
    const run = await runAction(inputs(emu), {
      env: {
        ALIBABA_CLOUD_ROLE_ARN: ROLE,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::123456789012:oidc-provider/ack',
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: fileWith('e'.repeat(70_000))
      }
    })
    expectExplainedFailure(run)
    expect(errorLine(run.log)).toMatch(/The OIDC token file .* is 70000 bytes, more than the 65536/)
  })
})

describe('a metadata service that is not there, when a role is named', () => {
  it('is a credentials error naming the address and the role, and how to turn the source off', async () => {
    const emu = await emulate()
    const port = await closedPort()
    const run = await runAction(inputs(emu), {
      env: {
        WAIT_FOR_PAI_DSW_TEST_METADATA_ORIGIN: `http://127.0.0.1:${port}`,
        ALIBABA_CLOUD_ECS_METADATA: 'runner-role'
      }
    })
    expectExplainedFailure(run)
    expect(errorLine(run.log)).toBe(
      `::error::The ECS metadata service at http://127.0.0.1:${port} could not be reached ` +
        '(ECONNREFUSED), so the RAM role runner-role (named by ALIBABA_CLOUD_ECS_METADATA) cannot ' +
        'be read. Run the step on the ECS instance that role is attached to, or unset ' +
        'ALIBABA_CLOUD_ECS_METADATA or set ALIBABA_CLOUD_ECS_METADATA_DISABLED=true to turn this source off'
    )
    expect(run.log).not.toMatch(/endpoint and region|sts-endpoint/)
  })

  it('that does not answer: the same error after its 1 s probe', async () => {
    const emu = await emulate({ metadata: { delayMs: 5000 } })
    const run = await runAction(inputs(emu), {
      env: { ...onEcs(emu), ALIBABA_CLOUD_ECS_METADATA: 'runner-role' }
    })
    expectExplainedFailure(run)
    expect(errorLine(run.log)).toContain(
      `The ECS metadata service at ${emu.metadataUrl} did not answer within 1 s, so the RAM role runner-role`
    )
  })
})
