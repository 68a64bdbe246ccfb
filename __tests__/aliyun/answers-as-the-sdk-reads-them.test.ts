// How answers are read: as leniently as the official SDK (null is absent, numeric strings are
// numbers, Success: false is a failure) and as strictly as harm requires (bounded, no recursion).
import { describe, expect, it } from '@jest/globals'
import { USER_AGENT } from '../../src/aliyun/api-request.js'
import { PaiDswClient } from '../../src/aliyun/pai-dsw-client.js'
import { ACTION_NAME, ACTION_VERSION } from '../../src/action-version.js'
import { ApiError } from '../../src/errors.js'
import type { HttpRequest, HttpResponse } from '../../src/http/transport.js'
import { decideRetry } from '../../src/polling/retry-policy.js'
import { fakeTransport, jsonResponse } from '../helpers/fake-transport.js'
import { readFileSync } from 'node:fs'

function clientAnswering(answer: (request: HttpRequest) => HttpResponse | Error) {
  const { transport, sent } = fakeTransport(answer)
  const client = new PaiDswClient({
    endpoint: { protocol: 'https', host: 'pai-dsw.example', origin: 'https://pai-dsw.example' },
    credentials: () => ({ accessKeyId: 'AKID', accessKeySecret: 'secret' }),
    transport,
    requestTimeoutMs: 1000,
    now: () => new Date('2026-12-07T12:00:00Z')
  })
  return { client, sent }
}

const answering = (body: unknown, status = 200) => clientAnswering(() => jsonResponse(status, body))

async function errorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('null is absent, as the official SDK reads it', () => {
  it('reads a snapshot whose optional fields are null', async () => {
    const { client } = answering({
      RequestId: 'R1',
      SnapshotId: 'snp-1',
      InstanceId: null,
      Status: 'Saved',
      ReasonCode: null,
      ReasonMessage: null,
      Labels: null,
      ExcludePaths: null,
      Labels2: [[[[]]]]
    })
    const { snapshot } = await client.getInstanceSnapshot('dsw-1', 'snp-1')
    expect(snapshot).toEqual({ RequestId: 'R1', SnapshotId: 'snp-1', Status: 'Saved' })
  })

  it('reads a listing with null Snapshots and a numeric-string TotalCount', async () => {
    const { client } = answering({ RequestId: 'R', Snapshots: null, TotalCount: '35' })
    const page = await client.listInstanceSnapshots('dsw-1', {
      pageNumber: 1,
      pageSize: 10,
      order: 'DESC'
    })
    expect(page).toEqual({ snapshots: [], totalCount: 35, requestId: 'R' })
  })

  it('keeps only the Key and Value of a label, each null as absent', async () => {
    const { client } = answering({
      SnapshotId: 'snp-1',
      Labels: [{ Key: 'team', Value: null, Extra: { deep: [1] } }]
    })
    const { snapshot } = await client.getInstanceSnapshot('dsw-1', 'snp-1')
    expect(snapshot.Labels).toEqual([{ Key: 'team' }])
  })
})

describe('bounded parsing', () => {
  it('refuses a page with more entries than the PageSize asked for, before reading them', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ SnapshotId: 42 + i }))
    const { client } = answering({ Snapshots: entries, TotalCount: 11 })
    const error = await errorOf(
      client.listInstanceSnapshots('dsw-1', { pageNumber: 1, pageSize: 10, order: 'DESC' })
    )
    expect(error.message).toContain(
      'field Snapshots must be a list of at most 10 entries (the PageSize asked for)'
    )
    expect(error.message).not.toContain('must be a plain ID')
  })

  it('names the field of a deeply nested value, without overflowing the stack', async () => {
    const depth = 200_000
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`
    const { client } = clientAnswering(() => ({
      status: 200,
      headers: {},
      body: `{"SnapshotId":"snp-1","ReasonCode":${deep}}`
    }))
    const error = await errorOf(client.getInstanceSnapshot('dsw-1', 'snp-1'))
    expect(error.message).toContain(
      "does not fit the API: field ReasonCode must be a string; got an array '[[[[[…]]]]]'"
    )
    expect(error.kind).toBe('server')
  })

  it('refuses a TotalCount that is no whole number', async () => {
    const { client } = answering({ Snapshots: [], TotalCount: '3.5' })
    const error = await errorOf(
      client.listInstanceSnapshots('dsw-1', { pageNumber: 1, pageSize: 10, order: 'DESC' })
    )
    expect(error.message).toContain("field TotalCount must be a whole number; got a string '3.5'")
  })
})

describe('the service verdict', () => {
  it('fails a 2xx that says Success: false with its Code, Message and RequestId', async () => {
    const { client } = answering({
      RequestId: 'R9',
      Success: false,
      Code: 'QuotaExceeded',
      Message: 'too many snapshots',
      HttpStatusCode: 400
    })
    const error = await errorOf(
      client.createInstanceSnapshot('dsw-1', { ImageUrl: 'r.example/a/b:c', SnapshotName: 'n' })
    )
    expect(error.kind).toBe('validation')
    expect(error.message).toBe(
      'CreateInstanceSnapshot (snapshot n of instance dsw-1) failed: too many snapshots ' +
        '(Code: QuotaExceeded, HTTP 200, RequestId: R9)'
    )
  })

  it('reads Success "false" as false, and an internal error that way as passing', async () => {
    const { client } = answering({ RequestId: 'R', Success: 'false', Code: 'InternalError' })
    const error = await errorOf(client.getInstanceSnapshot('dsw-1', 'snp-1'))
    expect(error.kind).toBe('internal')
    expect(error.message).toContain('failed: the answer says Success: false (Code: InternalError')
  })

  it('takes a 400 InternalError for an internal error, retried for about a minute', async () => {
    const { client } = answering(
      { RequestId: 'R4', Code: 'InternalError', Message: 'An internal error occurred' },
      400
    )
    const error = await errorOf(client.getInstanceSnapshot('dsw-1', 'snp-1'))
    expect(error.kind).toBe('internal')
    expect(error.hint).toMatch(/support case .* RequestId/)
    const state = { elapsedMs: 0, notFoundTimeoutMs: 0, earlierOfKind: 3 }
    expect(decideRetry(error, { ...state, sinceFirstOfKindMs: 59_999 }).retry).toBe(true)
    expect(decideRetry(error, { ...state, sinceFirstOfKindMs: 60_000 })).toEqual({
      retry: false,
      note: 'still failing after 1m of retries'
    })
  })

  it('keeps a 404 InternalError a not-found, and a 400 ValidationError permanent', async () => {
    const notFound = await errorOf(
      answering({ Code: 'InternalError' }, 404).client.getInstanceSnapshot('dsw-1', 'snp-1')
    )
    expect(notFound.kind).toBe('not-found')
    const invalid = await errorOf(
      answering({ Code: 'ValidationError' }, 400).client.getInstanceSnapshot('dsw-1', 'snp-1')
    )
    expect(invalid.kind).toBe('validation')
  })
})

describe('the User-Agent', () => {
  it('names the action and its version from package.json, then the runtime', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      name: string
      version: string
    }
    expect([ACTION_NAME, ACTION_VERSION]).toEqual([pkg.name, pkg.version])
    const { client, sent } = answering({ SnapshotId: 'snp-1' })
    await client.getInstanceSnapshot('dsw-1', 'snp-1')
    expect(sent[0]!.headers['user-agent']).toBe(USER_AGENT)
    expect(USER_AGENT).toBe(
      `${pkg.name}/${pkg.version} (${process.platform}; ${process.arch}) Node.js/${process.version}`
    )
  })
})
