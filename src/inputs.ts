import {
  type CredentialSource,
  type Env,
  type InputReader,
  resolveCredentialSource
} from './credentials.js'
import { parseDuration } from './duration.js'
import { type Endpoint, defaultPaiDswEndpoint, parseEndpoint, parseRegion } from './endpoint.js'
import { InputError, got } from './errors.js'
import { type SnapshotSelection, parseLabels, parseSnapshotSelection } from './selection.js'

export type { Env, InputReader }

/** Everything the action needs, validated: built once, here, before any network call. */
export interface Inputs {
  instanceId: string
  snapshots: SnapshotSelection
  maxRequestsPerSecond: number
  region: string
  endpoint: Endpoint
  credentials: CredentialSource
  timeoutMs: number
  pollIntervalMs: number
  maxPollIntervalMs: number
  requestTimeoutMs: number
  notFoundTimeoutMs: number
  successStatuses: string[]
  failureStatuses: string[]
  jobSummary: boolean
}

/** The defaults declared in action.yml (a test keeps the two equal). */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  audience: 'sts.aliyuncs.com',
  'role-duration-seconds': '3600',
  'sts-endpoint': 'sts.aliyuncs.com',
  timeout: '30m',
  'poll-interval': '5s',
  'max-poll-interval': '30s',
  'request-timeout': '30s',
  'not-found-timeout': '60s',
  'success-statuses': 'Saved',
  'failure-statuses': 'Failed',
  'job-summary': 'true',
  'max-requests-per-second': '5'
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const ID_FORMAT = 'a plain ID of letters, digits, -, _ and . (at most 128 characters)'
const STATUS = /^[A-Za-z][A-Za-z0-9_.-]*$/

function required(read: InputReader, name: string): string {
  const value = read(name)
  if (!value) throw new InputError(name, 'is required')
  return value
}

/** IDs become URL path segments: reject anything that could change the path (`/`, `..`, `%`, `?`). */
export function parseId(input: string, value: string): string {
  if (value.length > 128 || !ID.test(value) || value.includes('..')) {
    throw new InputError(input, `must be ${ID_FORMAT}; ${got(value)}`)
  }
  return value
}

export function parseStatusList(input: string, value: string): string[] {
  const statuses = value
    .split(/[,\n]/)
    .map(s => s.trim())
    .filter(Boolean)
  if (statuses.length === 0) {
    throw new InputError(input, 'must list at least one status, comma-separated (e.g. Saved)')
  }
  for (const status of statuses) {
    if (status.length > 64 || !STATUS.test(status)) {
      throw new InputError(
        input,
        `must be comma-separated status names such as Saved; ${got(status)}`
      )
    }
  }
  return statuses
}

/** The YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts them. */
export function parseBoolean(input: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(input, `must be true or false; ${got(value)}`)
}

/** Requests per second: a positive number, at most 100 (beyond that, throttling is certain). */
export function parseRate(input: string, value: string): number {
  const rate = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : NaN
  if (!(rate > 0 && rate <= 100)) {
    throw new InputError(
      input,
      `must be a number of requests per second from 0.1 to 100; ${got(value)}`
    )
  }
  return rate
}

function positiveDuration(read: InputReader, name: string): number {
  const ms = parseDuration(name, read(name))
  if (ms <= 0) throw new InputError(name, `must be greater than zero; ${got(read(name))}`)
  return ms
}

/**
 * Reads and validates every input. `read` returns the trimmed input or '' (defaults from
 * action.yml are applied by the runner); `maskSecret` is called on each secret as it is read.
 */
export function parseInputs(
  readRaw: InputReader,
  env: Env,
  maskSecret: (s: string) => void
): Inputs {
  // An input given as '' (e.g. an unset expression) means "use the default", as users expect.
  const read: InputReader = name => readRaw(name) || INPUT_DEFAULTS[name] || ''
  const instanceId = parseId('instance-id', required(read, 'instance-id'))
  const snapshots = parseSnapshotSelection(
    required(read, 'snapshot-id'),
    {
      namePrefix: read('snapshot-name-prefix') || undefined,
      labels: parseLabels('snapshot-labels', read('snapshot-labels'))
    },
    parseId
  )
  const credentials = resolveCredentialSource(read, env, maskSecret)

  const regionValue = read('region') || env.ALIBABA_CLOUD_REGION_ID?.trim() || ''
  const endpointValue = read('endpoint')
  if (!regionValue && !endpointValue) {
    throw new InputError('region', 'is required (or set ALIBABA_CLOUD_REGION_ID, or give endpoint)')
  }
  const region = regionValue ? parseRegion('region', regionValue) : ''
  const endpoint = endpointValue
    ? parseEndpoint('endpoint', endpointValue)
    : defaultPaiDswEndpoint(region)

  const timeoutMs = parseDuration('timeout', read('timeout'))
  const pollIntervalMs = positiveDuration(read, 'poll-interval')
  const maxPollIntervalMs = positiveDuration(read, 'max-poll-interval')
  if (maxPollIntervalMs < pollIntervalMs) {
    throw new InputError(
      'max-poll-interval',
      `must be at least poll-interval (${read('poll-interval')}); ${got(read('max-poll-interval'))}`
    )
  }
  const requestTimeoutMs = positiveDuration(read, 'request-timeout')
  const notFoundTimeoutMs = parseDuration('not-found-timeout', read('not-found-timeout'))

  const successStatuses = parseStatusList('success-statuses', read('success-statuses'))
  const failureStatuses = parseStatusList('failure-statuses', read('failure-statuses'))
  const overlap = successStatuses.filter(s =>
    failureStatuses.some(f => f.toLowerCase() === s.toLowerCase())
  )
  if (overlap.length) {
    throw new InputError(
      'failure-statuses',
      `must not repeat a status from success-statuses; both list '${overlap.join(', ')}'`
    )
  }

  return {
    instanceId,
    snapshots,
    maxRequestsPerSecond: parseRate('max-requests-per-second', read('max-requests-per-second')),
    region,
    endpoint,
    credentials,
    timeoutMs,
    pollIntervalMs,
    maxPollIntervalMs,
    requestTimeoutMs,
    notFoundTimeoutMs,
    successStatuses,
    failureStatuses,
    jobSummary: parseBoolean('job-summary', read('job-summary'))
  }
}
