/**
 * Text from outside the action (responses, error messages, echoed inputs) on its way to the log.
 * The runner reads every line of the step's output for workflow commands (`::name::` at the start
 * of a line, `##[name]` anywhere; `\n`, `\r\n` and a bare `\r` each end a line), so such text must
 * never break a line or start a command.
 */

/** Longest outside text one log line shows; the rest is cut with a marker. */
export const MAX_LOG_TEXT = 4000

/**
 * Characters that are not what they look like: C0 and C1 controls (CR, LF, TAB, ESC, DEL …),
 * Unicode format characters (bidi overrides and isolates, zero-width characters, the BOM: a
 * reviewer would read something else than the text says) and the line and paragraph separators.
 */
export const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** `\n`, `\u001b`, `\u202e`, `\u{e0001}`: how an invisible character is shown. */
export function escapeInvisible(c: string): string {
  const code = c.codePointAt(0) ?? 0
  const hex = code.toString(16)
  return NAMED_ESCAPES[c] ?? (code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`)
}

/**
 * `text`, or its first `max` characters and a marker saying how much was cut. A character outside
 * the BMP is kept or cut whole: half of one is no character in UTF-8.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max
  return `${text.slice(0, end)}… (${text.length - end} more characters cut)`
}

/**
 * The one way out for text that may hold outside data: one line with every invisible character
 * shown escaped (`\n`, `\u001b`, `\u202e`), no `##[` (the runner's legacy commands work anywhere
 * in a line), no `::` at its start, and at most `max` characters of the original.
 */
export function loggable(text: string, max = MAX_LOG_TEXT): string {
  const line = cut(text, max).replace(INVISIBLE, escapeInvisible).replace(/##\[/g, '##\\[')
  // The runner trims leading whitespace before it looks for `::`.
  return line.replace(/^(\s*):(?=:)/, '$1\\:')
}

/** How an error shows a value it refuses: quoted, escaped, at most 80 characters. */
export function quoted(value: string): string {
  return `'${loggable(value, 80)}'`
}

/** `1 request`, `3 requests`: counts in sentences, never `request(s)`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? noun : pluralNoun}`
}

/** A message as a sentence: its first letter upper-case (`snapshot …` → `Snapshot …`). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
