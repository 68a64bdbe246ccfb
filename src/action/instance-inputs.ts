import type { InputReader } from '../credentials/source.js'
import { InputError } from '../errors.js'
import type { SnapshotSelection } from '../check/instance-check.js'
import { type InstanceSelection, singleInstance } from '../check/instances.js'
import { listItems, parseId, parseLabels, parseNamePrefix, required } from './input-parsers.js'

/** More instances than this in one step is a fleet for a matrix of jobs (see the README). */
export const MAX_INSTANCE_IDS = 100

/** Inputs that filter `instance-id: all` and mean nothing otherwise. */
const ALL_ONLY_INPUTS = ['workspace-id', 'instance-name-prefix', 'instance-labels'] as const

/** `dsw-1`, `dsw-1, dsw-2` (commas or newlines) or `all`, with the filters `all` takes. */
export function readInstanceSelection(read: InputReader): InstanceSelection {
  const items = listItems(required(read, 'instance-id'))
  if (items.some(item => item.toLowerCase() === 'all')) {
    if (items.length > 1) {
      throw new InputError('instance-id', "must be 'all' alone, not mixed with instance IDs")
    }
    return { kind: 'all', filter: readInstanceFilter(read) }
  }
  const given = ALL_ONLY_INPUTS.find(name => read(name))
  if (given) {
    throw new InputError(
      given,
      "applies only to instance-id: all; remove it, or set instance-id to 'all'"
    )
  }
  if (items.length > MAX_INSTANCE_IDS) {
    throw new InputError(
      'instance-id',
      `lists ${items.length} IDs; at most ${MAX_INSTANCE_IDS} are accepted (use 'all' with ` +
        'workspace-id and the filters, or a matrix of jobs)'
    )
  }
  return { kind: 'ids', ids: [...new Set(items.map(id => parseId('instance-id', id)))] }
}

function readInstanceFilter(read: InputReader) {
  const workspace = read('workspace-id')
  return {
    workspaceId:
      workspace.toUpperCase() === 'ALL'
        ? 'ALL'
        : workspace
          ? parseId('workspace-id', workspace)
          : undefined,
    namePrefix:
      parseNamePrefix('instance-name-prefix', read('instance-name-prefix'), 'an instance') ||
      undefined,
    labels: parseLabels('instance-labels', read('instance-labels'))
  }
}

/** Several instances are checked for their `latest` or `all` snapshots, never by snapshot ID. */
export function checkSeveralInstances(instances: InstanceSelection, snapshots: SnapshotSelection) {
  const several = singleInstance(instances) === undefined
  if (several && snapshots.kind !== 'latest' && snapshots.kind !== 'all') {
    throw new InputError(
      'snapshot-id',
      "must be 'latest' or 'all' when instance-id names several instances (or 'all'): " +
        'snapshot IDs and new belong to one instance'
    )
  }
}
