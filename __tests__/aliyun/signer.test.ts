import { describe, expect, it } from '@jest/globals'
import {
  canonicalQueryString,
  formatAcsDate,
  newNonce,
  percentEncode,
  signRequest
} from '../../src/aliyun/signer.js'

describe('signRequest', () => {
  it('reproduces the official ACS3-HMAC-SHA256 test vector', () => {
    const signed = signRequest(
      {
        method: 'POST',
        host: 'ecs.cn-shanghai.aliyuncs.com',
        path: '/',
        query: {
          RegionId: 'cn-shanghai',
          ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'
        },
        action: 'RunInstances',
        version: '2014-05-26'
      },
      { accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' },
      { now: new Date('2023-10-26T10:22:32Z'), nonce: '3156853299f313e23d1673dc12e1703d' }
    )
    expect(signed.canonicalRequest).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action:RunInstances',
        'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-acs-date:2023-10-26T10:22:32Z',
        'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
        'x-acs-version:2014-05-26',
        '',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
      ].join('\n')
    )
    expect(signed.stringToSign).toBe(
      'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259'
    )
    expect(signed.signature).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0'
    )
    expect(signed.headers.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,' +
        'SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,' +
        'Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0'
    )
  })

  it('reproduces the SDK-computed vector for a REST path with an STS token', () => {
    const signed = signRequest(
      {
        method: 'GET',
        host: 'pai-dsw.cn-hangzhou.aliyuncs.com',
        path: '/api/v2/instances/dsw-123456/snapshots/snp-abc',
        action: 'GetInstanceSnapshot',
        version: '2022-01-01'
      },
      { accessKeyId: 'STS.testid', accessKeySecret: 'testsecret', securityToken: 'testtoken' },
      { now: new Date('2024-01-01T00:00:00Z'), nonce: '0123456789abcdef0123456789abcdef' }
    )
    expect(signed.headers.authorization).toContain(
      'SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;' +
        'x-acs-security-token;x-acs-signature-nonce;x-acs-version,'
    )
    expect(signed.signature).toBe(
      '5626f795a47cc8dad7bfef5e515a0e9965d6ff5c990de85a17a837f86743697e'
    )
    expect(signed.headers['x-acs-security-token']).toBe('testtoken')
  })

  it('signs content-type and the body hash when there is a body', () => {
    const signed = signRequest(
      {
        method: 'POST',
        host: 'h',
        path: '/',
        body: 'a=1',
        contentType: 'text/plain',
        action: 'A',
        version: 'v'
      },
      { accessKeyId: 'id', accessKeySecret: 's' },
      { now: new Date(0), nonce: 'n' }
    )
    expect(signed.canonicalRequest).toContain('content-type:text/plain\n')
    expect(signed.headers['x-acs-content-sha256']).toBe(
      'c22fea5d7428e5cf47ef6354c97c9223c95d6dcdc3e0d2300ff79056b1ff3d85'
    )
  })
})

describe('encoding helpers', () => {
  it('percent-encodes per RFC 3986 as the signature requires', () => {
    expect(percentEncode("a b*c~d'e(f)!")).toBe('a%20b%2Ac~d%27e%28f%29%21')
    expect(percentEncode('snp/../x')).toBe('snp%2F..%2Fx')
  })

  it('sorts the query by name and keeps empty values as name=', () => {
    expect(canonicalQueryString({ b: '2', a: '', C: 'x y' })).toBe('C=x%20y&a=&b=2')
    expect(canonicalQueryString()).toBe('')
  })

  it('formats the date without milliseconds', () => {
    expect(formatAcsDate(new Date('2024-05-06T07:08:09.123Z'))).toBe('2024-05-06T07:08:09Z')
  })

  it('makes a fresh 32-hex-digit nonce each time', () => {
    const a = newNonce()
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(newNonce()).not.toBe(a)
  })
})
