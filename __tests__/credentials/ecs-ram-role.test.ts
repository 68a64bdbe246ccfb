// The ECS metadata service read directly (issue 29, items 4 and 6), on a fake transport: each
// refusal and fault named, the session token masked, a missing service explained.
import { describe, expect, it } from '@jest/globals'
import {
  type MetadataSettings,
  NoMetadataService,
  NoRoleAttached,
  metadataSettings,
  readEcsRamRole
} from '../../src/credentials/ecs-ram-role.js'
import { ApiError, CredentialsError } from '../../src/errors.js'
import type { HttpRequest, HttpResponse } from '../../src/http/transport.js'
import { fakeTransport, jsonResponse } from '../helpers/fake-transport.js'

const PATH = '/latest/meta-data/ram/security-credentials/'
const SETTINGS: MetadataSettings = { origin: 'http://100.100.100.200', tokenRequired: false }
const CREDENTIALS = {
  Code: 'Success',
  AccessKeyId: 'STS.ecs',
  AccessKeySecret: 'ecs-secret',
  SecurityToken: 'ecs-token',
  Expiration: '2026-12-31T10:00:00Z'
}
const text = (status: number, body: string): HttpResponse => ({ status, headers: {}, body })

function service(routes: Record<string, HttpResponse | Error>) {
  return (request: HttpRequest) => {
    const path = new URL(request.url).pathname
    return routes[`${request.method} ${path}`] ?? text(404, '')
  }
}
async function read(settings: MetadataSettings, routes: Record<string, HttpResponse | Error>) {
  const masked: string[] = []
  const { transport, sent } = fakeTransport(service(routes))
  const result = await readEcsRamRole(settings, transport, s => masked.push(s), 1000).catch(
    (error: unknown) => error as Error
  )
  return { result, masked, sent }
}
const TOKEN = { 'PUT /latest/api/token': text(200, '  imds-token  \n') }
const refused = new ApiError({ operation: 'PUT /', kind: 'unreachable', code: 'ECONNREFUSED' })

describe('readEcsRamRole', () => {
  it('masks the session token, trimmed, and sends it with every read', async () => {
    const { result, masked, sent } = await read(SETTINGS, {
      ...TOKEN,
      [`GET ${PATH}`]: text(200, '  runner-role \nother\n'),
      [`GET ${PATH}runner-role`]: jsonResponse(200, CREDENTIALS)
    })
    expect(result).toMatchObject({
      roleName: 'runner-role',
      credentials: { accessKeyId: 'STS.ecs' }
    })
    expect(masked).toEqual(['imds-token'])
    expect(sent.slice(1).map(r => r.headers['x-aliyun-ecs-metadata-token'])).toEqual([
      'imds-token',
      'imds-token'
    ])
  })

  it('takes the first role the service lists, past blank lines and spaces', async () => {
    const { result } = await read(SETTINGS, {
      [`GET ${PATH}`]: text(200, '\n\n  runner-role \nother\n'),
      [`GET ${PATH}runner-role`]: jsonResponse(200, CREDENTIALS)
    })
    expect(result).toMatchObject({ roleName: 'runner-role' })
  })

  it('reads without a token when the service gives none (a 200 with a bad one included)', async () => {
    for (const answer of [text(403, 'imds-token'), text(200, 'bad token'), text(200, '')]) {
      const { result, sent } = await read(SETTINGS, {
        'PUT /latest/api/token': answer,
        [`GET ${PATH}`]: text(200, 'r'),
        [`GET ${PATH}r`]: jsonResponse(200, CREDENTIALS)
      })
      expect(result).toMatchObject({ roleName: 'r' })
      expect(sent[1]!.headers).toEqual({})
    }
  })

  it('names a role the service does not know, and the other refusals', async () => {
    const named = { ...SETTINGS, roleName: 'r', roleFrom: 'ALIBABA_CLOUD_ECS_METADATA' }
    const missing = await read(named, TOKEN)
    expect(missing.result).toEqual(
      new CredentialsError(
        'The ECS metadata service, for RAM role r, answered HTTP 404: check that this role is the one attached to the instance'
      )
    )
    const failing = await read(named, { ...TOKEN, [`GET ${PATH}r`]: text(500, '') })
    expect(failing.result).toEqual(
      new CredentialsError('The ECS metadata service, for RAM role r, answered HTTP 500')
    )
    // A fault, with a body or without, is a fault: never taken for "no role attached".
    for (const body of ['x', '']) {
      const unnamed = await read(SETTINGS, { ...TOKEN, [`GET ${PATH}`]: text(500, body) })
      expect(unnamed.result).toEqual(
        new CredentialsError(
          "The ECS metadata service did not name the instance's RAM role (HTTP 500)"
        )
      )
    }
    const badName = await read(SETTINGS, { ...TOKEN, [`GET ${PATH}`]: text(200, 'a/../b') })
    expect(badName.result).toEqual(
      new CredentialsError(
        "The ECS metadata service did not name the instance's RAM role (HTTP 200, got 'a/../b')"
      )
    )
    for (const answer of [text(404, 'x'), text(200, '  \n')]) {
      const none = await read(SETTINGS, { ...TOKEN, [`GET ${PATH}`]: answer })
      expect(none.result).toBeInstanceOf(NoRoleAttached)
      expect(none.result).toEqual(
        new CredentialsError(
          'The ECS metadata service at http://100.100.100.200 answered, but this instance has no RAM role attached'
        )
      )
    }
  })

  it('says what stopped answering, never the hint about endpoint inputs', async () => {
    const reset = new ApiError({
      operation: 'GET /',
      kind: 'network',
      code: 'ECONNRESET',
      serviceMessage: 'socket hang up',
      hint: 'Check the endpoint and region inputs'
    })
    const { result } = await read(SETTINGS, { ...TOKEN, [`GET ${PATH}`]: reset })
    expect(result).toEqual(
      new CredentialsError('The ECS metadata service stopped answering: socket hang up')
    )
    const bare = new ApiError({ operation: 'GET /', kind: 'network' })
    const other = await read(SETTINGS, { ...TOKEN, [`GET ${PATH}`]: bare })
    expect(other.result).toEqual(
      new CredentialsError('The ECS metadata service stopped answering: network')
    )
    const odd = await read(SETTINGS, { ...TOKEN, [`GET ${PATH}`]: new Error('odd') })
    expect(odd.result).toEqual(
      new CredentialsError('The ECS metadata service stopped answering: no answer')
    )
  })

  it('explains a missing service: the address, the role, who named it, how to turn it off', async () => {
    const env = { ...SETTINGS, roleName: 'r', roleFrom: 'ALIBABA_CLOUD_ECS_METADATA' }
    const { result } = await read(env, { 'PUT /latest/api/token': refused })
    expect(result).toBeInstanceOf(NoMetadataService)
    expect((result as Error).message).toBe(
      'The ECS metadata service at http://100.100.100.200 could not be reached (ECONNREFUSED), so ' +
        'the RAM role r (named by ALIBABA_CLOUD_ECS_METADATA) cannot be read. Run the step on the ' +
        'ECS instance that role is attached to, or unset ALIBABA_CLOUD_ECS_METADATA or set ' +
        'ALIBABA_CLOUD_ECS_METADATA_DISABLED=true to turn this source off'
    )
    const profile = { ...env, roleFrom: "the ram_role_name of profile 'ci'" }
    const codeless = new ApiError({ operation: 'PUT /', kind: 'unreachable' })
    const fromProfile = await read(profile, { 'PUT /latest/api/token': codeless })
    expect((fromProfile.result as Error).message).toBe(
      "The ECS metadata service at http://100.100.100.200 could not be reached (unreachable), so the RAM role r (named by the ram_role_name of profile 'ci') cannot be read. Run the step on the ECS instance that role is attached to, or use another source: set ALIBABA_CLOUD_ECS_METADATA_DISABLED=true to turn this source off"
    )
    const timeout = new ApiError({ operation: 'PUT /', kind: 'network', code: 'TIMEOUT' })
    const silent = await read(SETTINGS, { 'PUT /latest/api/token': timeout })
    expect((silent.result as Error).message).toBe(
      'The ECS metadata service at http://100.100.100.200 did not answer within 1 s'
    )
    // An HTTP answer, even a failing one, is a service that is there.
    const answered = new ApiError({ operation: 'PUT /', kind: 'server', httpStatus: 502 })
    const there = await read(SETTINGS, { 'PUT /latest/api/token': answered })
    expect(there.result).toBe(answered)
  })
})

describe('metadataSettings', () => {
  it('trims the role name and the test origin', () => {
    expect(
      metadataSettings({
        ALIBABA_CLOUD_ECS_METADATA: ' r ',
        WAIT_FOR_PAI_DSW_TEST_METADATA_ORIGIN: ' http://127.0.0.1:8 '
      })
    ).toEqual({
      origin: 'http://127.0.0.1:8',
      roleName: 'r',
      tokenRequired: false,
      roleFrom: 'ALIBABA_CLOUD_ECS_METADATA'
    })
  })
})
