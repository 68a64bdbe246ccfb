import { describe, expect, it } from '@jest/globals'
import { MAX_LOG_TEXT, cut, loggable, quoted, sentence } from '../src/text.js'

/** The lines the runner would read from `text`: it splits on \n, \r\n and a bare \r. */
const runnerLines = (text: string) => text.split(/\r\n|\n|\r/)

/** Whether the runner would take any line of `text` for a workflow command. */
const isCommand = (text: string) =>
  runnerLines(text).some(line => line.trimStart().startsWith('::') || line.includes('##['))

describe('loggable: the one way out for outside text', () => {
  it.each([
    'x\n::set-output name=image-url::evil',
    'x\r::set-output name=image-url::evil',
    'x\r\n::add-mask::',
    '::set-output name=image-url::evil',
    '   ::stop-commands::pwned',
    '\t::warning::x',
    'x ##[set-output name=image-url;]evil',
    '###[set-output name=x;]y'
  ])('keeps %j from forming a workflow command', payload => {
    expect(isCommand(payload)).toBe(true)
    const safe = loggable(payload)
    expect(isCommand(safe)).toBe(false)
    expect(runnerLines(safe)).toHaveLength(1)
  })

  it('shows control characters escaped, ANSI escapes included', () => {
    expect(loggable('a\nb\rc\td\u001b[31mred\u001b[0m\u007f')).toBe(
      'a\\nb\\rc\\td\\u001b[31mred\\u001b[0m\\u007f'
    )
  })

  it('escapes the Unicode line separators and C1 controls too, whatever reads the log next', () => {
    expect(loggable('x\u2028::error::y\u0085z')).toBe('x\\u2028::error::y\\u0085z')
  })

  it('leaves ordinary text alone', () => {
    const text = 'Snapshot snp-1 of instance dsw-1: Pushing (RequestId 1A2B) — ok: 5 ms, 10::20'
    expect(loggable(text)).toBe(text)
  })

  it('cuts very long text with a marker saying how much', () => {
    const safe = loggable('x'.repeat(MAX_LOG_TEXT + 500))
    expect(safe).toBe(`${'x'.repeat(MAX_LOG_TEXT)}… (500 more characters cut)`)
    expect(loggable('abcdef', 3)).toBe('abc… (3 more characters cut)')
  })

  it('never cuts a character outside the BMP in half', () => {
    // 😀 is two UTF-16 units: a cut between them would leave half a character, no UTF-8 at all.
    expect(cut('a\u{1F600}b', 2)).toBe('a… (3 more characters cut)')
    expect(cut('a\u{1F600}b', 3)).toBe('a\u{1F600}… (1 more characters cut)')
  })

  it('quotes refused values short and escaped', () => {
    expect(quoted('a\nb')).toBe("'a\\nb'")
    expect(quoted('y'.repeat(100))).toBe(`'${'y'.repeat(80)}… (20 more characters cut)'`)
    expect(cut('short', 10)).toBe('short')
  })
})

describe('loggable: what you read is what it says', () => {
  it.each([
    ['a right-to-left override', 'evil\u202Etxt.exe', 'evil\\u202etxt.exe'],
    ['the bidi isolates', '\u2066a\u2067b\u2068c\u2069', '\\u2066a\\u2067b\\u2068c\\u2069'],
    [
      'zero-width characters',
      'a\u200Bb\u200Cc\u200Dd\u200Ee\u200Ff',
      'a\\u200bb\\u200cc\\u200dd\\u200ee\\u200ff'
    ],
    ['the BOM', '\uFEFFtext', '\\ufefftext'],
    ['an astral format character', 'tag\u{E0041}', 'tag\\u{e0041}']
  ])('shows %s escaped', (_what, text, shown) => {
    expect(loggable(text)).toBe(shown)
  })
})

describe('sentence', () => {
  it('upper-cases the first letter only', () => {
    expect(sentence('snapshot snp-1 of instance dsw-1')).toBe('Snapshot snp-1 of instance dsw-1')
    expect(sentence('Already')).toBe('Already')
    expect(sentence('')).toBe('')
  })
})
