import type { Snapshot } from '../aliyun/snapshot.js'
import { cut } from '../text.js'
import {
  MAX_OUTPUT_BYTES,
  MAX_OUTPUT_TEXT,
  firstThatFits,
  prefixWithin,
  utf8Bytes
} from './github-limits.js'
import { bySeverity, worstResult } from '../verdict/results.js'
import { inReportOrder } from './report-order.js'
import { isoUtc } from '../finding/snapshot-age.js'
import type { WaitOutcome, WaitResult } from '../check/waiter.js'

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

/** The snapshot fields the API documents: what the `snapshot` output holds. */
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

type SnapshotField = (typeof SNAPSHOT_FIELDS)[number]

/** The member the `snapshot` output gains when it had to cut: the names of the fields cut. */
export const SNAPSHOT_CUT_FIELD = 'TruncatedFields'

/** The lists of `snapshot`, in the order they are given room when the whole does not fit. */
const SNAPSHOT_LISTS = ['Labels', 'ExcludePaths'] as const

/** What `snapshot` keeps when even its single fields do not fit: the snapshot's identity. */
const SNAPSHOT_IDENTITY: readonly SnapshotField[] = ['InstanceId', 'SnapshotId', 'Status']

/** The `snapshot` output as JSON: `fields`, with `cutFields` named when there are any. */
function snapshotJson(fields: Partial<Snapshot>, cutFields: readonly string[]): string {
  return JSON.stringify(cutFields.length ? { ...fields, [SNAPSHOT_CUT_FIELD]: cutFields } : fields)
}

/**
 * The `snapshot` output, fullest first: the documented fields with the reason cut at
 * MAX_OUTPUT_TEXT characters; then, if that is too long, `Labels` keep the entries that fit and
 * `ExcludePaths` those that fit in the room left (in the service's order); then, if even that is
 * too long, the snapshot's identity alone. Whatever is cut is named in SNAPSHOT_CUT_FIELD.
 */
function* snapshotCandidates(s: Snapshot): Generator<string> {
  const fields: Partial<Snapshot> = {}
  for (const field of SNAPSHOT_FIELDS) if (s[field] !== undefined) fields[field] = s[field] as never
  const cutFields: SnapshotField[] = []
  if (fields.ReasonMessage !== undefined && fields.ReasonMessage.length > MAX_OUTPUT_TEXT) {
    fields.ReasonMessage = cut(fields.ReasonMessage, MAX_OUTPUT_TEXT)
    cutFields.push('ReasonMessage')
  }
  yield snapshotJson(fields, cutFields)
  const lists = SNAPSHOT_LISTS.filter(list => fields[list]?.length)
  for (const list of lists) fields[list] = []
  // Room for the lists, with the marker written as long as it can get.
  let room = MAX_OUTPUT_BYTES - utf8Bytes(snapshotJson(fields, [...cutFields, ...lists]))
  for (const list of lists) {
    const items: unknown[] = s[list] ?? []
    const kept = prefixWithin(items, room + 2)
    fields[list] = kept as never
    room -= utf8Bytes(JSON.stringify(kept)) - 2
    if (kept.length < items.length) cutFields.push(list)
  }
  yield snapshotJson(fields, cutFields)
  const identity = Object.fromEntries(SNAPSHOT_IDENTITY.map(f => [f, s[f]]))
  yield snapshotJson(
    identity,
    SNAPSHOT_FIELDS.filter(f => s[f] !== undefined && !SNAPSHOT_IDENTITY.includes(f))
  )
}

/**
 * The image a later step may deploy: only a success hands one on (see `WaitOutcome.imageUrl`);
 * on any other ending both are empty, the service's values left in `snapshot`.
 */
function handedOnImage(outcome: WaitOutcome): { imageUrl: string; imageId: string } {
  if (outcome.result !== 'success') return { imageUrl: '', imageId: '' }
  return { imageUrl: outcome.imageUrl ?? '', imageId: outcome.snapshot?.ImageId ?? '' }
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
    ...handedOnImage(outcome),
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
  let kept = listed.length
  function* candidates(): Generator<string> {
    for (const maxText of [MAX_OUTPUT_TEXT, 1000, 200, 0]) {
      yield JSON.stringify(listed.map(o => snapshotSummary(o, maxText)))
    }
    const failuresFirst = [...listed].sort((a, b) => bySeverity(a.result, b.result))
    const entries = failuresFirst.map(outcome => snapshotSummary(outcome, 0))
    const fitting = prefixWithin(entries, MAX_OUTPUT_BYTES)
    kept = fitting.length
    yield JSON.stringify(fitting)
  }
  const json = firstThatFits(candidates())
  return { json, omitted: listed.length - kept }
}

/**
 * The snapshot the single-snapshot outputs describe: the one that decided the result, first in
 * the job summary's order (the worst instance first, its worst outcome first). So `status` and
 * `image-url` never tell of a success while `result` says otherwise.
 */
export function decidingOutcome(outcomes: readonly WaitOutcome[]): WaitOutcome | undefined {
  return inReportOrder(outcomes)[0]
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
    Object.assign(outputs, singleSnapshotOutputs(first, s), {
      'request-id': first.requestId ?? ''
    })
  }
  return { outputs, snapshotsOmitted: snapshots.omitted }
}

/**
 * What one snapshot tells later steps. `image-url` and `image-id` only for a success (see
 * `WaitOutcome.imageUrl`); lists keep the entries that fit in `MAX_OUTPUT_BYTES`, in the
 * service's order; `snapshot` is cut as `snapshotCandidates` says.
 */
function singleSnapshotOutputs(outcome: WaitOutcome, s: Snapshot): Outputs {
  const image = handedOnImage(outcome)
  return {
    status: s.Status ?? '',
    'image-url': image.imageUrl,
    'image-id': image.imageId,
    'snapshot-name': s.SnapshotName ?? '',
    'reason-code': s.ReasonCode ?? '',
    'reason-message': cut(s.ReasonMessage ?? '', MAX_OUTPUT_TEXT),
    'gmt-create-time': isoUtc(s.GmtCreateTime),
    'gmt-modified-time': isoUtc(s.GmtModifiedTime),
    labels: labelsJson(s.Labels),
    'exclude-paths': JSON.stringify(prefixWithin(s.ExcludePaths ?? [], MAX_OUTPUT_BYTES)),
    snapshot: firstThatFits(snapshotCandidates(s))
  }
}

/** Outputs when the wait never started (bad inputs): still tell later steps what happened. */
export function outputsBeforeWait(result: WaitResult): Outputs {
  return { result, attempts: '0', 'waited-seconds': '0' }
}
