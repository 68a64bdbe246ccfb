// The oracle: Alibaba's official generic client signs requests; the emulator must accept exactly
// the genuine ones. If the emulator and the SDK agree, the emulator can judge the action's signer.
import { describe, expect, it } from '@jest/globals'
import { type AddressInfo } from 'node:net'
import { createServer, request as httpRequest } from 'node:http'
import { createRequire } from 'node:module'
import { type Emulator, emulatorPerTest } from '../helpers/emulator-per-test.js'
import { rfc3986, snapshotPath, successEnvelope } from './signed-request.js'

// The SDK is CommonJS; its RuntimeOptions class comes from its own dependency, resolved from it.
const require = createRequire(import.meta.url)
const OpenApi = require('@alicloud/openapi-client') as typeof import('@alicloud/openapi-client')
const TeaUtil = createRequire(require.resolve('@alicloud/openapi-client'))(
  '@alicloud/tea-util'
) as typeof import('@alicloud/tea-util')
const Tea = createRequire(require.resolve('@alicloud/openapi-client'))(
  '@alicloud/tea-typescript'
) as typeof import('@alicloud/tea-typescript')

/** A slice of the generated PAI-DSW SDK's GetInstanceSnapshotResponseBody, read the SDK's way. */
class SnapshotBodyModel extends Tea.Model {
  static names() {
    return { status: 'Status', reasonCode: 'ReasonCode', reasonMessage: 'ReasonMessage' }
  }

  static types() {
    return { status: 'string', reasonCode: 'string', reasonMessage: 'string' }
  }
}

const KEY = { accessKeyId: 'LTAI-oracle-key', accessKeySecret: 'oracle-secret-0123456789' }
const STS = {
  accessKeyId: 'STS.oracle-key',
  accessKeySecret: 'sts-secret-0123456789',
  securityToken: 'CAIS-oracle-token'
}
const SNAPSHOT = {
  instanceId: 'dsw-1',
  snapshotId: 'snp-1',
  snapshotName: 'training_data_env',
  imageUrl: 'registry.cn-hangzhou.aliyuncs.com/pai/env:v1',
  imageId: 'image-05cefd0be2e',
  gmtCreateTime: '2026-01-12T14:36:01Z',
  labels: [{ Key: 'team', Value: 'ml' }],
  excludePaths: ['/mnt/data'],
  timeline: [{ status: 'Pushing' }]
}
// Characters a path segment must percent-encode, and `~`, which it must not.
const ODD = { instanceId: 'dsw~1 中', snapshotId: "snp*1 x!'()", timeline: [{ status: 'Saved' }] }

const startTestEmulator = emulatorPerTest()

async function emulate() {
  const emulator = await startTestEmulator({ credentials: [KEY, STS], snapshots: [SNAPSHOT, ODD] })
  return emulator
}

interface SdkCredentials {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

async function getWithSdk(emu: Emulator, credentials: SdkCredentials, pathname: string) {
  const client = new OpenApi.default(
    new OpenApi.Config({ ...credentials, endpoint: new URL(emu.url).host, protocol: 'http' })
  )
  const params = new OpenApi.Params({
    action: 'GetInstanceSnapshot',
    version: '2022-01-01',
    protocol: 'HTTP',
    pathname,
    method: 'GET',
    authType: 'AK',
    style: 'ROA',
    bodyType: 'json',
    reqBodyType: 'json'
  })
  const runtime = new TeaUtil.RuntimeOptions({ readTimeout: 5000, connectTimeout: 5000 })
  return client.callApi(params, new OpenApi.OpenApiRequest({}), runtime)
}

/** The SDK's error for a 4xx/5xx: `code` plus the parsed body in `data`. */
async function sdkError(call: Promise<unknown>) {
  const error = await call.then(
    () => {
      throw new Error('the emulator accepted a request it should have refused')
    },
    (caught: unknown) => caught as { code: string; data: Record<string, unknown> }
  )
  return error
}

describe('requests signed by the official @alicloud/openapi-client', () => {
  it('are accepted with the snapshot in the body', async () => {
    const emu = await emulate()
    const response = await getWithSdk(emu, KEY, '/api/v2/instances/dsw-1/snapshots/snp-1')
    expect(response.statusCode).toBe(200)
    expect(response.body).toEqual({
      ...successEnvelope(response.headers['x-acs-request-id']),
      InstanceId: 'dsw-1',
      SnapshotId: 'snp-1',
      SnapshotName: 'training_data_env',
      Status: 'Pushing',
      ImageId: 'image-05cefd0be2e',
      ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/pai/env:v1',
      ReasonCode: null,
      ReasonMessage: null,
      GmtCreateTime: '2026-01-12T14:36:01Z',
      GmtModifiedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      Labels: [{ Key: 'team', Value: 'ml' }],
      ExcludePaths: ['/mnt/data']
    })
    expect(emu.requests).toMatchObject([
      { action: 'GetInstanceSnapshot', accessKeyId: KEY.accessKeyId, statusCode: 200 }
    ])
    // The SDK's models read the null reasons as absent, as they do the real service's.
    const model = Tea.cast(response.body, new SnapshotBodyModel({}))
    expect(model.status).toBe('Pushing')
    expect(model).not.toHaveProperty('reasonCode')
    expect(model).not.toHaveProperty('reasonMessage')
  })

  it('are refused with SignatureDoesNotMatch when signed with the wrong secret', async () => {
    const emu = await emulate()
    const wrong = { ...KEY, accessKeySecret: 'not-the-secret' }
    const error = await sdkError(getWithSdk(emu, wrong, '/api/v2/instances/dsw-1/snapshots/snp-1'))
    expect(error.code).toBe('SignatureDoesNotMatch')
    expect(error.data).toMatchObject({
      statusCode: 400,
      Message: expect.stringContaining('server string to sign is:ACS3-HMAC-SHA256\n'),
      Recommend: expect.stringContaining('q=SignatureDoesNotMatch&product=paidsw')
    })
  })

  it('are accepted with an STS token, and refused with the wrong token', async () => {
    const emu = await emulate()
    const path = '/api/v2/instances/dsw-1/snapshots/snp-1'
    const accepted = await getWithSdk(emu, STS, path)
    expect(accepted.body).toMatchObject({ SnapshotId: 'snp-1', Status: 'Pushing' })
    expect(emu.requests[0]).toMatchObject({ securityToken: STS.securityToken, statusCode: 200 })

    const error = await sdkError(getWithSdk(emu, { ...STS, securityToken: 'CAIS-stolen' }, path))
    expect(error.code).toBe('InvalidSecurityToken.Mismatch')
    expect(error.data.statusCode).toBe(400)
  })

  it('are accepted for IDs that need percent-encoding, however the path encodes them', async () => {
    const emu = await emulate()
    // Encoded the way the generated PAI-DSW client does (OpenApiUtil.getEncodeParam).
    const strict = snapshotPath(ODD.instanceId, ODD.snapshotId)
    expect(strict).toBe('/api/v2/instances/dsw~1%20%E4%B8%AD/snapshots/snp%2A1%20x%21%27%28%29')
    // Encoded loosely: the SDK itself then rewrites `%7E` and `*` for signing, and so must we.
    const loose = `/api/v2/instances/${rfc3986(ODD.instanceId).replace('~', '%7E')}/snapshots/${rfc3986(ODD.snapshotId).replace('%2A', '*')}`
    for (const pathname of [strict, loose]) {
      const response = await getWithSdk(emu, KEY, pathname)
      expect(response.body).toMatchObject({
        InstanceId: ODD.instanceId,
        SnapshotId: ODD.snapshotId
      })
    }
    expect(emu.requests.map(r => r.path)).toEqual([strict, loose])
  })
})

const CREATE_BODY = {
  ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/team/env:v8',
  SnapshotName: 'env-v8',
  SnapshotDescription: 'run 42 — 中文 too',
  Labels: [{ Key: 'team', Value: 'ml' }],
  ExcludePaths: ['/mnt/data'],
  Overwrite: false
}

async function createWithSdk(endpointUrl: string, credentials: SdkCredentials, instanceId: string) {
  const client = new OpenApi.default(
    new OpenApi.Config({ ...credentials, endpoint: new URL(endpointUrl).host, protocol: 'http' })
  )
  const params = new OpenApi.Params({
    action: 'CreateInstanceSnapshot',
    version: '2022-01-01',
    protocol: 'HTTP',
    pathname: `/api/v2/instances/${rfc3986(instanceId)}/snapshots`,
    method: 'POST',
    authType: 'AK',
    style: 'ROA',
    bodyType: 'json',
    reqBodyType: 'json'
  })
  const runtime = new TeaUtil.RuntimeOptions({ readTimeout: 5000, connectTimeout: 5000 })
  return client.callApi(params, new OpenApi.OpenApiRequest({ body: CREATE_BODY }), runtime)
}

/**
 * A loopback hop that passes requests on to `target` after `rewrite` has changed their body (the
 * headers, signature included, pass unchanged but for the length): a tampering proxy.
 */
async function tamperingProxy(target: string, rewrite: (body: string) => string) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.from(rewrite(Buffer.concat(chunks).toString('utf8')))
      // The SDK sends its body chunked; it is passed on with a length instead.
      const { 'transfer-encoding': _chunked, ...headers } = req.headers
      const forwarded = httpRequest(
        `${target}${req.url}`,
        { method: req.method, headers: { ...headers, 'content-length': String(body.length) } },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      forwarded.end(body)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise(resolve => server.close(resolve))
  }
}

describe('a CreateInstanceSnapshot signed by the official @alicloud/openapi-client', () => {
  it('is accepted, and creates the snapshot with exactly that body', async () => {
    const emu = await emulate()
    const response = await createWithSdk(emu.url, KEY, 'dsw-1')
    expect(response.statusCode).toBe(200)
    expect(response.body).toMatchObject({
      RequestId: response.headers['x-acs-request-id'],
      Success: true,
      InstanceId: 'dsw-1',
      SnapshotId: expect.stringMatching(/^snp-[a-z0-9]{16}$/)
    })
    const [request] = emu.requests
    expect(request).toMatchObject({
      method: 'POST',
      action: 'CreateInstanceSnapshot',
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' }
    })
    expect(request?.headers.authorization).toMatch(/SignedHeaders=[^,]*\bcontent-type\b/)
    expect(emu.createdSnapshots).toEqual([
      { snapshotId: response.body.SnapshotId, instanceId: 'dsw-1', body: CREATE_BODY }
    ])
    expect(JSON.parse(request?.body ?? '')).toEqual(CREATE_BODY)
    // Served like a configured snapshot.
    const got = await getWithSdk(
      emu,
      KEY,
      `/api/v2/instances/dsw-1/snapshots/${response.body.SnapshotId}`
    )
    expect(got.body).toMatchObject({ SnapshotName: 'env-v8', ImageUrl: CREATE_BODY.ImageUrl })
  })

  it('is accepted with an STS token', async () => {
    const emu = await emulate()
    const response = await createWithSdk(emu.url, STS, 'dsw-1')
    expect(response.statusCode).toBe(200)
    expect(emu.createdSnapshots).toHaveLength(1)
  })

  it('is refused with SignatureDoesNotMatch when its body is altered after signing', async () => {
    const emu = await emulate()
    const proxy = await tamperingProxy(emu.url, body => body.replace('env:v8', 'env:v9'))
    try {
      const error = await sdkError(createWithSdk(proxy.url, KEY, 'dsw-1'))
      expect(error.code).toBe('SignatureDoesNotMatch')
      expect(error.data.statusCode).toBe(400)
      expect(emu.requests[0]?.body).toContain('env:v9')
      expect(emu.createdSnapshots).toEqual([])
    } finally {
      await proxy.close()
    }
  })
})
