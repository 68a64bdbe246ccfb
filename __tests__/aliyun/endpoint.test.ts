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
    ['http://127.0.0.1.evil.com', /plain http:\/\/ only for loopback/]
  ])('rejects %p', (value, message) => {
    expect(() => parseEndpoint('endpoint', value)).toThrow(message)
  })

  it('derives the public endpoint from the region', () => {
    expect(defaultPaiDswEndpoint('cn-shanghai').origin).toBe(
      'https://pai-dsw.cn-shanghai.aliyuncs.com'
    )
  })
})
