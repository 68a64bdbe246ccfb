// Where the README states a limit that is a constant in the code, the two must say the same.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  MAX_REQUESTS_PER_SECOND,
  MIN_REQUESTS_PER_SECOND,
  parseRate
} from '../src/action/input-parsers.js'
import { SNAPSHOT_CUT_FIELD } from '../src/action/outputs.js'
import {
  MAX_OUTPUT_BYTES,
  MAX_OUTPUT_TEXT,
  OUTPUT_CUT_MARKER
} from '../src/action/github-limits.js'
import { MAX_LOG_TEXT } from '../src/text.js'
import { LIST_PAGE_SIZE, MAX_LIST_PAGES, MAX_LISTED_ITEMS } from '../src/finding/paging.js'
import { INTERNAL_ERROR_RETRY_MS } from '../src/polling/retry-policy.js'

const README = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ')
const en = (n: number) => n.toLocaleString('en')

describe('the README states the limits the code has', () => {
  it.each([
    [`max-requests-per-second\` is from ${MIN_REQUESTS_PER_SECOND} to ${MAX_REQUESTS_PER_SECOND}`],
    [`text over ${en(MAX_LOG_TEXT)} characters is cut`],
    [`Every output is at most ${en(MAX_OUTPUT_BYTES)} bytes of UTF-8`],
    [`at ${MAX_OUTPUT_TEXT / 1024} KiB characters`],
    [`it gains \`"${SNAPSHOT_CUT_FIELD}"\`, the names of the fields cut`],
    [`ends with \`${OUTPUT_CUT_MARKER}\``],
    [`at ${MAX_LIST_PAGES} pages`],
    [`never past ${en(MAX_LISTED_ITEMS)} snapshots`],
    [`${LIST_PAGE_SIZE} per request: 250 snapshots take 3 requests`],
    [`retries for up to ${INTERNAL_ERROR_RETRY_MS / 60_000} minute`]
  ])('%s', sentence => {
    expect(README).toContain(sentence)
  })

  it('and the rate limits are the ones the input accepts', () => {
    expect(parseRate('r', String(MIN_REQUESTS_PER_SECOND))).toBe(MIN_REQUESTS_PER_SECOND)
    expect(() => parseRate('r', '0.09')).toThrow('from 0.1 to 100')
    expect(() => parseRate('r', '100.5')).toThrow('from 0.1 to 100')
  })
})
