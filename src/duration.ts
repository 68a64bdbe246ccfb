import { InputError, got } from './errors.js'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS }

/**
 * `ms` to the nearest whole minute: the one rounding of a time whose seconds are noise (an age, a
 * clock skew measured from a `Date` header of whole seconds).
 */
export function toNearestMinute(ms: number): number {
  return Math.round(ms / MINUTE_MS) * MINUTE_MS
}
const PART = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/g
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|d|h|m|s))+$/
/** Longer sleeps would overflow Node's timers, and no GitHub job runs this long anyway. */
export const MAX_DURATION_MS = 7 * DAY_MS

export const DURATION_FORMAT =
  'a duration such as 90s, 20m, 1h30m, 2d or 500ms (a bare number means seconds)'

/**
 * Parses `90s`, `20m`, `1h30m`, `2d`, `500ms` or a bare number of seconds into milliseconds, at
 * most `maxMs` (7 days unless the input is not a time to sleep, such as an age limit).
 */
export function parseDuration(input: string, value: string, maxMs = MAX_DURATION_MS): number {
  const text = value.trim().toLowerCase()
  let ms: number
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    ms = Number(text) * 1000
  } else if (WHOLE.test(text)) {
    ms = 0
    for (const [, amount, unit] of text.matchAll(PART)) ms += Number(amount) * (UNIT_MS[unit!] ?? 0)
  } else {
    throw new InputError(input, `must be ${DURATION_FORMAT}; ${got(value)}`)
  }
  ms = Math.round(ms)
  if (ms > maxMs) {
    throw new InputError(input, `must be at most ${formatDuration(maxMs)}; ${got(value)}`)
  }
  return ms
}

/** `90000` → `1m30s`, `93600000` → `1d2h`: how durations are shown to users in logs and errors. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`
  let seconds = Math.round(ms / 1000)
  const days = Math.floor(seconds / 86_400)
  seconds -= days * 86_400
  const hours = Math.floor(seconds / 3600)
  seconds -= hours * 3600
  const minutes = Math.floor(seconds / 60)
  seconds -= minutes * 60
  const parts = [
    days && `${days}d`,
    hours && `${hours}h`,
    minutes && `${minutes}m`,
    seconds && `${seconds}s`
  ]
  return parts.filter(Boolean).join('') || '0s'
}
