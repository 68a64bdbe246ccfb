import { ID_FORMAT, isPlainId } from '../aliyun/ids.js'
import type { InputReader } from '../credentials/source.js'
import { parseDuration } from '../duration.js'
import { InputError, got } from '../errors.js'
import type { SnapshotSelection } from '../check/instance-check.js'
import type { NewSnapshot } from '../check/create.js'
import { type SnapshotFilter, isFiltering } from '../finding/snapshot-listing.js'

const STATUS = /^[A-Za-z][A-Za-z0-9_.-]*$/

/** The items of a list input: separated by commas or newlines, trimmed, empty ones dropped. */
export function listItems(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map(item => item.trim())
    .filter(Boolean)
}

export function required(read: InputReader, name: string): string {
  const value = read(name)
  if (!value) throw new InputError(name, 'is required')
  return value
}

/** IDs become URL path segments: reject anything that could change the path (`/`, `..`, `%`, `?`). */
export function parseId(input: string, value: string): string {
  if (!isPlainId(value)) {
    throw new InputError(input, `must be ${ID_FORMAT}; ${got(value)}`)
  }
  return value
}

export function parseStatusList(input: string, value: string): string[] {
  const statuses = listItems(value)
  if (statuses.length === 0) {
    throw new InputError(
      input,
      'must list at least one status, separated by commas or newlines (e.g. Saved)'
    )
  }
  for (const status of statuses) {
    if (status.length > 64 || !STATUS.test(status)) {
      throw new InputError(
        input,
        `must be status names such as Saved, separated by commas or newlines; ${got(status)}`
      )
    }
  }
  return statuses
}

/** The YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts them. */
export function parseBoolean(input: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(input, `must be true or false; ${got(value)}`)
}

/** Requests per second: below one per 10 s a step crawls; beyond 100, throttling is certain. */
export const MIN_REQUESTS_PER_SECOND = 0.1
export const MAX_REQUESTS_PER_SECOND = 100

export function parseRate(input: string, value: string): number {
  const rate = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : NaN
  if (!(rate >= MIN_REQUESTS_PER_SECOND && rate <= MAX_REQUESTS_PER_SECOND)) {
    throw new InputError(
      input,
      `must be a number of requests per second from ${MIN_REQUESTS_PER_SECOND} to ` +
        `${MAX_REQUESTS_PER_SECOND}; ${got(value)}`
    )
  }
  return rate
}

export function positiveDuration(read: InputReader, name: string, maxMs?: number): number {
  const ms = parseDuration(name, read(name), maxMs)
  if (ms <= 0) throw new InputError(name, `must be greater than zero; ${got(read(name))}`)
  return ms
}

/** An age limit is no sleep: it may run past a week, up to a year (far past any schedule). */
export const MAX_AGE_LIMIT_MS = 366 * 24 * 3_600_000

/** `max-age` (`26h`, `7d`) on `latest` or `all`; refused with snapshot IDs and `new`. */
export function withMaxAge(read: InputReader, selection: SnapshotSelection): SnapshotSelection {
  if (!read('max-age')) return selection
  const maxAgeMs = positiveDuration(read, 'max-age', MAX_AGE_LIMIT_MS)
  if (selection.kind !== 'latest' && selection.kind !== 'all') {
    throw new InputError(
      'max-age',
      "applies only to snapshot-id 'latest' or 'all'; remove it, or use one of those"
    )
  }
  return { ...selection, maxAgeMs }
}

/** More IDs than this in one step is a mistake, not a fleet: use `all`. */
export const MAX_SNAPSHOT_IDS = 100

const KEYWORDS = new Set(['latest', 'all', 'new'])

/** `snp-1`, `snp-1, snp-2` (commas or newlines), `latest` or `all`. */
export function parseSnapshotSelection(
  value: string,
  filter: SnapshotFilter,
  readNew: () => NewSnapshot
): SnapshotSelection {
  const items = listItems(value)
  const keyword = items.find(item => KEYWORDS.has(item.toLowerCase()))?.toLowerCase()
  if (keyword && items.length > 1) {
    throw new InputError('snapshot-id', `must be '${keyword}' alone, not mixed with snapshot IDs`)
  }
  if (keyword === 'latest' || keyword === 'all') return { kind: keyword, filter }
  if (keyword === 'new') {
    if (filter.namePrefix) {
      throw new InputError('snapshot-name-prefix', "filters only snapshot-id 'latest' or 'all'")
    }
    // With `new`, snapshot-labels are the labels the new snapshot gets.
    return { kind: 'new', snapshot: readNew() }
  }
  if (isFiltering(filter)) {
    throw new InputError(
      'snapshot-name-prefix',
      "and snapshot-labels filter only snapshot-id 'latest' or 'all' (with 'new', " +
        'snapshot-labels label the new snapshot); remove them or use one of those'
    )
  }
  if (items.length > MAX_SNAPSHOT_IDS) {
    throw new InputError(
      'snapshot-id',
      `lists ${items.length} IDs; at most ${MAX_SNAPSHOT_IDS} are accepted (use 'all' for every snapshot)`
    )
  }
  const ids = items.map(id => parseId('snapshot-id', id))
  if (ids.length === 0) throw new InputError('snapshot-id', 'is required')
  return { kind: 'ids', ids: [...new Set(ids)] }
}

/** Label keys and values, and name prefixes: text the API stores, echoed in logs and reports. */
const MAX_LABEL_KEY = 128
const MAX_LABEL_VALUE = 256
const MAX_LABELS = 20
export const MAX_NAME_PREFIX = 128
/** Control characters, line separators included: never part of a value a user means. */
export const CONTROL = /[\p{Cc}\u2028\u2029]/u

/** `team=ml, env=prod` (commas or newlines) → `{ team: 'ml', env: 'prod' }`. */
export function parseLabels(input: string, value: string): Record<string, string> {
  const labels: Record<string, string> = {}
  const pairs = listItems(value)
  if (pairs.length > MAX_LABELS) {
    throw new InputError(input, `lists ${pairs.length} labels; at most ${MAX_LABELS} are accepted`)
  }
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    const key = at > 0 ? pair.slice(0, at).trim() : ''
    const label = pair.slice(at + 1).trim()
    if (
      !key ||
      CONTROL.test(pair) ||
      key.length > MAX_LABEL_KEY ||
      label.length > MAX_LABEL_VALUE
    ) {
      throw new InputError(
        input,
        'must be key=value pairs separated by commas or newlines, such as team=ml (keys of at ' +
          `most ${MAX_LABEL_KEY} characters, values of at most ${MAX_LABEL_VALUE}, no control ` +
          `characters); ${got(pair)}`
      )
    }
    labels[key] = label
  }
  return labels
}

/** The start of the names to keep (`noun`: what is named); '' keeps every name. */
export function parseNamePrefix(input: string, value: string, noun: string): string {
  if (value.length > MAX_NAME_PREFIX || CONTROL.test(value)) {
    throw new InputError(
      input,
      `must be the start of ${noun} name: at most ${MAX_NAME_PREFIX} characters, no control ` +
        `characters; ${got(value)}`
    )
  }
  return value
}
