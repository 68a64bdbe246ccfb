import { describe, expect, it } from '@jest/globals'
import {
  type Emulator,
  type EmulatorOptions as Options,
  emulatorPerTest
} from '../helpers/emulator-per-test.js'
import {
  send,
  signGet,
  signedGet,
  snapshotPath,
  type SignedRequestOptions,
  refusal
} from './signed-request.js'

const CALLER = { accessKeyId: 'AK-gateway', accessKeySecret: 'SK-gateway' }
const STS = { accessKeyId: 'STS.gateway', accessKeySecret: 'SK-sts', securityToken: 'tok-1' }
const GET: SignedRequestOptions = {
  path: snapshotPath('dsw-1', 'snp-1'),
  action: 'GetInstanceSnapshot',
  caller: CALLER
}
const MINUTE = 60_000

const startTestEmulator = emulatorPerTest()

async function emulate(options: Options = {}) {
  const emulator = await startTestEmulator({
    credentials: [CALLER, STS],
    snapshots: [{ instanceId: 'dsw-1', snapshotId: 'snp-1', timeline: [{ status: 'Saved' }] }],
    ...options
  })
  return emulator
}

const get = (emu: Emulator, overrides: Partial<SignedRequestOptions> = {}) =>
  signedGet(emu.url, { ...GET, ...overrides })

describe('every answer', () => {
  it('carries an upper-case request id equal to the body RequestId, and the gateway error shape', async () => {
    const emu = await emulate()
    const ok = await get(emu)
    const refused = await get(emu, { caller: { ...CALLER, accessKeySecret: 'wrong' } })
    for (const answer of [ok, refused]) {
      expect(answer.headers['x-acs-request-id']).toMatch(
        /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/
      )
      expect(answer.json.RequestId).toBe(answer.headers['x-acs-request-id'])
    }
    expect(ok.headers['x-acs-request-id']).not.toBe(refused.headers['x-acs-request-id'])
    const id = refused.json.RequestId as string
    expect(refused.json).toEqual({
      RequestId: id,
      HostId: new URL(emu.url).host,
      Code: 'SignatureDoesNotMatch',
      Message: expect.stringMatching(
        /^Specified signature is not matched with our calculation\. server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/
      ),
      Recommend: `https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=paidsw&requestId=${id}`
    })
    expect(emu.requests.map(r => [r.statusCode, r.code, r.requestId])).toEqual([
      [200, undefined, ok.json.RequestId],
      [400, 'SignatureDoesNotMatch', id]
    ])
  })
})

describe('authentication', () => {
  const authorizations: Array<[string, string | undefined, string]> = [
    ['no Authorization header', undefined, 'MissingAccessKeyId'],
    ['an unsupported algorithm', 'acs AK-gateway:c2lnbmF0dXJl', 'IncompleteSignature'],
    [
      'no signature',
      'ACS3-HMAC-SHA256 Credential=AK-gateway,SignedHeaders=host',
      'MissingSignature'
    ],
    [
      'no SignedHeaders',
      'ACS3-HMAC-SHA256 Credential=AK-gateway,Signature=00',
      'IncompleteSignature'
    ]
  ]
  it.each(authorizations)('refuses %s', async (_name, authorization, code) => {
    const emu = await emulate()
    const { authorization: _signed, ...headers } = signGet(emu.url, GET).headers
    const answer = await send(
      emu.url,
      GET.path,
      authorization ? { ...headers, authorization } : headers
    )
    expect([answer.status, answer.json.Code]).toEqual([400, code])
    expect(emu.requests[0]?.headers.authorization).toBe(authorization)
  })

  it('refuses an unknown access key with 404', async () => {
    const emu = await emulate()
    const answer = await get(emu, { caller: { accessKeyId: 'AK-nobody', accessKeySecret: 'x' } })
    expect(refusal(answer)).toEqual([
      404,
      'InvalidAccessKeyId.NotFound',
      'Specified access key is not found.'
    ])
    expect(emu.requests[0]?.accessKeyId).toBe('AK-nobody')
  })

  it('requires host, the x-acs-* basics and the token to be signed', async () => {
    const emu = await emulate()
    for (const name of ['host', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
      const answer = await get(emu, { unsigned: [name] })
      expect([answer.status, answer.json.Code]).toEqual([400, 'IncompleteSignature'])
      expect(answer.json.Message).toContain(name)
    }
    const answer = await get(emu, { caller: STS, unsigned: ['x-acs-security-token'] })
    expect(answer.json.Code).toBe('IncompleteSignature')
    // Extra signed headers are fine.
    expect((await get(emu, { headers: { 'x-acs-accesskey-id': CALLER.accessKeyId } })).status).toBe(
      200
    )
  })

  it('requires x-acs-content-sha256 to be the hash of the body actually sent', async () => {
    const emu = await emulate()
    const answer = await get(emu, { contentSha256: 'a'.repeat(64) })
    expect(answer.json.Code).toBe('SignatureDoesNotMatch')
    expect(answer.json.Message).toContain('x-acs-content-sha256')
  })

  it('tells a missing, wrong and expired security token apart', async () => {
    const expired = { ...STS, accessKeyId: 'STS.old', expiration: '2001-01-01T00:00:00Z' }
    const emu = await emulate({ credentials: [CALLER, STS, expired] })
    expect((await get(emu, { caller: STS })).status).toBe(200)
    const codes = []
    for (const caller of [
      { ...STS, securityToken: undefined },
      { ...STS, securityToken: 'tok-2' },
      { ...CALLER, securityToken: 'tok-1' },
      expired
    ]) {
      codes.push((await get(emu, { caller })).json.Code)
    }
    expect(codes).toEqual([
      'MissingSecurityToken',
      'InvalidSecurityToken.Mismatch',
      'InvalidSecurityToken.Mismatch',
      'InvalidSecurityToken.Expired'
    ])
  })
})

describe('replay protection', () => {
  it('refuses a nonce used before, but not one a refused request carried', async () => {
    const emu = await emulate()
    const wrong = await get(emu, { nonce: 'n-1', caller: { ...CALLER, accessKeySecret: 'x' } })
    expect(wrong.json.Code).toBe('SignatureDoesNotMatch')
    expect((await get(emu, { nonce: 'n-1' })).status).toBe(200)
    const replay = await get(emu, { nonce: 'n-1' })
    expect([replay.status, replay.json.Code]).toEqual([400, 'SignatureNonceUsed'])
    expect((await get(emu, { nonce: 'n-2' })).status).toBe(200)
  })

  it('accepts x-acs-date within 15 minutes of its own clock and refuses beyond', async () => {
    const emu = await emulate({ clockSkewMs: 60 * MINUTE })
    const serverNow = Date.now() + 60 * MINUTE
    const at = (offset: number) => new Date(serverNow + offset)
    expect((await get(emu, { date: at(14 * MINUTE) })).status).toBe(200)
    expect((await get(emu, { date: at(-14 * MINUTE) })).status).toBe(200)
    const local = await get(emu, { date: new Date() })
    expect([local.status, local.json.Code]).toEqual([400, 'InvalidTimeStamp.Expired'])
    expect((await get(emu, { date: at(16 * MINUTE) })).json.Code).toBe('InvalidTimeStamp.Expired')
    // The Date header tells a client the server's clock, so it can correct itself.
    expect(Math.abs(Date.parse(local.headers.date as string) - serverNow)).toBeLessThan(5000)
  })

  it('refuses a malformed x-acs-date', async () => {
    const emu = await emulate()
    const answer = await get(emu, { headers: { 'x-acs-date': new Date().toISOString() } })
    expect([answer.status, answer.json.Code]).toEqual([400, 'InvalidTimeStamp.Format'])
  })
})

describe('routing', () => {
  it('checks the version and action headers against the path', async () => {
    const emu = await emulate()
    const version = await get(emu, { version: '2021-02-26' })
    expect([version.status, version.json.Code]).toEqual([400, 'InvalidVersion'])
    const action = await get(emu, { action: 'ListInstanceSnapshot' })
    expect([action.status, action.json.Code]).toEqual([400, 'InvalidApi.NotFound'])
  })

  it('answers an unknown path with 404 InvalidApi.NotFound, after authentication', async () => {
    const emu = await emulate()
    const unknown = await get(emu, { path: '/api/v2/instances/dsw-1' })
    expect([unknown.status, unknown.json.Code]).toEqual([404, 'InvalidApi.NotFound'])
    const unsigned = await send(emu.url, '/api/v2/instances/dsw-1', {})
    expect(unsigned.json.Code).toBe('MissingAccessKeyId')
    expect(emu.requests.map(r => r.action)).toEqual(['GetInstanceSnapshot', undefined])
  })
})
