import type { Snapshot } from '../aliyun/snapshot.js'
import type { WaitOutcome, WaitResult } from '../wait/waiter.js'

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
  'snapshots',
  'attempts',
  'waited-seconds'
] as const

export type OutputName = (typeof OUTPUT_NAMES)[number]
export type Outputs = Partial<Record<OutputName, string>>

/** The step's result when several snapshots were checked: the worst of theirs. */
const RESULT_SEVERITY: WaitResult[] = ['cancelled', 'error', 'failure', 'timeout', 'success']

export function overallResult(outcomes: readonly WaitOutcome[]): WaitResult {
  return RESULT_SEVERITY.find(result => outcomes.some(o => o.result === result)) ?? 'error'
}

function labelsObject(labels: Snapshot['Labels']): Record<string, string> {
  const object: Record<string, string> = {}
  for (const label of labels ?? [])
    if (label.Key !== undefined) object[label.Key] = label.Value ?? ''
  return object
}

/** One entry of the `snapshots` output. */
export function snapshotSummary(outcome: WaitOutcome) {
  const s = outcome.snapshot
  return {
    snapshotId: s?.SnapshotId || outcome.snapshotId,
    snapshotName: s?.SnapshotName ?? '',
    status: s?.Status ?? '',
    result: outcome.result,
    imageUrl: s?.ImageUrl ?? '',
    imageId: s?.ImageId ?? '',
    reasonCode: s?.ReasonCode ?? '',
    reasonMessage: s?.ReasonMessage ?? '',
    gmtCreateTime: s?.GmtCreateTime ?? '',
    gmtModifiedTime: s?.GmtModifiedTime ?? '',
    ...(outcome.result === 'success' ? {} : { message: outcome.message })
  }
}

/**
 * The outputs once the wait is over. Single-snapshot outputs describe the first snapshot (the
 * only one, usually); `result`, `attempts` and `waited-seconds` describe the whole step; unknown
 * values are left out rather than guessed.
 */
export function outputsFromOutcomes(
  outcomes: readonly WaitOutcome[],
  step: { instanceId: string; requests: number; waitedMs: number }
): Outputs {
  const first = outcomes[0]
  const s = first?.snapshot
  const outputs: Outputs = {
    result: overallResult(outcomes),
    'instance-id': s?.InstanceId || step.instanceId,
    snapshots: JSON.stringify(
      outcomes.filter(o => o.snapshot || o.snapshotId).map(snapshotSummary)
    ),
    attempts: String(step.requests),
    'waited-seconds': String(Math.round(step.waitedMs / 1000))
  }
  const snapshotId = s?.SnapshotId || first?.snapshotId
  if (snapshotId) outputs['snapshot-id'] = snapshotId
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
    'request-id': first?.requestId ?? '',
    snapshot: JSON.stringify(s)
  }
}

/** Outputs when the wait never started (bad inputs): still tell later steps what happened. */
export function outputsBeforeWait(result: WaitResult): Outputs {
  return { result, attempts: '0', 'waited-seconds': '0' }
}
