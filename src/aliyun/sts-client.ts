import type { Clock } from '../clock.js'
import type { Endpoint } from './endpoint.js'
import { ApiError } from '../errors.js'
import { Deadline } from '../polling/deadline.js'
import { retrying } from '../polling/retrying.js'
import type { HttpRequest, HttpResponse, Transport } from '../http/transport.js'
import { sendApiRequest } from './api-request.js'
import { serverDate, stringField } from './service-errors.js'
import {
  type Credentials,
  canonicalQueryString,
  formatAcsDate,
  newNonce,
  signRequest
} from './signer.js'
import { type StsErrorContext, classifyStsError } from './sts-errors.js'
import { checkedCredentials, parseExpiration } from './credential-fields.js'

export const STS_VERSION = '2015-04-01'

export interface AssumeRoleWithOidcParams {
  roleArn: string
  oidcProviderArn: string
  /** The GitHub ID token, as issued (a JWT). */
  oidcToken: string
  roleSessionName: string
  durationSeconds: number
}

/** AssumeRole: a caller with a key (long-lived or temporary) takes on a narrower role. */
export interface AssumeRoleParams {
  roleArn: string
  roleSessionName: string
  durationSeconds: number
}

export interface StsOptions {
  endpoint: Endpoint
  transport: Transport
  clock: Clock
  /** Jitter of the retry pauses, as the polling loop draws it; none: the pauses are exact. */
  random?: () => number
  /** Where a retry is told. */
  log?: { info(message: string): void }
  /** The whole call, retries included, fits in this. */
  timeoutMs: number
  /** What error hints may name. */
  context: StsErrorContext
  signal?: AbortSignal
}

export type TemporaryCredentials = Required<Credentials>

export interface AssumedRole {
  credentials: TemporaryCredentials
  expiration: Date
  /** The server's clock when it answered (its `Date` header), to measure the lifetime. */
  serverDate?: Date
  requestId: string
}

/** STS's retries: a few quick ones, each attempt with at least a second to answer. */
const STS_RETRIES = { maxAttempts: 3, firstDelayMs: 250, minAttemptMs: 1000 } as const

/**
 * The request STS expects for AssumeRoleWithOIDC: RPC style, anonymous (the ID token is the proof,
 * so nothing is signed), common parameters in the query and the others in a form body.
 */
export function assumeRoleWithOidcRequest(
  params: AssumeRoleWithOidcParams,
  endpoint: Endpoint,
  now: Date
): Omit<HttpRequest, 'timeoutMs' | 'signal'> {
  const query = new URLSearchParams({
    Action: 'AssumeRoleWithOIDC',
    Version: STS_VERSION,
    Format: 'JSON',
    Timestamp: formatAcsDate(now)
  })
  const body = new URLSearchParams({
    OIDCProviderArn: params.oidcProviderArn,
    RoleArn: params.roleArn,
    OIDCToken: params.oidcToken,
    RoleSessionName: params.roleSessionName,
    DurationSeconds: String(params.durationSeconds)
  })
  return {
    url: `${endpoint.origin}/?${query}`,
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded'
    },
    body: body.toString()
  }
}

/** Calls AssumeRoleWithOIDC; errors carry the STS Code, Message and RequestId, and a hint. */
export function assumeRoleWithOidc(
  params: AssumeRoleWithOidcParams,
  options: StsOptions
): Promise<AssumedRole> {
  return withRetries(options, timeoutMs =>
    callOnce(`AssumeRoleWithOIDC (role ${params.roleArn})`, options, {
      ...assumeRoleWithOidcRequest(params, options.endpoint, new Date(options.clock.now())),
      timeoutMs
    })
  )
}

/**
 * The request for AssumeRole, signed with signature V3 like every PAI-DSW call (the same signer):
 * RPC style, so its parameters go in the query and the body is empty.
 */
export function assumeRoleRequest(
  params: AssumeRoleParams,
  credentials: Credentials,
  endpoint: Endpoint,
  context: { now: Date; nonce: string }
): Omit<HttpRequest, 'timeoutMs' | 'signal'> {
  const query = {
    RoleArn: params.roleArn,
    RoleSessionName: params.roleSessionName,
    DurationSeconds: String(params.durationSeconds)
  }
  const signed = signRequest(
    {
      method: 'POST',
      host: endpoint.host,
      path: '/',
      query,
      action: 'AssumeRole',
      version: STS_VERSION
    },
    credentials,
    context
  )
  return {
    url: `${endpoint.origin}/?${canonicalQueryString(query)}`,
    method: 'POST',
    headers: { ...signed.headers, accept: 'application/json' }
  }
}

/** Calls AssumeRole with `credentials`; errors carry the STS Code, Message and RequestId. */
export function assumeRole(
  params: AssumeRoleParams,
  credentials: Credentials,
  options: StsOptions
): Promise<AssumedRole> {
  return withRetries(options, timeoutMs => {
    const context = { now: new Date(options.clock.now()), nonce: newNonce() }
    const request = assumeRoleRequest(params, credentials, options.endpoint, context)
    return callOnce(`AssumeRole (role ${params.roleArn})`, options, { ...request, timeoutMs })
  })
}

/**
 * Throttling and server faults get a few quick retries, on the polling loop's backoff, as long as
 * a whole attempt still fits in the time budget.
 */
function withRetries(
  options: StsOptions,
  attemptWithin: (timeoutMs: number) => Promise<AssumedRole>
): Promise<AssumedRole> {
  const deadline = Deadline.start(options.clock, options.timeoutMs)
  return retrying(() => attemptWithin(deadline.at - options.clock.now()), {
    ...options,
    deadline,
    random: options.random ?? (() => 0),
    log: options.log ?? { info: () => undefined },
    pollIntervalMs: STS_RETRIES.firstDelayMs,
    maxPollIntervalMs: STS_RETRIES.firstDelayMs * 2 ** (STS_RETRIES.maxAttempts - 2),
    minAttemptMs: STS_RETRIES.minAttemptMs,
    notFoundTimeoutMs: 0,
    worthRetrying: (error, n) =>
      error instanceof ApiError && error.retryable && n < STS_RETRIES.maxAttempts
  })
}

async function callOnce(
  operation: string,
  options: StsOptions,
  request: Omit<HttpRequest, 'signal'>
): Promise<AssumedRole> {
  const { body, requestId, response } = await sendApiRequest(
    options.transport,
    { ...request, signal: options.signal },
    { operation, classify: (status, code) => classifyStsError(status, code, options.context) }
  )
  const assumed = body && assumedRole(body, response, requestId, operation)
  if (assumed) return assumed
  // Never show this body: it may hold a secret, even when something else in it is wrong.
  throw new ApiError({
    operation,
    kind: 'server',
    httpStatus: response.status,
    serviceMessage: 'the response has no complete Credentials',
    requestId: requestId || undefined
  })
}

function assumedRole(
  body: Record<string, unknown>,
  response: HttpResponse,
  requestId: string,
  operation: string
): AssumedRole | undefined {
  const fields = body.Credentials
  if (!fields || typeof fields !== 'object') return undefined
  const field = (name: string) => stringField(fields as Record<string, unknown>, name)
  const names = ['AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration']
  if (!names.every(name => field(name))) return undefined
  // Complete but malformed is no passing glitch: a credentials error, never retried or shown.
  const where = `STS ${operation}${requestId ? ` (RequestId: ${requestId})` : ''}`
  const checked = checkedCredentials(
    {
      accessKeyId: field('AccessKeyId'),
      accessKeySecret: field('AccessKeySecret'),
      securityToken: field('SecurityToken')
    },
    where
  )
  const credentials = { ...checked, securityToken: field('SecurityToken') }
  const expiration = parseExpiration(field('Expiration'), where)
  return { credentials, expiration, serverDate: serverDate(response.headers), requestId }
}
