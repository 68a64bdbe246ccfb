import { quoted } from './text.js'

/** A bad action input: names the input and what it accepts, and is raised before any request. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string
  ) {
    super(`Input '${input}' ${detail}`)
    this.name = 'InputError'
  }
}

/** How an input error shows the value it refuses: quoted, escaped, cut to 80 characters. */
export function got(value: string): string {
  return `got ${quoted(value)}`
}

/** Why an API call failed, as far as a waiter cares: can waiting longer fix it? */
export type FailureKind =
  | 'auth'
  | 'permission'
  | 'validation'
  | 'not-found'
  | 'clock'
  | 'throttled'
  | 'server'
  /**
   * The service's own `InternalError` on a 4xx (or a 2xx saying `Success: false`): the API uses
   * it for every error but parameter validation, so it may pass; retried for a bounded time.
   */
  | 'internal'
  | 'network'
  | 'host-not-found'
  | 'tls'
  /** Connection refused or TLS failing at a host that has not answered this step: a wrong endpoint. */
  | 'unreachable'
  /** A listing that does not page as documented (endless, repeated, past the cap). */
  | 'unusable-listing'

const RETRYABLE: ReadonlySet<FailureKind> = new Set(['throttled', 'server', 'network'])

export interface ApiErrorDetails {
  operation: string
  kind: FailureKind
  httpStatus?: number
  code?: string
  serviceMessage?: string
  requestId?: string
  /** What the user can do about it. */
  hint?: string
  /** Server-suggested delay before the next attempt (throttling). */
  retryAfterMs?: number
  /** The server's clock, from its `Date` header, for skew correction. */
  serverDate?: Date
}

/** A failed call to an Alibaba Cloud API, with the service's own Code, Message and RequestId. */
export class ApiError extends Error {
  readonly operation: string
  readonly kind: FailureKind
  readonly httpStatus?: number
  readonly code?: string
  readonly serviceMessage?: string
  readonly requestId?: string
  readonly hint?: string
  readonly retryAfterMs?: number
  readonly serverDate?: Date

  constructor(details: ApiErrorDetails) {
    super(describeApiError(details))
    this.name = 'ApiError'
    this.operation = details.operation
    this.kind = details.kind
    this.httpStatus = details.httpStatus
    this.code = details.code
    this.serviceMessage = details.serviceMessage
    this.requestId = details.requestId
    this.hint = details.hint
    this.retryAfterMs = details.retryAfterMs
    this.serverDate = details.serverDate
  }

  /** The same failure, attributed to the operation the user knows (network errors start anonymous). */
  withOperation(operation: string): ApiError {
    return new ApiError({ ...this.details(), operation })
  }

  details(): ApiErrorDetails {
    const { operation, kind, httpStatus, code, serviceMessage, requestId, hint } = this
    return {
      operation,
      kind,
      httpStatus,
      code,
      serviceMessage,
      requestId,
      hint,
      retryAfterMs: this.retryAfterMs,
      serverDate: this.serverDate
    }
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind)
  }
}

function describeApiError(d: ApiErrorDetails): string {
  const facts = [
    d.code && `Code: ${d.code}`,
    d.httpStatus !== undefined && `HTTP ${d.httpStatus}`,
    d.requestId && `RequestId: ${d.requestId}`
  ].filter(Boolean)
  const head = `${d.operation} failed: ${d.serviceMessage || d.code || d.kind}`
  const tail = facts.length ? ` (${facts.join(', ')})` : ''
  return `${head}${tail}${d.hint ? `. ${d.hint}` : ''}`
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Credentials that cannot be had as configured (environment, GitHub ID token): explained, no stack. */
export class CredentialsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CredentialsError'
  }
}
