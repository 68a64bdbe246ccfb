import type { Log } from '../../src/action/log.js'

/** A log that records every call, in order, as `kind: text`. */
export function recordingLog() {
  const lines: string[] = []
  const log: Log = {
    info: text => lines.push(`info: ${text}`),
    warning: text => lines.push(`warning: ${text}`),
    debug: text => lines.push(`debug: ${text}`),
    error: (text, title) => lines.push(`error: ${title} | ${text}`),
    group: title => lines.push(`group: ${title}`),
    fail: (...text) => lines.push(`fail: ${text.join('\n')}`)
  }
  return { log, lines }
}
