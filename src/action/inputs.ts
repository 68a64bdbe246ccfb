import { statusIn } from '../aliyun/snapshot.js'
import {
  type CredentialSource,
  type Env,
  type InputReader,
  resolveCredentialSource
} from '../credentials/source.js'
import { parseDuration } from '../duration.js'
import {
  type Endpoint,
  defaultPaiDswEndpoint,
  parseEndpoint,
  parseRegion
} from '../aliyun/endpoint.js'
import { InputError, got } from '../errors.js'
import type { SnapshotSelection } from '../check/instance-check.js'
import {
  parseBoolean,
  parseLabels,
  parseNamePrefix,
  parseRate,
  parseSnapshotSelection,
  parseStatusList,
  positiveDuration,
  required,
  withMaxAge
} from './input-parsers.js'
import { checkSeveralInstances, readInstanceSelection } from './instance-inputs.js'
import { readNewSnapshot, refuseNewOnlyInputs } from './new-snapshot-inputs.js'
import type { InstanceSelection } from '../check/instances.js'

export type { Env, InputReader }

/** Everything the action needs, validated: built once, here, before any network call. */
export interface Inputs {
  instances: InstanceSelection
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
  /** Poll at poll-interval where the instance's past snapshots say the snapshot should finish. */
  historyAwarePolling: boolean
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
  'history-aware-polling': 'true',
  'success-statuses': 'Saved',
  'failure-statuses': 'Failed',
  'job-summary': 'true',
  'max-requests-per-second': '5'
}

/**
 * Reads and validates every input. `read` returns the trimmed input or '' (defaults from
 * action.yml are applied by the runner); `maskSecret` is called on each secret as it is read.
 */
export function parseInputs(
  readRaw: InputReader,
  env: Env,
  maskSecret: (s: string) => void,
  /** Now, on the step's clock: names a snapshot made outside a workflow run. */
  now: number
): Inputs {
  // An input given as '' (e.g. an unset expression) means "use the default", as users expect.
  const read: InputReader = name => readRaw(name) || INPUT_DEFAULTS[name] || ''
  const instances = readInstanceSelection(read)
  const labels = parseLabels('snapshot-labels', read('snapshot-labels'))
  const selection = parseSnapshotSelection(
    required(read, 'snapshot-id'),
    {
      namePrefix:
        parseNamePrefix('snapshot-name-prefix', read('snapshot-name-prefix'), 'a snapshot') ||
        undefined,
      labels
    },
    () => readNewSnapshot(read, env, labels, now)
  )
  const snapshots = withMaxAge(read, selection)
  if (snapshots.kind !== 'new') refuseNewOnlyInputs(read)
  checkSeveralInstances(instances, snapshots)
  const credentials = resolveCredentialSource(read, env, maskSecret)
  return {
    instances,
    snapshots,
    maxRequestsPerSecond: parseRate('max-requests-per-second', read('max-requests-per-second')),
    ...readEndpoint(read, env),
    credentials,
    ...readTiming(read),
    ...readStatuses(read),
    jobSummary: parseBoolean('job-summary', read('job-summary')),
    historyAwarePolling: parseBoolean('history-aware-polling', read('history-aware-polling'))
  }
}

function readEndpoint(read: InputReader, env: Env): Pick<Inputs, 'region' | 'endpoint'> {
  const regionValue = read('region') || env.ALIBABA_CLOUD_REGION_ID?.trim() || ''
  const endpointValue = read('endpoint')
  if (!regionValue && !endpointValue) {
    throw new InputError('region', 'is required (or set ALIBABA_CLOUD_REGION_ID, or give endpoint)')
  }
  const region = regionValue ? parseRegion('region', regionValue) : ''
  const endpoint = endpointValue
    ? parseEndpoint('endpoint', endpointValue)
    : defaultPaiDswEndpoint(region)
  return { region, endpoint }
}

type Timing = Pick<
  Inputs,
  'timeoutMs' | 'pollIntervalMs' | 'maxPollIntervalMs' | 'requestTimeoutMs' | 'notFoundTimeoutMs'
>

function readTiming(read: InputReader): Timing {
  const timeoutMs = parseDuration('timeout', read('timeout'))
  const pollIntervalMs = positiveDuration(read, 'poll-interval')
  const maxPollIntervalMs = positiveDuration(read, 'max-poll-interval')
  if (maxPollIntervalMs < pollIntervalMs) {
    throw new InputError(
      'max-poll-interval',
      `must be at least poll-interval (${read('poll-interval')}); ${got(read('max-poll-interval'))}`
    )
  }
  return {
    timeoutMs,
    pollIntervalMs,
    maxPollIntervalMs,
    requestTimeoutMs: positiveDuration(read, 'request-timeout'),
    notFoundTimeoutMs: parseDuration('not-found-timeout', read('not-found-timeout'))
  }
}

function readStatuses(read: InputReader): Pick<Inputs, 'successStatuses' | 'failureStatuses'> {
  const successStatuses = parseStatusList('success-statuses', read('success-statuses'))
  const failureStatuses = parseStatusList('failure-statuses', read('failure-statuses'))
  const overlap = successStatuses.filter(statusIn(failureStatuses))
  if (overlap.length) {
    throw new InputError(
      'failure-statuses',
      `must not repeat a status from success-statuses; both list '${overlap.join(', ')}'`
    )
  }
  return { successStatuses, failureStatuses }
}
