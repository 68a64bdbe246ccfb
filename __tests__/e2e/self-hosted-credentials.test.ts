// The credential sources of a self-hosted runner, through dist/index.js against the emulator: the
// OIDC token file of ACK's RRSA, the aliyun CLI profile, the ECS RAM role from the metadata service
// (moved to loopback for tests), the credentials URI, AssumeRole with a key; their order; and the
// error when nothing is configured. Every run has debug logging on and is scanned for secrets.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretLeaks } from '../helpers/secret-leaks.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { inputsFor, onEcs, pushingThenSaved } from '../helpers/self-hosted-runs.js'
import { callsTo } from '../helpers/run-inspection.js'

const { startEmulator, runAction } = secretScannedRuns()

const KEY = { accessKeyId: 'sh-key-id', accessKeySecret: 'sh-key-secret-0123456789' }
const CLI_KEY = { accessKeyId: 'sh-cli-id', accessKeySecret: 'sh-cli-secret-0123456789' }
const RRSA_PROVIDER = 'acs:ram::123456789012:oidc-provider/ack-rrsa-c0ffee'
const RRSA_ISSUER = 'https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c0ffee'
const RRSA_ROLE = 'acs:ram::123456789012:role/ack-runner'
const SUBJECT = 'system:serviceaccount:arc-runners:runner'
const NARROW_ROLE = 'acs:ram::123456789012:role/pai-dsw-waiter'
const IDS = { 'instance-id': 'dsw-self0001', 'snapshot-id': 'snp-self0001' }

function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    credentials: [KEY, CLI_KEY],
    oidc: {
      providers: [{ arn: RRSA_PROVIDER, issuer: RRSA_ISSUER }],
      roles: [
        { arn: RRSA_ROLE, providerArn: RRSA_PROVIDER, subject: SUBJECT },
        { arn: NARROW_ROLE, assumableBy: [KEY.accessKeyId, CLI_KEY.accessKeyId] }
      ]
    },
    snapshots: [pushingThenSaved(IDS)],
    ...options
  })
}

const inputs = inputsFor(IDS)

const scratch = mkdtempSync(join(tmpdir(), 'self-hosted-e2e-'))
let files = 0
function fileWith(content: string): string {
  const path = join(scratch, `file-${++files}`)
  writeFileSync(path, content)
  return path
}
/** A home directory whose aliyun CLI config has this one profile, current. */
function homeWith(profile: Record<string, unknown>): string {
  const home = join(scratch, `home-${++files}`)
  mkdirSync(join(home, '.aliyun'), { recursive: true })
  const config = { current: 'ci', profiles: [{ name: 'ci', ...profile }] }
  writeFileSync(join(home, '.aliyun', 'config.json'), JSON.stringify(config))
  return home
}

const dswSigners = (emu: Emulator) =>
  new Set(emu.requests.filter(r => r.path.startsWith('/api/')).map(r => r.accessKeyId))
const credentialsLine = (log: string) =>
  log.split('\n').find(line => line.startsWith('Credentials: ')) ?? ''

describe('each source of a self-hosted runner', () => {
  it('the OIDC token file of ACK RRSA: AssumeRoleWithOIDC with the mounted token', async () => {
    const emu = await emulate()
    const token = emu.issueOidcToken({ issuer: RRSA_ISSUER, subject: SUBJECT })
    const env = {
      ALIBABA_CLOUD_ROLE_ARN: RRSA_ROLE,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: RRSA_PROVIDER,
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: fileWith(token)
    }
    const run = await runAction(inputs(emu), { env })
    expect(run.outputs.result).toBe('success')
    expect(credentialsLine(run.log)).toContain(
      `Credentials: RAM role ${RRSA_ROLE} through the OIDC token file`
    )
    expect(callsTo(emu, 'AssumeRoleWithOIDC').map(r => r.statusCode)).toEqual([200])
    const [issued] = emu.issued.credentials
    expect(dswSigners(emu)).toEqual(new Set([issued!.accessKeyId]))
    expect(secretLeaks(run, [token])).toEqual([])
  })

  it('the aliyun CLI profile, in mode AK', async () => {
    const emu = await emulate()
    const HOME = homeWith({
      mode: 'AK',
      access_key_id: CLI_KEY.accessKeyId,
      access_key_secret: CLI_KEY.accessKeySecret
    })
    const run = await runAction(inputs(emu), { env: { HOME } })
    expect(run.outputs.result).toBe('success')
    expect(credentialsLine(run.log)).toMatch(
      /^Credentials: profile ci of .*config\.json: AccessKey$/
    )
    expect(dswSigners(emu)).toEqual(new Set([CLI_KEY.accessKeyId]))
    expect(secretLeaks(run, [CLI_KEY.accessKeySecret])).toEqual([])
  })

  it('the aliyun CLI profile, in mode RamRoleArn: its key assumes its role', async () => {
    const emu = await emulate()
    const HOME = homeWith({
      mode: 'RamRoleArn',
      access_key_id: CLI_KEY.accessKeyId,
      access_key_secret: CLI_KEY.accessKeySecret,
      ram_role_arn: NARROW_ROLE,
      ram_session_name: 'cli-session',
      sts_endpoint: emu.url
    })
    const run = await runAction(inputs(emu, { 'sts-endpoint': '' }), { env: { HOME } })
    expect(run.outputs.result).toBe('success')
    const [assume] = callsTo(emu, 'AssumeRole')
    expect(assume).toMatchObject({ statusCode: 200, accessKeyId: CLI_KEY.accessKeyId })
    expect(dswSigners(emu)).toEqual(new Set([emu.issued.credentials[0]!.accessKeyId]))
    expect(secretLeaks(run, [CLI_KEY.accessKeySecret])).toEqual([])
  })

  it('the ECS RAM role, hardened: a session token first, masked; never asked again within a minute', async () => {
    // Credentials that say they last 5 s, for three polls 1.5 s apart: before, they were fetched
    // again at half their life; now a source is asked at most once a minute, with a warning.
    const emu = await emulate({
      metadata: { roleName: 'runner-role', credentialLifetimeMs: 5000 },
      snapshots: [
        {
          instanceId: IDS['instance-id'],
          snapshotId: IDS['snapshot-id'],
          timeline: [{ status: 'Pushing', polls: 2 }, { status: 'Saved' }]
        }
      ]
    })
    const run = await runAction(
      inputs(emu, { 'poll-interval': '1500ms', 'max-poll-interval': '1500ms' }),
      { env: onEcs(emu) }
    )
    expect(run.outputs.result).toBe('success')
    expect(credentialsLine(run.log)).toBe(
      'Credentials: ECS RAM role (attached to the instance) from the metadata service'
    )
    expect(emu.metadataRequests.map(r => `${r.method} ${r.path}`)).toEqual([
      'PUT /latest/api/token',
      'GET /latest/meta-data/ram/security-credentials/',
      'GET /latest/meta-data/ram/security-credentials/runner-role'
    ])
    // Every read carried the session token the hardened service insists on, masked first.
    const tokens = emu.metadataRequests
      .filter(r => r.method === 'GET')
      .map(r => String(r.headers['x-aliyun-ecs-metadata-token']))
    expect(tokens[0]).toMatch(/\S{8}/)
    expect(new Set(tokens)).toEqual(new Set([tokens[0]]))
    expect(run.log).toContain(`::add-mask::${tokens[0]}`)
    expect(secretLeaks(run, [tokens[0]!])).toEqual([])
    expect(run.log).toMatch(
      /::warning::The credentials of ECS RAM role \(attached to the instance\) are valid for less than a minute/
    )
    expect(dswSigners(emu).size).toBe(1)
    expect(emu.requests.filter(r => r.path.startsWith('/api/'))).toHaveLength(3)
  })

  it('the credentials URI, when the metadata service does not answer in time', async () => {
    const emu = await emulate({ metadata: { delayMs: 3000 }, credentialsUri: {} })
    const run = await runAction(inputs(emu), {
      env: { ...onEcs(emu), ALIBABA_CLOUD_CREDENTIALS_URI: emu.credentialsUri ?? '' }
    })
    expect(run.outputs.result).toBe('success')
    expect(credentialsLine(run.log)).toBe(
      `Credentials: the credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) at ${new URL(emu.url).origin}`
    )
    // One token request, still unanswered when the run was over: the action gave up on it before
    // its answer (3 s) came, and neither waited for it nor asked again.
    expect(emu.metadataRequests).toMatchObject([{ method: 'PUT', statusCode: 0 }])
  })

  it('AssumeRole with the key inputs: role-to-assume without oidc-provider-arn', async () => {
    const emu = await emulate()
    const run = await runAction(
      inputs(emu, {
        ...{ 'access-key-id': KEY.accessKeyId, 'access-key-secret': KEY.accessKeySecret },
        'role-to-assume': NARROW_ROLE
      })
    )
    expect(run.outputs.result).toBe('success')
    expect(credentialsLine(run.log)).toMatch(
      new RegExp(
        `^Credentials: RAM role ${NARROW_ROLE} through AssumeRole \\(session gha-octo-org\\.deploy-4242, STS at 127\\.0\\.0\\.1:\\d+\\), signed with AccessKey from the inputs$`
      )
    )
    const [assume] = callsTo(emu, 'AssumeRole')
    expect(assume).toMatchObject({ statusCode: 200, accessKeyId: KEY.accessKeyId })
    // The key signed AssumeRole only; the role's credentials signed every PAI-DSW call.
    expect(dswSigners(emu)).toEqual(new Set([emu.issued.credentials[0]!.accessKeyId]))
  })

  it('AssumeRole signed with the runner ECS RAM role', async () => {
    // The role trusts any key the emulator accepts, the ECS role's too.
    const oidc = { roles: [{ arn: NARROW_ROLE }] }
    const emu = await emulate({ metadata: { roleName: 'runner-role' }, oidc })
    const ecsKeys = () =>
      emu.issued.credentials.filter(
        c => c.accessKeyId !== emu.issued.credentials.at(-1)!.accessKeyId
      )
    const run = await runAction(inputs(emu, { 'role-to-assume': NARROW_ROLE }), { env: onEcs(emu) })
    expect(run.outputs.result).toBe('success')
    expect(credentialsLine(run.log)).toContain(
      'signed with ECS RAM role (attached to the instance)'
    )
    expect(callsTo(emu, 'AssumeRole')[0]!.accessKeyId).toBe(ecsKeys()[0]!.accessKeyId)
  })
})

describe('the order, and what is not configured', () => {
  it('takes environment keys over a token file, a CLI profile and the metadata service', async () => {
    const emu = await emulate({ metadata: {} })
    const env = {
      ...onEcs(emu),
      ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
      HOME: homeWith({
        mode: 'AK',
        access_key_id: CLI_KEY.accessKeyId,
        access_key_secret: CLI_KEY.accessKeySecret
      })
    }
    const run = await runAction(inputs(emu), { env })
    expect(run.outputs.result).toBe('success')
    expect(dswSigners(emu)).toEqual(new Set([KEY.accessKeyId]))
    expect(emu.metadataRequests).toEqual([])
    // Without the environment keys, the profile is next, still before the metadata service.
    const next = await runAction(inputs(emu), {
      env: { ...env, ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' }
    })
    expect(credentialsLine(next.log)).toContain('Credentials: profile ci')
    expect(emu.metadataRequests).toEqual([])
  })

  it('fails a configured but broken source, never falling through to the next', async () => {
    const emu = await emulate({ metadata: {} })
    const run = await runAction(inputs(emu), {
      env: { ...onEcs(emu), HOME: homeWith({ mode: 'AK', access_key_id: CLI_KEY.accessKeyId }) }
    })
    expect(run.outputs.result).toBe('error')
    expect(run.exitCode).toBe(1)
    expect(run.log).toMatch(
      /::error::Profile 'ci' of the aliyun CLI config .*config\.json has no valid AccessKeySecret/
    )
    expect(emu.metadataRequests).toEqual([])
    expect(emu.requests.filter(r => r.path.startsWith('/api/'))).toEqual([])
  })

  it('with nothing configured and no metadata answer, fails within seconds listing every source', async () => {
    const emu = await emulate({ metadata: { delayMs: 5000 } })
    const run = await runAction(inputs(emu), { env: onEcs(emu) })
    expect(run.outputs.result).toBe('error')
    // Within seconds: one token request, still unanswered when the run was over (its answer was
    // 5 s away), never asked again; the error below says how long the action waited for it.
    expect(emu.metadataRequests).toMatchObject([
      { method: 'PUT', path: '/latest/api/token', statusCode: 0 }
    ])
    const error = run.log
      .split('\n')
      .filter(line => line.startsWith('::error::'))
      .join('\n')
    for (const source of [
      'No credentials: the ECS metadata service at',
      'did not answer within 1 s',
      'access-key-id and access-key-secret',
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
      '~/.aliyun/config.json',
      'ALIBABA_CLOUD_ECS_METADATA',
      'ALIBABA_CLOUD_CREDENTIALS_URI'
    ]) {
      expect(error).toContain(source)
    }
    expect(emu.requests.filter(r => r.path.startsWith('/api/'))).toEqual([])
  })
})
