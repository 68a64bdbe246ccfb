import type { Snapshot } from './snapshot.js'
import type { WaitOutcome, WaitResult } from './waiter.js'

/** Every output action.yml declares, in the order it lists them. */
export const OUTPUT_NAMES = [
  'status',
  'result',
  'image-url',
  'image-id',
  'snapshot-id',
  'snapshot-name',
  'instance-id',
  'reason-code',
  'reason-message',
  'gmt-create-time',
  'gmt-modified-time',
  'labels',
  'exclude-paths',
  'request-id',
  'snapshot',
  'attempts',
  'waited-seconds'
] as const

export type OutputName = (typeof OUTPUT_NAMES)[number]
export type Outputs = Partial<Record<OutputName, string>>

function labelsObject(labels: Snapshot['Labels']): Record<string, string> {
  const object: Record<string, string> = {}
  for (const label of labels ?? [])
    if (label.Key !== undefined) object[label.Key] = label.Value ?? ''
  return object
}

/** The outputs known after a wait; unknown ones are left out rather than set to guesses. */
export function outputsFromOutcome(
  outcome: WaitOutcome,
  ids: { instanceId: string; snapshotId: string }
): Outputs {
  const s = outcome.snapshot
  const outputs: Outputs = {
    result: outcome.result,
    'instance-id': s?.InstanceId || ids.instanceId,
    'snapshot-id': s?.SnapshotId || ids.snapshotId,
    attempts: String(outcome.attempts),
    'waited-seconds': String(Math.round(outcome.waitedMs / 1000))
  }
  if (!s) return outputs
  return {
    ...outputs,
    status: s.Status ?? '',
    'image-url': s.ImageUrl ?? '',
    'image-id': s.ImageId ?? '',
    'snapshot-name': s.SnapshotName ?? '',
    'reason-code': s.ReasonCode ?? '',
    'reason-message': s.ReasonMessage ?? '',
    'gmt-create-time': s.GmtCreateTime ?? '',
    'gmt-modified-time': s.GmtModifiedTime ?? '',
    labels: JSON.stringify(labelsObject(s.Labels)),
    'exclude-paths': JSON.stringify(s.ExcludePaths ?? []),
    'request-id': outcome.requestId ?? '',
    snapshot: JSON.stringify(s)
  }
}

/** Outputs when the wait never started (bad inputs): still tell later steps what happened. */
export function outputsBeforeWait(result: WaitResult): Outputs {
  return { result, attempts: '0', 'waited-seconds': '0' }
}
