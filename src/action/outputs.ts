import type { Snapshot } from '../aliyun/snapshot.js'
import { cut } from '../text.js'
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

/** Longest reason text an output holds; the whole reason stays in the service's own records. */
export const MAX_OUTPUT_TEXT = 64 * 1024

/** A job output may hold 1 MB: the `snapshots` output stays under it with room to spare. */
export const MAX_SNAPSHOTS_OUTPUT_BYTES = 1_000_000

/** The snapshot fields the API documents: what the `snapshot` output holds (reason cut). */
const SNAPSHOT_FIELDS = [
  'RequestId',
  'InstanceId',
  'SnapshotId',
  'SnapshotName',
  'Status',
  'ImageId',
  'ImageUrl',
  'ReasonCode',
  'ReasonMessage',
  'GmtCreateTime',
  'GmtModifiedTime',
  'Labels',
  'ExcludePaths'
] as const

function documentedFields(s: Snapshot): Partial<Snapshot> {
  const picked: Partial<Snapshot> = {}
  for (const field of SNAPSHOT_FIELDS) if (s[field] !== undefined) picked[field] = s[field] as never
  if (s.ReasonMessage !== undefined) picked.ReasonMessage = cut(s.ReasonMessage, MAX_OUTPUT_TEXT)
  return picked
}

type SnapshotSummary = ReturnType<typeof snapshotSummary>

/** One entry of the `snapshots` output; reason and message cut to `maxText` characters. */
export function snapshotSummary(outcome: WaitOutcome, maxText = MAX_OUTPUT_TEXT) {
  const s = outcome.snapshot
  return {
    instanceId: outcome.instanceId ?? s?.InstanceId ?? '',
    snapshotId: s?.SnapshotId || outcome.snapshotId,
    snapshotName: s?.SnapshotName ?? '',
    status: s?.Status ?? '',
    result: outcome.result,
    imageUrl: s?.ImageUrl ?? '',
    imageId: s?.ImageId ?? '',
    reasonCode: s?.ReasonCode ?? '',
    reasonMessage: cut(s?.ReasonMessage ?? '', maxText),
    gmtCreateTime: s?.GmtCreateTime ?? '',
    gmtModifiedTime: s?.GmtModifiedTime ?? '',
    ...(outcome.result === 'success' ? {} : { message: cut(outcome.message, maxText) })
  }
}

/**
 * The `snapshots` output within its byte budget: long reasons and messages are cut shorter and
 * shorter first; if that is not enough (thousands of snapshots), the entries that fit are kept,
 * failures first. `omitted` says how many were left out.
 */
export function snapshotsOutput(outcomes: readonly WaitOutcome[]): {
  json: string
  omitted: number
} {
  const listed = outcomes.filter(o => o.snapshot || o.snapshotId)
  const fits = (json: string) => Buffer.byteLength(json) <= MAX_SNAPSHOTS_OUTPUT_BYTES
  for (const maxText of [MAX_OUTPUT_TEXT, 1000, 200, 0]) {
    const json = JSON.stringify(listed.map(o => snapshotSummary(o, maxText)))
    if (fits(json)) return { json, omitted: 0 }
  }
  const failuresFirst = [...listed].sort(
    (a, b) => Number(a.result === 'success') - Number(b.result === 'success')
  )
  const kept: SnapshotSummary[] = []
  let bytes = 2
  for (const outcome of failuresFirst) {
    const entry = snapshotSummary(outcome, 0)
    bytes += Buffer.byteLength(JSON.stringify(entry)) + 1
    if (bytes > MAX_SNAPSHOTS_OUTPUT_BYTES) break
    kept.push(entry)
  }
  return { json: JSON.stringify(kept), omitted: listed.length - kept.length }
}

/**
 * The outputs once the wait is over. Single-snapshot outputs describe the first snapshot (the
 * only one, usually); `result`, `attempts` and `waited-seconds` describe the whole step; unknown
 * values are left out rather than guessed.
 */
export function outputsFromOutcomes(
  outcomes: readonly WaitOutcome[],
  step: { instanceId: string; requests: number; waitedMs: number }
): { outputs: Outputs; snapshotsOmitted: number } {
  const first = outcomes[0]
  const s = first?.snapshot
  const snapshots = snapshotsOutput(outcomes)
  const outputs: Outputs = {
    result: overallResult(outcomes),
    'instance-id': s?.InstanceId || first?.instanceId || step.instanceId,
    snapshots: snapshots.json,
    attempts: String(step.requests),
    'waited-seconds': String(Math.round(step.waitedMs / 1000))
  }
  const snapshotId = s?.SnapshotId || first?.snapshotId
  if (snapshotId) outputs['snapshot-id'] = snapshotId
  if (s) Object.assign(outputs, singleSnapshotOutputs(s), { 'request-id': first?.requestId ?? '' })
  return { outputs, snapshotsOmitted: snapshots.omitted }
}

function singleSnapshotOutputs(s: Snapshot): Outputs {
  return {
    status: s.Status ?? '',
    'image-url': s.ImageUrl ?? '',
    'image-id': s.ImageId ?? '',
    'snapshot-name': s.SnapshotName ?? '',
    'reason-code': s.ReasonCode ?? '',
    'reason-message': cut(s.ReasonMessage ?? '', MAX_OUTPUT_TEXT),
    'gmt-create-time': s.GmtCreateTime ?? '',
    'gmt-modified-time': s.GmtModifiedTime ?? '',
    labels: JSON.stringify(labelsObject(s.Labels)),
    'exclude-paths': JSON.stringify(s.ExcludePaths ?? []),
    snapshot: JSON.stringify(documentedFields(s))
  }
}

/** Outputs when the wait never started (bad inputs): still tell later steps what happened. */
export function outputsBeforeWait(result: WaitResult): Outputs {
  return { result, attempts: '0', 'waited-seconds': '0' }
}
