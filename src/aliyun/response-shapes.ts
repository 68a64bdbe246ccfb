import { quoted } from '../text.js'
import { ID_FORMAT, isPlainId } from './ids.js'
import type { Instance } from './instance.js'
import type { Snapshot } from './snapshot.js'

/**
 * Responses are checked against the types the API documents before anything uses them: a field
 * of the wrong type is a clear error here, never a TypeError (or a garbage output) further on.
 * Hand-written rather than a schema library: a dozen fields, and a library would add to every
 * run's start-up for no gain in clarity (figures in docs/architecture.md).
 */
export class ShapeError extends Error {
  constructor(
    readonly field: string,
    expected: string,
    value: unknown
  ) {
    super(`field ${field} must be ${expected}; got ${describeValue(value)}`)
    this.name = 'ShapeError'
  }
}

type Body = Record<string, unknown>

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'string') return `a string ${quoted(value)}`
  const kind = Array.isArray(value)
    ? 'an array'
    : typeof value === 'object'
      ? 'an object'
      : `a ${typeof value}`
  return `${kind} ${quoted(JSON.stringify(value) ?? String(value))}`
}

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Longest string each snapshot field may hold; reasons are bounded by the body size alone. */
const SNAPSHOT_STRINGS: readonly [field: string, max: number][] = [
  ['SnapshotName', 1024],
  ['Status', 128],
  ['ImageId', 1024],
  ['ImageUrl', 4096],
  ['ReasonCode', 1024],
  ['ReasonMessage', Infinity],
  ['GmtCreateTime', 64],
  ['GmtModifiedTime', 64],
  ['RequestId', 256]
]
const MAX_LIST_ITEMS = 1000
const MAX_LABEL_TEXT = 1024
const MAX_PATH_TEXT = 4096

function checkString(value: unknown, field: string, max: number): void {
  if (typeof value !== 'string') throw new ShapeError(field, 'a string', value)
  if (value.length > max) throw new ShapeError(field, `at most ${max} characters`, value)
}

function checkOptionalString(body: Body, name: string, at: string, max: number): void {
  if (body[name] !== undefined) checkString(body[name], `${at}${name}`, max)
}

function checkId(body: Body, name: string, at: string, expected?: string): void {
  const value = body[name]
  if (value === undefined) return
  if (typeof value !== 'string' || !isPlainId(value)) {
    throw new ShapeError(`${at}${name}`, ID_FORMAT, value)
  }
  if (expected !== undefined && value !== expected) {
    throw new ShapeError(`${at}${name}`, `${expected}, the one asked for`, value)
  }
}

function checkList(body: Body, name: string, at: string, item: (v: unknown, f: string) => void) {
  const value = body[name]
  if (value === undefined) return
  if (!Array.isArray(value) || value.length > MAX_LIST_ITEMS) {
    throw new ShapeError(`${at}${name}`, `a list of at most ${MAX_LIST_ITEMS} items`, value)
  }
  value.forEach((entry, i) => item(entry, `${at}${name}[${i}]`))
}

function checkLabel(value: unknown, field: string): void {
  if (!isObject(value)) throw new ShapeError(field, 'a {Key, Value} object', value)
  checkString(value.Key, `${field}.Key`, MAX_LABEL_TEXT)
  if (value.Value !== undefined) checkString(value.Value, `${field}.Value`, MAX_LABEL_TEXT)
}

/** What the request named: a snapshot in the answer must be that one (or of that instance). */
export interface Expected {
  instanceId: string
  snapshotId?: string
}

/** A snapshot as GetInstanceSnapshot or a listing entry describes it; unknown fields are kept. */
export function snapshotFromBody(body: unknown, expected: Expected, at = ''): Snapshot {
  if (!isObject(body)) throw new ShapeError(at.replace(/\.$/, '') || 'body', 'an object', body)
  checkId(body, 'InstanceId', at, expected.instanceId)
  checkId(body, 'SnapshotId', at, expected.snapshotId)
  for (const [name, max] of SNAPSHOT_STRINGS) checkOptionalString(body, name, at, max)
  checkList(body, 'Labels', at, checkLabel)
  checkList(body, 'ExcludePaths', at, (v, f) => checkString(v, f, MAX_PATH_TEXT))
  return body as Snapshot
}

/** A list page: `list` (each entry checked by `entry`) and `TotalCount`, a whole number. */
function pageFromBody<T>(
  body: Body,
  list: string,
  entry: (value: unknown, at: string) => T
): { entries: T[]; totalCount: number } {
  const { [list]: values = [], TotalCount: totalCount } = body
  if (!Array.isArray(values)) throw new ShapeError(list, 'a list', values)
  if (typeof totalCount !== 'number' || !Number.isSafeInteger(totalCount) || totalCount < 0) {
    throw new ShapeError('TotalCount', 'a whole number', totalCount)
  }
  return { entries: values.map((value, i) => entry(value, `${list}[${i}]`)), totalCount }
}

/** One ListInstanceSnapshot page: every entry a snapshot of the instance, with its ID. */
export function snapshotPageFromBody(
  body: Body,
  instanceId: string
): { snapshots: Snapshot[]; totalCount: number } {
  const { entries, totalCount } = pageFromBody(body, 'Snapshots', (value, at) => {
    const snapshot = snapshotFromBody(value, { instanceId }, `${at}.`)
    if (snapshot.SnapshotId === undefined)
      throw new ShapeError(`${at}.SnapshotId`, ID_FORMAT, undefined)
    return snapshot
  })
  return { snapshots: entries, totalCount }
}

/** CreateInstanceSnapshot's answer: the new snapshot's ID, of the instance asked for. */
export function createdSnapshotFromBody(body: Body, instanceId: string): string {
  checkId(body, 'InstanceId', '', instanceId)
  const id = body.SnapshotId
  if (typeof id !== 'string' || !isPlainId(id)) throw new ShapeError('SnapshotId', ID_FORMAT, id)
  return id
}

const INSTANCE_STRINGS: readonly [field: string, max: number][] = [
  ['InstanceName', 1024],
  ['Status', 128],
  ['WorkspaceId', 128],
  ['WorkspaceName', 1024],
  ['PaymentType', 64]
]

/** One ListInstances page: every entry an instance with a plain ID. */
export function instancePageFromBody(body: Body): { instances: Instance[]; totalCount: number } {
  const { entries, totalCount } = pageFromBody(body, 'Instances', (value, at) => {
    if (!isObject(value)) throw new ShapeError(at, 'an object', value)
    if (typeof value.InstanceId !== 'string') {
      throw new ShapeError(`${at}.InstanceId`, ID_FORMAT, value.InstanceId)
    }
    checkId(value, 'InstanceId', `${at}.`)
    for (const [name, max] of INSTANCE_STRINGS) checkOptionalString(value, name, `${at}.`, max)
    checkList(value, 'Labels', `${at}.`, checkLabel)
    return value as Instance
  })
  return { instances: entries, totalCount }
}
