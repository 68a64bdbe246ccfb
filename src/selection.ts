import { InputError, got } from './errors.js'
import { type SnapshotFilter, isFiltering } from './snapshot-list.js'

/** Which snapshots one step checks: the `snapshot-id` input, plus the filters for latest/all. */
export type SnapshotSelection =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'latest'; filter: SnapshotFilter }
  | { kind: 'all'; filter: SnapshotFilter }

/** More IDs than this in one step is a mistake, not a fleet: use `all`. */
export const MAX_SNAPSHOT_IDS = 100

const KEYWORDS = new Set(['latest', 'all'])

/**
 * `snp-1`, `snp-1, snp-2` (commas or newlines), `latest` or `all`. `parseId` validates each ID, so
 * this module stays free of the ID rules.
 */
export function parseSnapshotSelection(
  value: string,
  filter: SnapshotFilter,
  parseId: (input: string, id: string) => string
): SnapshotSelection {
  const items = value
    .split(/[,\n]/)
    .map(item => item.trim())
    .filter(Boolean)
  const keyword = items.find(item => KEYWORDS.has(item.toLowerCase()))?.toLowerCase()
  if (keyword === 'latest' || keyword === 'all') {
    if (items.length > 1) {
      throw new InputError('snapshot-id', `must be '${keyword}' alone, not mixed with snapshot IDs`)
    }
    return { kind: keyword, filter }
  }
  if (isFiltering(filter)) {
    throw new InputError(
      'snapshot-name-prefix',
      "and snapshot-labels filter only snapshot-id 'latest' or 'all'; remove them or use one of those"
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

/** `team=ml, env=prod` (commas or newlines) → `{ team: 'ml', env: 'prod' }`. */
export function parseLabels(input: string, value: string): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const pair of value
    .split(/[,\n]/)
    .map(p => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=')
    const key = at > 0 ? pair.slice(0, at).trim() : ''
    if (!key || /[\p{Cc}]/u.test(pair)) {
      throw new InputError(
        input,
        `must be comma-separated key=value pairs such as team=ml; ${got(pair)}`
      )
    }
    labels[key] = pair.slice(at + 1).trim()
  }
  return labels
}
