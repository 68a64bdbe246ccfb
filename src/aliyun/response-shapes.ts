import { quoted } from '../text.js'
import { ID_FORMAT, isPlainId } from './ids.js'
import type { Instance } from './instance.js'
import type { Label, Snapshot } from './snapshot.js'

/**
 * Responses are checked against the types the API documents before anything uses them: a field
 * of the wrong type is a clear error here, never a TypeError (or a garbage output) further on.
 * Read as leniently as the official SDK reads them — `null` is an absent field, a number may come
 * as a numeric string — and as strictly as harm requires: only documented fields are kept (so no
 * unknown, arbitrarily nested value travels on), strings and lists are bounded, and a page holds
 * no more entries than were asked for. Hand-written rather than a schema library: a dozen fields,
 * and a library would add to every run's start-up for no gain in clarity (docs/architecture.md).
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
  return `${kind} ${quoted(shortJson(value))}`
}

/** How deep and how wide `shortJson` looks: a value nested a million deep is shown in a line. */
const PREVIEW_DEPTH = 4
const PREVIEW_ITEMS = 5

/** JSON of `value`, its nesting and lists cut short with `…`; never recurses without bound. */
function shortJson(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value)
  const list = Array.isArray(value)
  if (depth >= PREVIEW_DEPTH) return list ? '[…]' : '{…}'
  const entries = list ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  const shown = entries
    .slice(0, PREVIEW_ITEMS)
    .map(([key, v]) => `${list ? '' : `${JSON.stringify(key)}:`}${shortJson(v, depth + 1)}`)
  const more = entries.length > PREVIEW_ITEMS ? ',…' : ''
  return list ? `[${shown.join(',')}${more}]` : `{${shown.join(',')}${more}}`
}

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A field as the official SDK reads it: `null` is the same as absent. */
function field(body: Body, name: string): unknown {
  const value = body[name]
  return value === null ? undefined : value
}

type SnapshotText = Exclude<keyof Snapshot, 'Labels' | 'ExcludePaths' | 'InstanceId' | 'SnapshotId'>

/** Longest string each snapshot field may hold; reasons are bounded by the body size alone. */
const SNAPSHOT_STRINGS: readonly [field: SnapshotText, max: number][] = [
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
/** Most items one list field of an entry (its labels, its excluded paths) may hold. */
export const MAX_ITEMS_IN_A_FIELD = 1000
const MAX_LABEL_TEXT = 1024
const MAX_PATH_TEXT = 4096

function checkString(value: unknown, at: string, max: number): string {
  if (typeof value !== 'string') throw new ShapeError(at, 'a string', value)
  if (value.length > max) throw new ShapeError(at, `at most ${max} characters`, value)
  return value
}

function optionalString(body: Body, name: string, at: string, max: number): string | undefined {
  const value = field(body, name)
  return value === undefined ? undefined : checkString(value, `${at}${name}`, max)
}

function optionalId(body: Body, name: string, at: string, expected?: string): string | undefined {
  const value = field(body, name)
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !isPlainId(value)) {
    throw new ShapeError(`${at}${name}`, ID_FORMAT, value)
  }
  if (expected !== undefined && value !== expected) {
    throw new ShapeError(`${at}${name}`, `${expected}, the one asked for`, value)
  }
  return value
}

/** Copies each of `fields` that `body` holds (null is absent) into `into`, checked and bounded. */
function copyStrings<K extends string>(
  body: Body,
  fields: readonly [name: K, max: number][],
  at: string,
  into: Partial<Record<K, string>>
): void {
  for (const [name, max] of fields) {
    const value = optionalString(body, name, at, max)
    if (value !== undefined) into[name] = value
  }
}

function requiredId(body: Body, name: string, at: string): string {
  const id = optionalId(body, name, at)
  if (id === undefined) throw new ShapeError(`${at}${name}`, ID_FORMAT, body[name])
  return id
}

function optionalList<T>(
  body: Body,
  name: string,
  at: string,
  item: (value: unknown, at: string) => T
): T[] | undefined {
  const value = field(body, name)
  if (value === undefined) return undefined
  if (!Array.isArray(value) || value.length > MAX_ITEMS_IN_A_FIELD) {
    throw new ShapeError(`${at}${name}`, `a list of at most ${MAX_ITEMS_IN_A_FIELD} items`, value)
  }
  return value.map((entry, i) => item(entry, `${at}${name}[${i}]`))
}

/** `{Key, Value}`, each a string or absent; other members are dropped. */
function readLabel(value: unknown, at: string): Label {
  if (!isObject(value)) throw new ShapeError(at, 'a {Key, Value} object', value)
  const label: Label = {}
  const key = optionalString(value, 'Key', `${at}.`, MAX_LABEL_TEXT)
  const text = optionalString(value, 'Value', `${at}.`, MAX_LABEL_TEXT)
  if (key !== undefined) label.Key = key
  if (text !== undefined) label.Value = text
  return label
}

/** What the request named: a snapshot in the answer must be that one (or of that instance). */
export interface Expected {
  instanceId: string
  snapshotId?: string
}

/** A snapshot as GetInstanceSnapshot or a listing entry describes it: its documented fields. */
export function snapshotFromBody(body: unknown, expected: Expected, at = ''): Snapshot {
  if (!isObject(body)) throw new ShapeError(at.replace(/\.$/, '') || 'body', 'an object', body)
  const snapshot: Snapshot = {}
  const instanceId = optionalId(body, 'InstanceId', at, expected.instanceId)
  const snapshotId = optionalId(body, 'SnapshotId', at, expected.snapshotId)
  if (instanceId !== undefined) snapshot.InstanceId = instanceId
  if (snapshotId !== undefined) snapshot.SnapshotId = snapshotId
  copyStrings(body, SNAPSHOT_STRINGS, at, snapshot)
  const labels = optionalList(body, 'Labels', at, readLabel)
  const paths = optionalList(body, 'ExcludePaths', at, (v, f) => checkString(v, f, MAX_PATH_TEXT))
  if (labels) snapshot.Labels = labels
  if (paths) snapshot.ExcludePaths = paths
  return snapshot
}

/** `TotalCount`: a whole number, or a numeric string as the SDK reads it; absent is unknown. */
function totalCountOf(body: Body): number | undefined {
  const value = field(body, 'TotalCount')
  if (value === undefined) return undefined
  const count = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw new ShapeError('TotalCount', 'a whole number', value)
  }
  return count
}

/**
 * A list page: `list` (each entry checked by `entry`) and `TotalCount`. A page longer than the
 * `pageSize` asked for does not fit the API, and is refused before any entry is looked at.
 */
function pageFromBody<T>(
  body: Body,
  list: string,
  pageSize: number,
  entry: (value: unknown, at: string) => T
): { entries: T[]; totalCount: number | undefined } {
  const values = field(body, list) ?? []
  if (!Array.isArray(values)) throw new ShapeError(list, 'a list', values)
  if (values.length > pageSize) {
    throw new ShapeError(
      list,
      `a list of at most ${pageSize} entries (the PageSize asked for)`,
      values
    )
  }
  const totalCount = totalCountOf(body)
  return { entries: values.map((value, i) => entry(value, `${list}[${i}]`)), totalCount }
}

/** One ListInstanceSnapshot page: every entry a snapshot of the instance, with its ID. */
export function snapshotPageFromBody(
  body: Body,
  instanceId: string,
  pageSize: number
): { snapshots: Snapshot[]; totalCount: number | undefined } {
  const { entries, totalCount } = pageFromBody(body, 'Snapshots', pageSize, (value, at) => {
    const snapshot = snapshotFromBody(value, { instanceId }, `${at}.`)
    if (snapshot.SnapshotId === undefined)
      throw new ShapeError(`${at}.SnapshotId`, ID_FORMAT, undefined)
    return snapshot
  })
  return { snapshots: entries, totalCount }
}

/** CreateInstanceSnapshot's answer: the new snapshot's ID, of the instance asked for. */
export function createdSnapshotFromBody(body: Body, instanceId: string): string {
  optionalId(body, 'InstanceId', '', instanceId)
  return requiredId(body, 'SnapshotId', '')
}

type InstanceText = 'InstanceName' | 'Status' | 'WorkspaceId' | 'WorkspaceName' | 'PaymentType'

const INSTANCE_STRINGS: readonly [field: InstanceText, max: number][] = [
  ['InstanceName', 1024],
  ['Status', 128],
  ['WorkspaceId', 128],
  ['WorkspaceName', 1024],
  ['PaymentType', 64]
]

function instanceFromBody(value: unknown, at: string): Instance {
  if (!isObject(value)) throw new ShapeError(at, 'an object', value)
  const instance: Instance = { InstanceId: requiredId(value, 'InstanceId', `${at}.`) }
  copyStrings(value, INSTANCE_STRINGS, `${at}.`, instance)
  const labels = optionalList(value, 'Labels', `${at}.`, readLabel)
  if (labels) instance.Labels = labels
  return instance
}

/** One ListInstances page: every entry an instance with a plain ID. */
export function instancePageFromBody(
  body: Body,
  pageSize: number
): { instances: Instance[]; totalCount: number | undefined } {
  const { entries, totalCount } = pageFromBody(body, 'Instances', pageSize, instanceFromBody)
  return { instances: entries, totalCount }
}
