import { InputError, got } from './errors.js'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/
/** Longer sleeps would overflow Node's timers, and no GitHub job runs this long anyway. */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000

export const DURATION_FORMAT =
  'a duration such as 90s, 20m, 1h30m or 500ms (a bare number means seconds)'

/** Parses `90s`, `20m`, `1h30m`, `500ms` or a bare number of seconds into milliseconds. */
export function parseDuration(input: string, value: string): number {
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
  if (ms > MAX_DURATION_MS) {
    throw new InputError(input, `must be at most 168h (7 days); ${got(value)}`)
  }
  return ms
}

/** `90000` → `1m30s`: how durations are shown to users in logs and errors. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`
  let seconds = Math.round(ms / 1000)
  const hours = Math.floor(seconds / 3600)
  seconds -= hours * 3600
  const minutes = Math.floor(seconds / 60)
  seconds -= minutes * 60
  const parts = [hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`]
  return parts.filter(Boolean).join('') || '0s'
}
