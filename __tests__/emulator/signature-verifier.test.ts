import { describe, expect, it } from '@jest/globals'
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  sha256Hex,
  signatureOf,
  stringToSign
} from '../../emulator/canonical-request.mjs'
import { securityTokenError, verifySignature } from '../../emulator/signature-verifier.mjs'

const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

const headerMap = (headers: Record<string, string>) =>
  new Map(Object.entries(headers).map(([name, value]) => [name, [value]]))

describe("Alibaba's published V3 test vector", () => {
  const headers = headerMap({
    host: 'ecs.cn-shanghai.aliyuncs.com',
    'x-acs-action': 'RunInstances',
    'x-acs-version': '2014-05-26',
    'x-acs-date': '2023-10-26T10:22:32Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
    'x-acs-content-sha256': EMPTY
  })
  const canonical = canonicalRequest({
    method: 'POST',
    rawPath: '/',
    // Deliberately unsorted: the canonical form sorts.
    rawQuery: 'RegionId=cn-shanghai&ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd',
    headers,
    signedHeaders: [...headers.keys()],
    payloadHash: sha256Hex('')
  })

  it('rebuilds the canonical request, string to sign and signature', () => {
    expect(canonical).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action:RunInstances',
        `x-acs-content-sha256:${EMPTY}`,
        'x-acs-date:2023-10-26T10:22:32Z',
        'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
        'x-acs-version:2014-05-26',
        '',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        EMPTY
      ].join('\n')
    )
    const toSign = stringToSign(canonical)
    expect(toSign).toBe(
      'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259'
    )
    expect(signatureOf('YourAccessKeySecret', toSign)).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0'
    )
  })
})

describe('verifySignature with the REST/STS vector', () => {
  const credential = {
    accessKeyId: 'STS.testid',
    accessKeySecret: 'testsecret',
    securityToken: 'testtoken'
  }
  const signedHeaders =
    'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version'
  const request = (signature: string, token = 'testtoken') => ({
    method: 'GET',
    rawPath: '/api/v2/instances/dsw-123456/snapshots/snp-abc',
    rawQuery: '',
    body: Buffer.alloc(0),
    headers: headerMap({
      host: 'pai-dsw.cn-hangzhou.aliyuncs.com',
      'x-acs-accesskey-id': 'STS.testid',
      'x-acs-action': 'GetInstanceSnapshot',
      'x-acs-version': '2022-01-01',
      'x-acs-date': '2024-01-01T00:00:00Z',
      'x-acs-signature-nonce': '0123456789abcdef0123456789abcdef',
      'x-acs-content-sha256': EMPTY,
      'x-acs-security-token': token,
      authorization: `ACS3-HMAC-SHA256 Credential=STS.testid,SignedHeaders=${signedHeaders},Signature=${signature}`
    })
  })
  const good = '5626f795a47cc8dad7bfef5e515a0e9965d6ff5c990de85a17a837f86743697e'
  const find = (id: string) => (id === credential.accessKeyId ? credential : undefined)

  it('accepts the SDK-computed signature', () => {
    expect(verifySignature(request(good), find, Date.now())).toEqual({ credential })
  })

  it('rejects a signature off by one digit, quoting its string to sign', () => {
    const verdict = verifySignature(request(good.replace(/e$/, 'f')), find, Date.now())
    expect(verdict).toMatchObject({ error: { status: 400, code: 'SignatureDoesNotMatch' } })
    expect('error' in verdict && verdict.error.message).toMatch(
      /^Specified signature is not matched with our calculation\. server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/
    )
  })

  it('checks the token before the signature, and its expiry', () => {
    expect(verifySignature(request(good, 'other'), find, Date.now())).toMatchObject({
      error: { code: 'InvalidSecurityToken.Mismatch' }
    })
    const expired = { ...credential, expiration: '2020-01-01T00:00:00Z' }
    expect(verifySignature(request(good), () => expired, Date.now())).toMatchObject({
      error: { code: 'InvalidSecurityToken.Expired' }
    })
  })
})

describe('canonical forms of what arrives on the wire', () => {
  it('normalises path segments per RFC 3986, whatever encoding the client chose', () => {
    const canonical = '/api/v2/instances/dsw~1%20%E4%B8%AD/snapshots/snp%2A1%21'
    for (const received of [
      canonical,
      '/api/v2/instances/dsw%7E1%20%e4%b8%ad/snapshots/snp*1!',
      '/api/v2/instances/dsw%7e1%20%E4%B8%AD/snapshots/snp%2a1%21'
    ]) {
      expect(canonicalUri(received)).toBe(canonical)
    }
    // An encoded slash stays inside its segment.
    expect(canonicalUri('/a%2Fb/c')).toBe('/a%2Fb/c')
  })

  it('sorts and re-encodes the query, keeping empty values and literal plus signs', () => {
    expect(canonicalQueryString('b=2&a=x%20y&c&d=1+1&a=*')).toBe('a=%2A&a=x%20y&b=2&c=&d=1%2B1')
    expect(canonicalQueryString('')).toBe('')
  })
})

describe('securityTokenError', () => {
  it('counts a token with expiresAfterRequests expired from the request after that many', () => {
    const credential = {
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      securityToken: 'token',
      expiresAfterRequests: 2
    }
    const codes = [1, 2, 3, 4].map(() => securityTokenError(credential, 'token', 0)?.code)
    expect(codes).toEqual([
      undefined,
      undefined,
      'InvalidSecurityToken.Expired',
      'InvalidSecurityToken.Expired'
    ])
  })
})
