import type { Snapshot } from '../aliyun/snapshot.js'
import { cut } from '../text.js'
import { bySeverity, worstResult } from '../wait/results.js'
import { inReportOrder } from './report-order.js'
import { isoUtc } from '../wait/snapshot-age.js'
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

/** Longest reason text an output holds; the whole reason stays in the service's own records. */
export const MAX_OUTPUT_TEXT = 64 * 1024

/**
 * Every output stays at or under this many bytes of UTF-8 (GitHub keeps 1 MB per job output).
 * Fields are bounded where they are read (response-shapes.ts); the lists are cut here.
 */
export const MAX_OUTPUT_BYTES = 1_000_000

/** In the `snapshot` output, each of its two lists (labels, excluded paths) keeps to this. */
const MAX_SNAPSHOT_LIST_BYTES = 350_000

/**
 * The longest prefix of `items` whose JSON, written by `entryJson` one item at a time between
 * brackets and commas, fits in `maxBytes` of UTF-8.
 */
export function prefixWithin<T>(
  items: readonly T[],
  maxBytes: number,
  entryJson: (item: T) => string = item => JSON.stringify(item)
): T[] {
  let bytes = 2
  const kept: T[] = []
  for (const item of items) {
    bytes += Buffer.byteLength(entryJson(item)) + (kept.length ? 1 : 0)
    if (bytes > maxBytes) break
    kept.push(item)
  }
  return kept
}

/** `{"team":"ml"}` from the labels that fit in one output, in the service's order. */
function labelsJson(labels: Snapshot['Labels']): string {
  const pairs = (labels ?? []).flatMap(l => (l.Key === undefined ? [] : [[l.Key, l.Value ?? '']]))
  const kept = prefixWithin(
    pairs,
    MAX_OUTPUT_BYTES,
    ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`
  )
  return JSON.stringify(Object.fromEntries(kept))
}

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

/** The `snapshot` output: the documented fields, the reason cut, each list cut to fit. */
function documentedFields(s: Snapshot): Partial<Snapshot> {
  const picked: Partial<Snapshot> = {}
  for (const field of SNAPSHOT_FIELDS) if (s[field] !== undefined) picked[field] = s[field] as never
  if (s.ReasonMessage !== undefined) picked.ReasonMessage = cut(s.ReasonMessage, MAX_OUTPUT_TEXT)
  if (s.Labels) picked.Labels = prefixWithin(s.Labels, MAX_SNAPSHOT_LIST_BYTES)
  if (s.ExcludePaths) picked.ExcludePaths = prefixWithin(s.ExcludePaths, MAX_SNAPSHOT_LIST_BYTES)
  return picked
}

/** One entry of the `snapshots` output; reason and message cut to `maxText` characters. */
export function snapshotSummary(outcome: WaitOutcome, maxText = MAX_OUTPUT_TEXT) {
  const s = outcome.snapshot
  return {
    instanceId: outcome.instanceId ?? s?.InstanceId ?? '',
    snapshotId: s?.SnapshotId || outcome.snapshotId,
    snapshotName: s?.SnapshotName ?? '',
    status: s?.Status ?? '',
    result: outcome.result,
    imageUrl: outcome.imageUrl ?? '',
    imageId: s?.ImageId ?? '',
    reasonCode: s?.ReasonCode ?? '',
    reasonMessage: cut(s?.ReasonMessage ?? '', maxText),
    gmtCreateTime: isoUtc(s?.GmtCreateTime),
    gmtModifiedTime: isoUtc(s?.GmtModifiedTime),
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
  // An instance with no snapshot to check (none within max-age, none yet) has an entry of its own.
  const listed = outcomes.filter(o => o.snapshot || o.snapshotId || o.instanceId)
  const fits = (json: string) => Buffer.byteLength(json) <= MAX_OUTPUT_BYTES
  for (const maxText of [MAX_OUTPUT_TEXT, 1000, 200, 0]) {
    const json = JSON.stringify(listed.map(o => snapshotSummary(o, maxText)))
    if (fits(json)) return { json, omitted: 0 }
  }
  const failuresFirst = [...listed].sort((a, b) => bySeverity(a.result, b.result))
  const entries = failuresFirst.map(outcome => snapshotSummary(outcome, 0))
  const kept = prefixWithin(entries, MAX_OUTPUT_BYTES)
  return { json: JSON.stringify(kept), omitted: listed.length - kept.length }
}

/**
 * The snapshot the single-snapshot outputs describe: the one that decided the result — the first
 * that did not succeed, in the job summary's order — or, when every one succeeded, the first.
 * So `status` and `image-url` never tell of a success while `result` says otherwise.
 */
export function decidingOutcome(outcomes: readonly WaitOutcome[]): WaitOutcome | undefined {
  const ordered = inReportOrder(outcomes)
  return ordered.find(o => o.result !== 'success') ?? ordered[0]
}

/**
 * The outputs once the wait is over. Single-snapshot outputs describe the deciding snapshot (the
 * only one, usually); `result`, `attempts` and `waited-seconds` describe the whole step; unknown
 * values are left out rather than guessed.
 */
export function outputsFromOutcomes(
  outcomes: readonly WaitOutcome[],
  step: { instanceId: string; requests: number; waitedMs: number }
): { outputs: Outputs; snapshotsOmitted: number } {
  const first = decidingOutcome(outcomes)
  const s = first?.snapshot
  const snapshots = snapshotsOutput(outcomes)
  const outputs: Outputs = {
    result: worstResult(outcomes),
    'instance-id': s?.InstanceId || first?.instanceId || step.instanceId,
    snapshots: snapshots.json,
    attempts: String(step.requests),
    'waited-seconds': String(Math.round(step.waitedMs / 1000))
  }
  const snapshotId = s?.SnapshotId || first?.snapshotId
  if (snapshotId) outputs['snapshot-id'] = snapshotId
  if (s) {
    Object.assign(outputs, singleSnapshotOutputs(s, first.imageUrl), {
      'request-id': first.requestId ?? ''
    })
  }
  return { outputs, snapshotsOmitted: snapshots.omitted }
}

/**
 * What one snapshot tells later steps. `image-url` only when usable (see `WaitOutcome.imageUrl`);
 * lists keep the entries that fit in `MAX_OUTPUT_BYTES`, in the service's order.
 */
function singleSnapshotOutputs(s: Snapshot, imageUrl: string | undefined): Outputs {
  return {
    status: s.Status ?? '',
    'image-url': imageUrl ?? '',
    'image-id': s.ImageId ?? '',
    'snapshot-name': s.SnapshotName ?? '',
    'reason-code': s.ReasonCode ?? '',
    'reason-message': cut(s.ReasonMessage ?? '', MAX_OUTPUT_TEXT),
    'gmt-create-time': isoUtc(s.GmtCreateTime),
    'gmt-modified-time': isoUtc(s.GmtModifiedTime),
    labels: labelsJson(s.Labels),
    'exclude-paths': JSON.stringify(prefixWithin(s.ExcludePaths ?? [], MAX_OUTPUT_BYTES)),
    snapshot: JSON.stringify(documentedFields(s))
  }
}

/** Outputs when the wait never started (bad inputs): still tell later steps what happened. */
export function outputsBeforeWait(result: WaitResult): Outputs {
  return { result, attempts: '0', 'waited-seconds': '0' }
}
