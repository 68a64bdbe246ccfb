import { describe, expect, it } from '@jest/globals'
import { MAX_ID_LENGTH, isPlainId } from '../../src/aliyun/ids.js'

describe('isPlainId', () => {
  it('accepts a plain ID up to its length limit, and no longer', () => {
    expect(MAX_ID_LENGTH).toBe(128)
    expect(isPlainId(`d${'x'.repeat(MAX_ID_LENGTH - 1)}`)).toBe(true)
    expect(isPlainId(`d${'x'.repeat(MAX_ID_LENGTH)}`)).toBe(false)
  })

  it('refuses what could change a path', () => {
    for (const id of ['a/b', 'a..b', '.hidden', 'a%2fb', 'a?b', 'a b', '']) {
      expect(isPlainId(id)).toBe(false)
    }
    expect(isPlainId('dsw-1.a_b')).toBe(true)
  })
})
