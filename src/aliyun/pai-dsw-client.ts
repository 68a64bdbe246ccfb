import { formatDuration, toNearestMinute } from '../duration.js'
import { ApiError } from '../errors.js'
import type { Endpoint } from './endpoint.js'
import type { Transport } from '../http/transport.js'
import { isNotSent } from '../http/rate-limiter.js'
import { sendApiRequest } from './api-request.js'
import { classifyPaiDswError } from './pai-dsw-errors.js'
import { preview } from './service-errors.js'
import {
  type Credentials,
  canonicalQueryString,
  encodePathSegment,
  newNonce,
  signRequest
} from './signer.js'
import {
  ShapeError,
  createdSnapshotFromBody,
  instancePageFromBody,
  snapshotFromBody,
  snapshotPageFromBody
} from './response-shapes.js'
import type { Instance, InstancePageRequest } from './instance.js'
import type { Snapshot, SnapshotResponse } from './snapshot.js'

export const PAI_DSW_VERSION = '2022-01-01'
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

export interface ClientOptions {
  endpoint: Endpoint
  credentials: () => Promise<Credentials> | Credentials
  transport: Transport
  requestTimeoutMs: number
  /** The step's clock: signing time, corrected by a known clock skew. */
  now: () => Date
  nonce?: () => string
  signal?: AbortSignal
  /** Told once when the runner's clock is found to be off and requests are re-dated. */
  onClockSkew?: (message: string) => void
}

export interface SnapshotPageRequest {
  pageNumber: number
  pageSize: number
  order: 'DESC' | 'ASC'
}

/** CreateInstanceSnapshot's body, as the API names its keys. */
export interface CreateSnapshotBody {
  ImageUrl: string
  SnapshotName: string
  SnapshotDescription?: string
  Labels?: { Key: string; Value: string }[]
  ExcludePaths?: string[]
  Overwrite?: boolean
}

export interface InstancePage {
  instances: Instance[]
  /** Every match, not this page's; undefined when the answer does not say. */
  totalCount: number | undefined
  requestId: string
}

export interface SnapshotPage {
  snapshots: Snapshot[]
  /** Every match, not this page's; undefined when the answer does not say. */
  totalCount: number | undefined
  requestId: string
}

/** Bounds one call sets tighter than the client's: a read the step can do without. */
export interface CallLimit {
  /** At most this long, when shorter than `request-timeout` (the time the step has left). */
  timeoutMs?: number
}

/** The largest clock offset learnt from a server's answer: past it, the runner's clock is broken. */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000

interface Call<T> {
  action: string
  limit?: CallLimit
  method?: 'GET' | 'POST'
  path: string
  /** Sent as JSON. */
  body?: object
  query?: Record<string, string>
  /** What is asked for, for error messages: `snapshot snp-… of instance dsw-…`. */
  subject: string
  /** Checks the answer's shape and takes what the caller needs (throws ShapeError). */
  parse: (body: Record<string, unknown>) => T
}

interface Answer<T> {
  value: T
  requestId: string
}

/**
 * The PAI-DSW calls a check makes: what the layers above depend on (PaiDswClient makes them for
 * real; a test hands in its own).
 */
export interface PaiDswCalls {
  /** API requests sent so far, retries included: the `attempts` output. */
  readonly requestCount: number
  /** Server time minus the runner's, as measured so far. */
  readonly clockSkewMs: number
  getInstanceSnapshot(instanceId: string, snapshotId: string): Promise<SnapshotResponse>
  createInstanceSnapshot(
    instanceId: string,
    body: CreateSnapshotBody
  ): Promise<{ snapshotId: string; requestId: string }>
  listInstances(page: InstancePageRequest): Promise<InstancePage>
  listInstanceSnapshots(
    instanceId: string,
    page: SnapshotPageRequest,
    limit?: CallLimit
  ): Promise<SnapshotPage>
}

/** A minimal PAI-DSW API client: signs each call with V3 and turns failures into ApiErrors. */
export class PaiDswClient implements PaiDswCalls {
  private readonly now: () => Date
  private readonly nonce: () => string
  /** Server time minus local time, learned from a rejected timestamp; 0 until then. */
  private skewMs = 0
  /** API requests sent so far, retries included: the `attempts` output. */
  requestCount = 0

  constructor(private readonly options: ClientOptions) {
    this.now = options.now
    this.nonce = options.nonce ?? newNonce
  }

  /** Server time minus the runner's, as measured so far: what turns a local time into the server's. */
  get clockSkewMs(): number {
    return this.skewMs
  }

  async getInstanceSnapshot(instanceId: string, snapshotId: string): Promise<SnapshotResponse> {
    const path =
      `/api/v2/instances/${encodePathSegment(instanceId)}` +
      `/snapshots/${encodePathSegment(snapshotId)}`
    const { value, requestId } = await this.call({
      action: 'GetInstanceSnapshot',
      path,
      subject: `snapshot ${snapshotId} of instance ${instanceId}`,
      parse: body => snapshotFromBody(body, { instanceId, snapshotId })
    })
    return { snapshot: value, requestId }
  }

  /** Starts a snapshot of the instance: commit, then push to `body.ImageUrl`. */
  async createInstanceSnapshot(
    instanceId: string,
    body: CreateSnapshotBody
  ): Promise<{ snapshotId: string; requestId: string }> {
    const { value, requestId } = await this.call({
      action: 'CreateInstanceSnapshot',
      method: 'POST',
      path: `/api/v2/instances/${encodePathSegment(instanceId)}/snapshots`,
      body,
      subject: `snapshot ${body.SnapshotName} of instance ${instanceId}`,
      parse: answer => createdSnapshotFromBody(answer, instanceId)
    })
    return { snapshotId: value, requestId }
  }

  /** One page of the instances of a workspace, every payment type included. */
  async listInstances(page: InstancePageRequest): Promise<InstancePage> {
    const { value, requestId } = await this.call({
      action: 'ListInstances',
      path: '/api/v2/instances',
      query: {
        PageNumber: String(page.pageNumber),
        PageSize: String(page.pageSize),
        // Without it the service lists pay-as-you-go instances only.
        ResourceId: 'ALL',
        SortBy: 'GmtCreateTime',
        Order: 'DESC',
        ...(page.workspaceId ? { WorkspaceId: page.workspaceId } : {}),
        // The SDK's form: a JSON map. Only the caller knows whether the server honours it.
        ...(page.labels ? { Labels: JSON.stringify(page.labels) } : {})
      },
      subject: `instances of workspace ${page.workspaceId ?? '(default)'}`,
      parse: body => instancePageFromBody(body, page.pageSize)
    })
    return { ...value, requestId }
  }

  /** One page of an instance's snapshots, sorted by creation time. */
  async listInstanceSnapshots(
    instanceId: string,
    page: SnapshotPageRequest,
    limit?: CallLimit
  ): Promise<SnapshotPage> {
    const { value, requestId } = await this.call({
      action: 'ListInstanceSnapshot',
      limit,
      path: `/api/v2/instances/${encodePathSegment(instanceId)}/snapshots`,
      query: {
        PageNumber: String(page.pageNumber),
        PageSize: String(page.pageSize),
        SortBy: 'gmtCreate',
        Order: page.order
      },
      subject: `snapshots of instance ${instanceId}`,
      parse: body => snapshotPageFromBody(body, instanceId, page.pageSize)
    })
    return { ...value, requestId }
  }

  /**
   * A runner whose clock is more than 15 minutes off gets every request refused: learn the offset
   * from the server's `Date` header once, warn, and retry with corrected timestamps. An offset of
   * more than a day is not taken: `max-age` must not be judged on a clock one answer moved.
   */
  private async call<T>(call: Call<T>): Promise<Answer<T>> {
    try {
      return await this.send(call)
    } catch (error) {
      if (!(error instanceof ApiError) || error.kind !== 'clock' || !error.serverDate) throw error
      if (this.skewMs !== 0) throw error
      const skewMs = error.serverDate.getTime() - this.now().getTime()
      if (Math.abs(skewMs) > MAX_CLOCK_SKEW_MS) throw clockTooFarOff(error, this.now())
      this.skewMs = skewMs
      this.options.onClockSkew?.(
        `The runner's clock is about ${describeSkew(this.skewMs)} ` +
          `${this.skewMs > 0 ? 'behind' : 'ahead of'} the server's (${error.code}); ` +
          "signing requests with the server's time instead. Fix the runner's time synchronisation"
      )
      return await this.send(call)
    }
  }

  private async send<T>(call: Call<T>): Promise<Answer<T>> {
    const { endpoint, transport, requestTimeoutMs } = this.options
    const credentials = await this.options.credentials()
    this.requestCount++
    const method = call.method ?? 'GET'
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body)
    const contentType = payload === undefined ? undefined : JSON_CONTENT_TYPE
    const signed = signRequest(
      {
        method,
        host: endpoint.host,
        path: call.path,
        query: call.query,
        body: payload,
        contentType,
        action: call.action,
        version: PAI_DSW_VERSION
      },
      credentials,
      { now: new Date(this.now().getTime() + this.skewMs), nonce: this.nonce() }
    )
    const operation = `${call.action} (${call.subject})`
    const query = canonicalQueryString(call.query)
    const request = {
      url: `${endpoint.origin}${call.path}${query ? `?${query}` : ''}`,
      method,
      headers: { ...signed.headers, accept: 'application/json' },
      body: payload,
      timeoutMs: Math.min(requestTimeoutMs, call.limit?.timeoutMs ?? Infinity),
      signal: this.options.signal
    }
    const ramAction = `paidsw:${call.action}`
    const { body, requestId, response } = await sendApiRequest(transport, request, {
      operation,
      classify: (status, code) =>
        classifyPaiDswError(status, code, { ramAction, host: endpoint.host })
    }).catch((error: unknown) => {
      // Refused before it left (the step's deadline had passed): not a request sent.
      if (isNotSent(error)) this.requestCount--
      throw error
    })
    // Like a proxy's page: something in between (or a broken service) answered; worth a retry.
    const unusable = (what: string) =>
      new ApiError({
        operation,
        kind: 'server',
        httpStatus: response.status,
        serviceMessage: what,
        requestId
      })
    if (!body) throw unusable(`response is not JSON: ${preview(response.body)}`)
    try {
      return { value: call.parse(body), requestId }
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error
      throw unusable(`the response does not fit the API: ${error.message}`)
    }
  }
}

/** The `Date` header has whole seconds only, so a skew of minutes is shown to the minute. */
function describeSkew(skewMs: number): string {
  const ms = Math.abs(skewMs)
  return formatDuration(ms >= 60_000 ? toNearestMinute(ms) : ms)
}

/** The error for a server clock more than a day from the runner's: both clocks, and what to fix. */
function clockTooFarOff(error: ApiError, runnerNow: Date): ApiError {
  const server = error.serverDate!
  return new ApiError({
    ...error.details(),
    serviceMessage:
      `${(error.serviceMessage || 'the request time was refused').replace(/\.$/, '')}; ` +
      `the runner's clock says ` +
      `${runnerNow.toISOString()}, the server's ${server.toISOString()}: ` +
      `${describeSkew(server.getTime() - runnerNow.getTime())} apart, more than the ` +
      `${formatDuration(MAX_CLOCK_SKEW_MS)} the action corrects for`,
    hint: "The runner's clock needs fixing (its time synchronisation)"
  })
}
