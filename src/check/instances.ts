import type { Instance } from '../aliyun/instance.js'
import type { PaiDswCalls } from '../aliyun/pai-dsw-client.js'
import {
  type CheckDependencies,
  type CheckRequest,
  checkSnapshots,
  failedBeforeWait,
  notWaited
} from './instance-check.js'
import { Deadline } from '../polling/deadline.js'
import { readAllPages } from '../finding/paging.js'
import { formatDuration } from '../duration.js'
import { plural } from '../text.js'
import { describeFilter, matchesNameAndLabels } from '../finding/snapshot-listing.js'
import { retrying } from '../polling/retrying.js'
import type { WaitOutcome } from './waiter.js'

/** Which instances `instance-id: all` keeps: filters the action applies to the listing. */
export interface InstanceFilter {
  /** Sent as `WorkspaceId` (`ALL`: every workspace); none: the account's default workspace. */
  workspaceId?: string
  namePrefix?: string
  /** Every one of these labels must be on the instance with this value. */
  labels: Record<string, string>
}

/** The instances one step checks: the `instance-id` input. */
export type InstanceSelection =
  { kind: 'ids'; ids: string[] } | { kind: 'all'; filter: InstanceFilter }

/** The one instance a selection names, or undefined when it may name several (`all`, a list). */
export function singleInstance(selection: InstanceSelection): string | undefined {
  return selection.kind === 'ids' && selection.ids.length === 1 ? selection.ids[0] : undefined
}

export interface InstancesRequest extends Omit<
  CheckRequest,
  'instanceId' | 'severalInstances' | 'deadline'
> {
  instances: InstanceSelection
  /** The `timeout` input. */
  timeoutMs: number
  /** The step's deadline, when the step started it (every request keeps to it); else it starts now. */
  deadline?: Deadline
}

/**
 * Checks the selected snapshots of every selected instance — each exactly as for one instance,
 * concurrently, under the step's one rate limit — and returns all their outcomes, each tagged
 * with its instance. `instance-id: all` lists the instances first (every page, every payment
 * type) and keeps those that pass the filters.
 */
export async function checkInstances(
  request: InstancesRequest,
  deps: CheckDependencies
): Promise<WaitOutcome[]> {
  const deadline = request.deadline ?? Deadline.start(deps.clock, request.timeoutMs)
  return checkSelectedInstances(request, deps, deadline)
}

/** Whether the step may check more than one snapshot (`all`, several IDs or instances). */
export function checksSeveral(request: InstancesRequest): boolean {
  const { snapshots } = request
  const oneSnapshot =
    snapshots.kind === 'new' ||
    snapshots.kind === 'latest' ||
    (snapshots.kind === 'ids' && snapshots.ids.length === 1)
  return !(oneSnapshot && singleInstance(request.instances) !== undefined)
}

async function checkSelectedInstances(
  request: InstancesRequest,
  deps: CheckDependencies,
  deadline: Deadline
): Promise<WaitOutcome[]> {
  const { instances } = request
  const single = singleInstance(instances)
  if (single !== undefined)
    return checkSnapshots({ ...request, deadline, instanceId: single }, deps)
  const waited = () => deadline.elapsed()
  let ids: string[]
  try {
    ids =
      instances.kind === 'ids'
        ? instances.ids
        : await listInstanceIds(instances.filter, request, deps, deadline)
  } catch (error) {
    const what = `the instances${describeInstanceFilter(request)}`
    return [
      failedBeforeWait(
        { failed: `Could not list ${what}`, while: `listing ${what}` },
        error,
        waited()
      )
    ]
  }
  if (instances.kind === 'all' && deadline.passed) {
    return [listingOverran(request, ids.length, deadline)]
  }
  if (ids.length === 0) {
    return [
      notWaited(
        'error',
        `No instance${describeInstanceFilter(request)}: check workspace-id and the filters`,
        waited()
      )
    ]
  }
  const which = request.snapshots.kind === 'all' ? 'every snapshot' : 'the latest snapshot'
  deps.progress?.notice(`Checking ${which} of ${plural(ids.length, 'instance')}`)
  const perInstance = await Promise.all(
    ids.map(instanceId =>
      checkSnapshots({ ...request, deadline, instanceId, severalInstances: true }, deps)
    )
  )
  const outcomes = perInstance.flat()
  // Only `all` can leave every instance out; a step that checked nothing must not pass.
  if (outcomes.length === 0) {
    const none = `None of the ${plural(ids.length, 'instance')} has a snapshot${describeSnapshotFilter(request)}`
    return [notWaited('error', `${none}: check instance-id and the filters`, waited())]
  }
  return outcomes
}

/** The listing of the instances used up the step's time: one timeout that says so. */
function listingOverran(request: InstancesRequest, found: number, deadline: Deadline): WaitOutcome {
  const took = formatDuration(deadline.elapsed())
  return notWaited(
    'timeout',
    `Listing the instances${describeInstanceFilter(request)} (ListInstances) took ${took} of the ` +
      `${formatDuration(deadline.timeoutMs)} timeout: none of the ${plural(found, 'instance')} ` +
      'found could be checked. Raise the timeout, or narrow the listing (workspace-id, ' +
      'instance-name-prefix, instance-labels)',
    deadline.elapsed()
  )
}

function describeSnapshotFilter(request: InstancesRequest): string {
  const selection = request.snapshots
  return selection.kind === 'all' || selection.kind === 'latest'
    ? describeFilter(selection.filter)
    : ''
}

async function listInstanceIds(
  filter: InstanceFilter,
  request: InstancesRequest,
  deps: CheckDependencies,
  deadline: Deadline
): Promise<string[]> {
  const { items } = await retrying(() => listAllInstances(deps.client, filter, deadline), {
    ...request,
    ...deps,
    deadline
  })
  // The server's filter only saves pages: what it returns is still filtered exactly, here.
  return items.filter(instance => matchesInstanceFilter(instance, filter)).map(i => i.InstanceId!)
}

/** ListInstances filters by `Labels` on the server, up to this many (the API's documented limit). */
export const MAX_SERVER_LABELS = 4

/**
 * The filters the server applies: `Labels`, at most the first 4 of them. `InstanceName` is not
 * sent for the name prefix: the API documents it as "filter by instance name" without saying
 * whether it matches exactly, by prefix or by substring, and an exact match would drop instances
 * the prefix keeps.
 */
export function serverLabels(filter: InstanceFilter): Record<string, string> | undefined {
  // With more labels than the service takes, the first 4 still narrow the pages; the action
  // checks every one of them on what comes back (matchesInstanceFilter).
  const sent = Object.entries(filter.labels).slice(0, MAX_SERVER_LABELS)
  return sent.length > 0 ? Object.fromEntries(sent) : undefined
}

function listAllInstances(client: PaiDswCalls, filter: InstanceFilter, limit: Deadline) {
  const { workspaceId } = filter
  const labels = serverLabels(filter)
  return readAllPages(
    async (pageNumber, pageSize) => {
      const page = await client.listInstances({ pageNumber, pageSize, workspaceId, labels })
      return { ...page, items: page.instances }
    },
    instance => instance.InstanceId!,
    {
      operation: `ListInstances (workspace ${workspaceId ?? '(default)'})`,
      noun: 'instances',
      limit
    }
  )
}

export function matchesInstanceFilter(instance: Instance, filter: InstanceFilter): boolean {
  return matchesNameAndLabels(instance.InstanceName, instance.Labels, filter)
}

function describeInstanceFilter(request: InstancesRequest): string {
  if (request.instances.kind !== 'all') return ''
  const { workspaceId, namePrefix, labels } = request.instances.filter
  const parts = [
    workspaceId === 'ALL'
      ? 'in any workspace'
      : workspaceId
        ? `in workspace ${workspaceId}`
        : 'in the default workspace',
    namePrefix && `named ${namePrefix}*`,
    ...Object.entries(labels).map(([k, v]) => `labelled ${k}=${v}`)
  ].filter(Boolean)
  return ` ${parts.join(' ')}`
}
