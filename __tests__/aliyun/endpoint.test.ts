import { describe, expect, it } from '@jest/globals'
import { defaultPaiDswEndpoint, parseEndpoint, parseRegion } from '../../src/aliyun/endpoint.js'

describe('parseRegion', () => {
  it.each(['cn-hangzhou', 'ap-southeast-1', 'cn-shanghai-finance-1', 'eu-central-1', 'us-west-1'])(
    'accepts %p',
    region => expect(parseRegion('region', region)).toBe(region)
  )

  it.each([
    'CN-HANGZHOU',
    'cn_hangzhou',
    'hangzhou',
    'cn-hangzhou.evil.com',
    'evil.com/cn-hangzhou',
    'cn-hangzhou#',
    'cn-hangzhou\n',
    'a'.repeat(50)
  ])('rejects %p', region => {
    expect(() => parseRegion('region', region)).toThrow(/^Input 'region' must be a region ID/)
  })

  it('accepts a region ID of up to 40 characters, and no longer', () => {
    const of = (length: number) => `cn-${'a'.repeat(length - 3)}`
    expect(parseRegion('region', of(40))).toBe(of(40))
    expect(() => parseRegion('region', of(41))).toThrow(/^Input 'region' must be a region ID/)
  })
})

describe('parseEndpoint', () => {
  it('accepts a bare host and defaults to https', () => {
    expect(parseEndpoint('endpoint', 'pai-dsw-vpc.cn-hangzhou.aliyuncs.com')).toEqual({
      protocol: 'https',
      host: 'pai-dsw-vpc.cn-hangzhou.aliyuncs.com',
      origin: 'https://pai-dsw-vpc.cn-hangzhou.aliyuncs.com'
    })
  })

  it('keeps a port and accepts http:// for loopback hosts only', () => {
    expect(parseEndpoint('endpoint', 'http://127.0.0.1:8080').origin).toBe('http://127.0.0.1:8080')
    expect(parseEndpoint('endpoint', 'http://localhost:9').host).toBe('localhost:9')
    expect(parseEndpoint('endpoint', 'http://[::1]:9').host).toBe('[::1]:9')
    expect(parseEndpoint('endpoint', 'https://example.com:8443/').host).toBe('example.com:8443')
  })

  it.each([
    ['http://example.com', /plain http:\/\/ only for loopback/],
    ['http://10.0.0.1', /plain http:\/\/ only for loopback/],
    ['ftp://example.com', /must use https/],
    ['https://user:pw@example.com', /must not contain user name or password/],
    ['https://example.com/path', /without path, query or fragment/],
    ['https://example.com?x=1', /without path, query or fragment/],
    ['example.com#frag', /without path, query or fragment/],
    ['exa mple.com', /must be a host name/],
    ['-bad-.com', /must be a host name/],
    ['http://127.0.0.1.evil.com', /plain http:\/\/ only for loopback/],
    // A scheme counts only at the start: this is a host with a query.
    ['example.com?next=https://x', /without path, query or fragment/]
  ])('rejects %p', (value, message) => {
    expect(() => parseEndpoint('endpoint', value)).toThrow(message)
  })

  it('refuses a user name alone, and a password alone', () => {
    for (const value of ['https://user@example.com', 'https://:pw@example.com']) {
      expect(() => parseEndpoint('endpoint', value)).toThrow(/must not contain user name/)
    }
  })

  it('accepts a host name up to 253 characters, and no longer', () => {
    const hostOf = (length: number) => {
      const labels = Array.from({ length: Math.ceil(length / 50) }, () => 'a'.repeat(49))
      return labels.join('.').slice(0, length).replace(/\.$/, 'b')
    }
    expect(hostOf(253)).toHaveLength(253)
    expect(parseEndpoint('endpoint', hostOf(253)).host).toBe(hostOf(253))
    expect(() => parseEndpoint('endpoint', hostOf(254))).toThrow(/must be a host name/)
  })

  it('names the input and an example in its error', () => {
    expect(() => parseEndpoint('endpoint', 'https://')).toThrow(
      "Input 'endpoint' must be a host name or https:// URL such as " +
        'pai-dsw-vpc.cn-hangzhou.aliyuncs.com (http:// only for loopback hosts)'
    )
  })

  it('derives the public endpoint from the region', () => {
    expect(defaultPaiDswEndpoint('cn-shanghai').origin).toBe(
      'https://pai-dsw.cn-shanghai.aliyuncs.com'
    )
  })
})
