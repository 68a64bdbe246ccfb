import { describe, expect, it } from '@jest/globals'
import { isLoopbackHost } from '../../src/http/loopback.js'

describe('isLoopbackHost', () => {
  it.each([
    'localhost',
    'LocalHost',
    '[::1]',
    '::1',
    '127.0.0.1',
    '127.1.2.3',
    '127.10.20.30',
    '127.100.200.250',
    '127.255.255.255',
    '127.0.0.0'
  ])('takes %p for this machine', host => {
    expect(isLoopbackHost(host)).toBe(true)
  })

  it.each([
    // Not in 127.0.0.0/8, or not an address at all.
    '128.0.0.1',
    '10.0.0.1',
    '0.0.0.0',
    '[::2]',
    'localhost.evil.com',
    '127.0.0.1.evil.com',
    // A name that merely ends with a loopback address.
    'evil127.0.0.1',
    'evil.127.0.0.1',
    // Octets beyond 255, in any position, and spellings no URL gives a loopback address.
    '127.256.0.1',
    '127.0.256.1',
    '127.0.0.256',
    '127.1.2.300',
    '127.256.256.256',
    '127.00001.0.1',
    '127.0.0',
    '127.0.0.1.'
  ])('does not take %p for this machine', host => {
    expect(isLoopbackHost(host)).toBe(false)
  })
})
