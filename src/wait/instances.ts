import type { Instance } from '../aliyun/instance.js'
import type { PaiDswClient } from '../aliyun/pai-dsw-client.js'
import {
  type CheckDependencies,
  type CheckRequest,
  checkSnapshots,
  failedBeforeWait,
  notWaited
} from './check.js'
import { type ListingDeadline, listingDeadline, readAllPages } from './paging.js'
import { describeFilter, matchesNameAndLabels } from './snapshot-listing.js'
import { retrying } from './retrying.js'
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

export interface InstancesRequest extends Omit<CheckRequest, 'instanceId' | 'severalInstances'> {
  instances: InstanceSelection
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
  const { instances } = request
  if (instances.kind === 'ids' && instances.ids.length === 1) {
    return checkSnapshots({ ...request, instanceId: instances.ids[0]! }, deps)
  }
  const started = deps.clock.now()
  const waited = () => deps.clock.now() - started
  let ids: string[]
  try {
    ids =
      instances.kind === 'ids'
        ? instances.ids
        : await listInstanceIds(instances.filter, request, deps, started)
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
  if (ids.length === 0) {
    return [
      notWaited(
        'error',
        `No instance${describeInstanceFilter(request)}: check workspace-id and the filters`,
        waited()
      )
    ]
  }
  deps.log.info(`Checking the ${request.snapshots.kind} snapshot(s) of ${ids.length} instance(s)`)
  const timeoutMs = Math.max(0, request.timeoutMs - waited())
  const perInstance = await Promise.all(
    ids.map(instanceId =>
      checkSnapshots({ ...request, timeoutMs, instanceId, severalInstances: true }, deps)
    )
  )
  const outcomes = perInstance.flat()
  // Only `all` can leave every instance out; a step that checked nothing must not pass.
  if (outcomes.length === 0) {
    const none = `None of the ${ids.length} instance(s) has a snapshot${describeSnapshotFilter(request)}`
    return [notWaited('error', `${none}: check instance-id and the filters`, waited())]
  }
  return outcomes
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
  started: number
): Promise<string[]> {
  const { items } = await retrying(
    () =>
      listAllInstances(
        deps.client,
        filter.workspaceId,
        listingDeadline(deps.clock, started, request.timeoutMs)
      ),
    { ...request, ...deps, deadline: started + request.timeoutMs, startedAt: started }
  )
  return items.filter(instance => matchesInstanceFilter(instance, filter)).map(i => i.InstanceId!)
}

function listAllInstances(
  client: PaiDswClient,
  workspaceId: string | undefined,
  limit: ListingDeadline
) {
  return readAllPages(
    async (pageNumber, pageSize) => {
      const page = await client.listInstances({ pageNumber, pageSize, workspaceId })
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
