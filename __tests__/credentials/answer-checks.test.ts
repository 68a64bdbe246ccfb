// Every credential answer is checked before use (issue 29, item 4): the fields of STS, the
// metadata service, a credentials URI and the files, and the Expiration that times a session.
import { describe, expect, it } from '@jest/globals'
import {
  MAX_SECRET_LENGTH,
  MAX_TOKEN_LENGTH,
  checkedCredentials,
  parseExpiration
} from '../../src/aliyun/credential-fields.js'
import { assumeRole } from '../../src/aliyun/sts-client.js'
import { CredentialsError } from '../../src/errors.js'
import { fakeTransport, jsonResponse } from '../helpers/fake-transport.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

const GOOD = { accessKeyId: 'STS.id-1', accessKeySecret: 'sec+/=ret', securityToken: 'CAIS+/=tok' }
const check = (fields: Partial<typeof GOOD>) => () =>
  checkedCredentials({ ...GOOD, ...fields }, 'The source')

describe('checkedCredentials', () => {
  it('takes printable ASCII without spaces, commas or quotes, of bounded length', () => {
    expect(check({})()).toEqual(GOOD)
    expect(check({ securityToken: '' })()).toEqual({
      accessKeyId: GOOD.accessKeyId,
      accessKeySecret: GOOD.accessKeySecret
    })
    expect(
      check({ accessKeySecret: 'x'.repeat(MAX_SECRET_LENGTH) })().accessKeySecret
    ).toHaveLength(MAX_SECRET_LENGTH)
    expect(check({ securityToken: 't'.repeat(MAX_TOKEN_LENGTH) })().securityToken).toHaveLength(
      MAX_TOKEN_LENGTH
    )
  })

  it.each([
    ['an ID that adds a field to Authorization', { accessKeyId: 'id,Signature=x' }, 'AccessKeyId'],
    ['an ID with a space', { accessKeyId: 'id x' }, 'AccessKeyId'],
    ['an empty ID', { accessKeyId: '' }, 'AccessKeyId'],
    ['an ID of 129 characters', { accessKeyId: 'i'.repeat(129) }, 'AccessKeyId'],
    ['a secret with a comma', { accessKeySecret: 'a,b' }, 'AccessKeySecret'],
    ['a secret with a double quote', { accessKeySecret: 'a"b' }, 'AccessKeySecret'],
    ['a secret with a single quote', { accessKeySecret: "a'b" }, 'AccessKeySecret'],
    ['a secret with a space', { accessKeySecret: 'a b' }, 'AccessKeySecret'],
    [
      'a secret too long',
      { accessKeySecret: 'x'.repeat(MAX_SECRET_LENGTH + 1) },
      'AccessKeySecret'
    ],
    ['a token with CR LF', { securityToken: 'tok\r\nX-Evil: 1' }, 'SecurityToken'],
    ['a token with a tab', { securityToken: 'tok\tx' }, 'SecurityToken'],
    ['a token with non-ASCII', { securityToken: 'tök' }, 'SecurityToken'],
    ['a token too long', { securityToken: 't'.repeat(MAX_TOKEN_LENGTH + 1) }, 'SecurityToken']
  ])('refuses %s, naming the source and never the secret', (_, fields, field) => {
    expect(check(fields)).toThrow(CredentialsError)
    expect(check(fields)).toThrow(new RegExp(`^The source has (no valid|a) ${field}`))
    let message = ''
    try {
      check(fields)()
    } catch (error) {
      message = (error as Error).message
    }
    if (field !== 'AccessKeyId') {
      expect(message).not.toContain(Object.values(fields)[0]!.slice(0, 5))
    }
  })
})

describe('checkedCredentials, with fields that are not text', () => {
  it('names a missing ID, and reads a null token as none', () => {
    expect(() =>
      checkedCredentials({ accessKeyId: 7, accessKeySecret: 's' }, 'The source')
    ).toThrow(new Error('The source has no valid AccessKeyId (got none)'))
    expect(
      checkedCredentials({ accessKeyId: 'i', accessKeySecret: 's', securityToken: null }, 'x')
    ).toEqual({ accessKeyId: 'i', accessKeySecret: 's' })
  })
})

describe('parseExpiration', () => {
  it('trims the time, and names what it refuses in full', () => {
    expect(parseExpiration(' 2026-12-31T10:00:00Z ', 'x').toISOString()).toBe(
      '2026-12-31T10:00:00.000Z'
    )
    expect(() => parseExpiration(12, 'The source')).toThrow(
      new Error(
        'The source gave credentials without a valid Expiration (a UTC time such as ' +
          '2026-12-31T10:00:00Z, or one with an offset; got none)'
      )
    )
    expect(() => parseExpiration('soon', 'The source')).toThrow(
      new Error(
        'The source gave credentials without a valid Expiration (a UTC time such as ' +
          "2026-12-31T10:00:00Z, or one with an offset; got 'soon')"
      )
    )
  })

  it.each([
    ['2026-12-31T10:00:00Z', '2026-12-31T10:00:00.000Z'],
    ['2026-12-31T10:00:00.123Z', '2026-12-31T10:00:00.123Z'],
    ['2026-12-31T18:00:00+08:00', '2026-12-31T10:00:00.000Z'],
    ['2026-12-31T05:00:00-05:00', '2026-12-31T10:00:00.000Z']
  ])('reads %s with its zone', (text, utc) => {
    expect(parseExpiration(text, 'The source').toISOString()).toBe(utc)
  })

  it.each([
    '2026-12-31T10:00:00',
    '2026-12-31 10:00:00Z',
    '2026-12-31',
    'tomorrow',
    '2026-13-45T10:00:00Z',
    '2026-12-31T10:00:00+0800'
  ])('refuses %p, which has no zone or is no time, naming the source', text => {
    expect(() => parseExpiration(text, 'The credentials URI')).toThrow(
      /^The credentials URI gave credentials without a valid Expiration/
    )
  })

  it('is the same whatever the runner time zone', () => {
    // Date parsing of zoned times does not look at TZ; a zoneless one is refused above.
    const before = process.env.TZ
    process.env.TZ = 'Asia/Shanghai'
    try {
      expect(parseExpiration('2026-12-31T10:00:00Z', 'x').getTime()).toBe(
        Date.UTC(2026, 11, 31, 10)
      )
    } finally {
      process.env.TZ = before
    }
  })
})

describe('STS answers', () => {
  const role = { roleArn: 'acs:ram::1:role/r', roleSessionName: 'gha-s', durationSeconds: 3600 }
  const answer = (fields: Record<string, string>, requestId: string | undefined = 'R-1') =>
    jsonResponse(200, {
      RequestId: requestId,
      Credentials: {
        AccessKeyId: 'STS.ok',
        AccessKeySecret: 'secret',
        SecurityToken: 'token',
        Expiration: '2026-12-31T10:00:00Z',
        ...fields
      }
    })
  const call = (fields: Record<string, string>, requestId?: string) => {
    const { transport, sent } = fakeTransport(() => answer(fields, requestId))
    const promise = assumeRole(
      role,
      { accessKeyId: 'k', accessKeySecret: 's' },
      {
        endpoint: {
          protocol: 'https',
          host: 'sts.aliyuncs.com',
          origin: 'https://sts.aliyuncs.com'
        },
        transport,
        clock: new VirtualClock(Date.parse('2026-12-31T09:00:00Z')),
        timeoutMs: 30_000,
        context: {
          roleArn: role.roleArn,
          durationSeconds: 3600,
          caller: { kind: 'key', source: 'x' }
        }
      }
    )
    return { promise, sent }
  }

  it('takes well-formed credentials, asked for by a signed POST that wants JSON', async () => {
    const { promise, sent } = call({})
    expect((await promise).credentials.accessKeyId).toBe('STS.ok')
    expect(sent.map(r => [r.method, r.headers.accept])).toEqual([['POST', 'application/json']])
    expect(sent[0]!.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=k,/)
  })

  it('leaves the RequestId out of the error when STS gave none', async () => {
    const error = await call({ AccessKeyId: 'STS.x,y' }, '').promise.catch((e: unknown) => e)
    expect((error as Error).message).toMatch(
      /^STS AssumeRole \(role acs:ram::1:role\/r\) has no valid AccessKeyId/
    )
  })

  it.each([
    [{ AccessKeyId: 'STS.x,Signature=forged' }, 'has no valid AccessKeyId'],
    [{ SecurityToken: 'tok\r\nX-Evil: 1' }, 'has a SecurityToken that is not valid'],
    [{ AccessKeySecret: 'a"b' }, 'has no valid AccessKeySecret'],
    [{ Expiration: '2026-12-31T10:00:00' }, 'gave credentials without a valid Expiration']
  ])('refuses %p once, as a credentials error naming STS, never retried', async (fields, why) => {
    const { promise, sent } = call(fields)
    const error = await promise.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CredentialsError)
    expect((error as Error).message).toMatch(
      new RegExp(`^STS AssumeRole \\(role acs:ram::1:role/r\\) \\(RequestId: R-1\\) ${why}`)
    )
    expect(sent).toHaveLength(1)
  })
})
