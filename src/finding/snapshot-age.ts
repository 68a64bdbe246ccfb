import type { Snapshot } from '../aliyun/snapshot.js'
import { formatDuration, toNearestMinute } from '../duration.js'

/** ISO-8601 as PAI-DSW writes `GmtCreateTime`, with or without a zone (none means UTC). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * A time the service wrote, in ms; undefined when it is not an ISO-8601 time. A time without a
 * zone is read as UTC (the `Gmt` in the name), never as the runner's local time.
 */
export function parseServiceTime(text: string | undefined): number | undefined {
  const trimmed = text?.trim() ?? ''
  const match = ISO_TIME.exec(trimmed)
  if (!match) return undefined
  const ms = Date.parse(match[1] ? trimmed : `${trimmed}Z`)
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * A service time as the `gmt-*` outputs give it: ISO-8601 in UTC (`2026-12-07T08:00:00Z`), or ''
 * when the service wrote something that is not a time, so a later step never parses garbage.
 */
export function isoUtc(text: string | undefined): string {
  const ms = parseServiceTime(text)
  return ms === undefined ? '' : new Date(ms).toISOString().replace('.000Z', 'Z')
}

/**
 * The `max-age` rule. `serverNow` is the server's time (the runner's, corrected by the skew the
 * client measured), so a runner whose clock is off neither ages nor rejuvenates snapshots.
 */
export interface AgeLimit {
  maxAgeMs: number
  serverNow: number
}

/**
 * A snapshot counts when it was created at most `maxAgeMs` ago; one "from the future" (a server
 * clock ahead of the skew estimate) counts as new. Without a readable creation time it does not
 * count: a health check must not pass on a snapshot whose age it cannot tell.
 */
export function isRecent(snapshot: Snapshot, limit: AgeLimit): boolean {
  const created = parseServiceTime(snapshot.GmtCreateTime)
  return created !== undefined && limit.serverNow - created <= limit.maxAgeMs
}

/** The snapshots that count and those left out as too old, each in the listing's order. */
export function splitByAge(
  snapshots: readonly Snapshot[],
  limit: AgeLimit
): { recent: Snapshot[]; tooOld: Snapshot[] } {
  // One pass: `all` may list 10,000 snapshots.
  const split = { recent: [] as Snapshot[], tooOld: [] as Snapshot[] }
  for (const snapshot of snapshots) {
    if (isRecent(snapshot, limit)) split.recent.push(snapshot)
    else split.tooOld.push(snapshot)
  }
  return split
}

/** `created 3d4h ago`, `with no readable creation time`: how old a snapshot is, for messages. */
export function describeAge(snapshot: Snapshot, serverNow: number): string {
  const created = parseServiceTime(snapshot.GmtCreateTime)
  if (created === undefined) return 'has no readable creation time (GmtCreateTime)'
  // To the minute: seconds would only add noise to an age in hours or days.
  const ageMs = serverNow - created
  const shown = ageMs >= 3_600_000 ? toNearestMinute(ageMs) : ageMs
  return `was created ${formatDuration(shown)} ago (${new Date(created).toISOString()})`
}

/**
 * Why none of an instance's snapshots counts, after the instance's name: `has no snapshot within
 * max-age 1d2h: the newest, snp-1, was created 3d4h ago (…)`.
 */
export function describeStale(
  newest: Snapshot | undefined,
  limit: AgeLimit,
  filtered = ''
): string {
  const within = `has no snapshot${filtered} within max-age ${formatDuration(limit.maxAgeMs)}`
  if (!newest) return `${within}: it has no snapshot${filtered} at all`
  return `${within}: the newest, ${newest.SnapshotId}, ${describeAge(newest, limit.serverNow)}`
}
