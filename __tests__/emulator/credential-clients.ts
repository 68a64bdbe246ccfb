// Clients of the emulator's credential sources for its tests: an independent signature V1 (RPC)
// signer written from the documented algorithm, and the official @alicloud/credentials library,
// pointed at the emulator over plain HTTP.
import { createHmac, randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { type Answer, type Caller, acsDate, rfc3986, send } from './signed-request.js'

/** The parameters of an RPC call signed with V1, `Signature` last. */
export function signV1(
  method: 'GET' | 'POST',
  params: Record<string, string>,
  caller: Caller,
  overrides: Record<string, string> = {}
): Record<string, string> {
  const all: Record<string, string> = {
    Format: 'JSON',
    Version: '2015-04-01',
    Timestamp: acsDate(new Date()),
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    AccessKeyId: caller.accessKeyId,
    ...(caller.securityToken === undefined ? {} : { SecurityToken: caller.securityToken }),
    ...params,
    ...overrides
  }
  const canonical = Object.keys(all)
    .sort()
    .map(name => `${rfc3986(name)}=${rfc3986(all[name]!)}`)
    .join('&')
  const toSign = `${method}&${rfc3986('/')}&${rfc3986(canonical)}`
  const signature = createHmac('sha1', `${caller.accessKeySecret}&`).update(toSign).digest('base64')
  return { ...all, Signature: signature }
}

const encode = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .join('&')

/**
 * Sends signed V1 parameters: a GET carries them all in the query; a POST carries the common ones
 * in the query and `bodyNames` in a form body, as the official library does.
 */
export function sendV1(
  baseUrl: string,
  method: 'GET' | 'POST',
  signed: Record<string, string>,
  bodyNames: string[] = []
): Promise<Answer> {
  if (method === 'GET') return send(baseUrl, `/?${encode(signed)}`, {})
  const inBody = Object.entries(signed).filter(([name]) => bodyNames.includes(name))
  const inQuery = Object.entries(signed).filter(([name]) => !bodyNames.includes(name))
  return send(
    baseUrl,
    `/?${encode(Object.fromEntries(inQuery))}`,
    { 'content-type': 'application/x-www-form-urlencoded' },
    { method: 'POST', body: encode(Object.fromEntries(inBody)) }
  )
}

export interface LibraryCredentials {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

interface LibraryRequest {
  protocol: string
  host: string
}

/** A provider of the library: what the tests call, and the transport they redirect. */
export interface LibraryProvider {
  getCredentials(): Promise<LibraryCredentials>
  doRequest: (request: LibraryRequest) => Promise<unknown>
}

type Builder = Record<string, (value: unknown) => Builder> & { build(): LibraryProvider }

interface CredentialsLibrary {
  StaticAKCredentialsProvider: { builder(): Builder }
  StaticSTSCredentialsProvider: { builder(): Builder }
  RAMRoleARNCredentialsProvider: { builder(): Builder }
  OIDCRoleArnCredentialsProvider: { builder(): Builder }
  ECSRAMRoleCredentialsProvider: { builder(): Builder }
  URICredentialsProvider: { builder(): Builder }
}

// A dependency of @alicloud/openapi-client (a devDependency), resolved from it.
const require = createRequire(import.meta.url)
export const credentialsLibrary = createRequire(require.resolve('@alicloud/openapi-client'))(
  '@alicloud/credentials'
) as CredentialsLibrary

/**
 * Builds a provider from `with…` settings, its requests sent over plain HTTP to `host` (the
 * library only speaks HTTPS to STS and only asks 100.100.100.200 for metadata).
 */
export function libraryProvider(
  kind: keyof CredentialsLibrary,
  settings: Record<string, unknown>,
  host?: string
): LibraryProvider {
  let builder = credentialsLibrary[kind].builder()
  for (const [name, value] of Object.entries(settings)) builder = builder[`with${name}`]!(value)
  const provider = builder.build()
  const transport = provider.doRequest
  if (host !== undefined) {
    provider.doRequest = request => {
      request.protocol = 'http'
      request.host = host
      return transport.call(provider, request)
    }
  }
  return provider
}

/** The library's provider of a fixed key (with a token: a fixed STS credential). */
export function staticProvider(caller: Caller): LibraryProvider {
  return caller.securityToken === undefined
    ? libraryProvider('StaticAKCredentialsProvider', {
        AccessKeyId: caller.accessKeyId,
        AccessKeySecret: caller.accessKeySecret
      })
    : libraryProvider('StaticSTSCredentialsProvider', {
        AccessKeyId: caller.accessKeyId,
        AccessKeySecret: caller.accessKeySecret,
        SecurityToken: caller.securityToken
      })
}
