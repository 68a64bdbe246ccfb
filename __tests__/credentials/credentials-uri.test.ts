// The credentials URI and the answers of temporary credentials (issue 29, items 1 and 4), on a
// fake transport: which transport is used, what is asked, and how a refusal or a fault is named.
import { describe, expect, it } from '@jest/globals'
import { credentialsUri, readCredentialsUri } from '../../src/credentials/credentials-uri.js'
import { parseExpiringCredentials } from '../../src/credentials/credentials-json.js'
import { ApiError } from '../../src/errors.js'
import { fakeTransport, jsonResponse } from '../helpers/fake-transport.js'

const ANSWER = {
  Code: 'Success',
  AccessKeyId: 'STS.uri',
  AccessKeySecret: 'uri-secret',
  SecurityToken: 'uri-token',
  Expiration: '2026-12-31T10:00:00Z'
}
const uri = (value: string) => credentialsUri({ ALIBABA_CLOUD_CREDENTIALS_URI: value })!

describe('credentialsUri', () => {
  it('trims the variable, and reads none when it is empty', () => {
    expect(uri('  https://agent.test/c  ').href).toBe('https://agent.test/c')
    expect(credentialsUri({ ALIBABA_CLOUD_CREDENTIALS_URI: '  ' })).toBeUndefined()
    expect(credentialsUri({})).toBeUndefined()
  })

  it.each(['xhttps://agent.test/', 'ftp://agent.test/http:', 'https+x://agent.test/'])(
    'refuses the scheme of %s',
    value => {
      expect(() => uri(value)).toThrow('must be an https:// URL (or http:// to a loopback host)')
    }
  )

  it('refuses a user name alone or a password alone, and says what to do', () => {
    for (const value of ['https://user@agent.test/', 'https://:pw@agent.test/']) {
      expect(() => uri(value)).toThrow(
        'ALIBABA_CLOUD_CREDENTIALS_URI at https://agent.test:443 carries a user name or password, which would be sent along and shown in logs: put what the agent needs in its path or query instead'
      )
    }
    expect(() => uri('http://agent.test/')).toThrow(
      'credentials would cross the network in clear. Use https://, or http:// to localhost, 127.0.0.1 or [::1]'
    )
  })
})

describe('readCredentialsUri', () => {
  const read = (value: string, answer: () => ReturnType<typeof jsonResponse> | Error) => {
    const direct = fakeTransport(answer)
    const proxied = fakeTransport(answer)
    const promise = readCredentialsUri(
      uri(value),
      { transport: proxied.transport, direct: direct.transport },
      4000
    )
    return { promise, direct: direct.sent, proxied: proxied.sent }
  }

  it('asks a plain loopback URI directly and an https:// one through the usual transport', async () => {
    const plain = read('http://127.0.0.1:9/c?t=1', () => jsonResponse(200, ANSWER))
    expect((await plain.promise).credentials.accessKeyId).toBe('STS.uri')
    expect(plain.direct).toEqual([
      {
        url: 'http://127.0.0.1:9/c?t=1',
        method: 'GET',
        headers: { accept: 'application/json' },
        timeoutMs: 4000
      }
    ])
    expect(plain.proxied).toEqual([])
    const secure = read('https://agent.test/c', () => jsonResponse(200, ANSWER))
    await secure.promise
    expect([secure.direct.length, secure.proxied.length]).toEqual([0, 1])
  })

  it.each([
    [
      new ApiError({ operation: 'GET /c', kind: 'network', code: 'TIMEOUT' }),
      'no complete response in time'
    ],
    [new ApiError({ operation: 'GET /c', kind: 'network', code: 'ECONNRESET' }), 'ECONNRESET'],
    [
      new ApiError({ operation: 'GET /hidden', kind: 'network', code: 'bad code /hidden' }),
      'network error'
    ],
    [
      new ApiError({ operation: 'GET /hidden', kind: 'network', code: 'X'.repeat(41) }),
      'network error'
    ],
    [
      new ApiError({ operation: 'GET /hidden', kind: 'network', code: 'x/hidden/ECONNRESET' }),
      'network error'
    ],
    [
      new ApiError({ operation: 'GET /hidden', kind: 'network', code: 'ECONNRESET /hidden' }),
      'network error'
    ],
    [new Error('GET /hidden failed'), 'network error']
  ])('names a fault by its code only: %p', async (error, what) => {
    const { promise } = read('https://agent.test/hidden?t=hidden', () => error)
    await expect(promise).rejects.toThrow(
      new Error(
        `The credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) at https://agent.test:443 did not answer: ${what}`
      )
    )
  })
})

describe('parseExpiringCredentials', () => {
  const parse = (body: unknown) => () =>
    parseExpiringCredentials(JSON.stringify(body), 'The source')

  it('refuses JSON that is not an object', () => {
    for (const body of [null, [ANSWER], 'text', 42]) {
      expect(parse(body)).toThrow(new Error('The source answered with JSON that is not an object'))
    }
  })

  it('takes a Code of Success, or none (null included); refuses any other, naming it', () => {
    const { Code: _, ...withoutCode } = ANSWER
    expect(parse(withoutCode)().credentials.accessKeyId).toBe('STS.uri')
    expect(parse({ ...ANSWER, Code: null })().credentials.accessKeyId).toBe('STS.uri')
    expect(parse({ ...ANSWER, Code: 'Failed' })).toThrow(
      "The source refused to give credentials: Code is not Success (got 'Failed')"
    )
    expect(parse({ ...ANSWER, Code: 7 })).toThrow(
      'The source refused to give credentials: Code is not Success (got no string)'
    )
  })
})
