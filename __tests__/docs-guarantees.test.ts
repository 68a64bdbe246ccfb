// Every promise the project makes names its proof: README.md's "Guarantees" table (repeated word
// for word in SECURITY.md) gives, for each promise, the tests that fail without it. This fails when
// a named test no longer exists, so a promise cannot outlive its proof.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { markedBlock, tableRows } from './helpers/docs-blocks.js'

interface Proof {
  /** The test file, relative to `__tests__/`. */
  file: string
  /** The title of an `it`, `it.each` or `describe` in that file, as written there. */
  title: string
}

/** `` `e2e/verdict.test.ts` “keeps every output…” ``, as many as the cell names. */
function proofsIn(cell: string): Proof[] {
  return [...cell.matchAll(/`([\w./-]+\.test\.ts)` “([^”]+)”/g)].map(m => ({
    file: m[1]!,
    title: m[2]!
  }))
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether `source` has a test or a group of tests titled exactly `title`. */
function hasTestTitled(source: string, title: string): boolean {
  const quoted = [
    `'${title.replace(/'/g, "\\'")}'`,
    `"${title.replace(/"/g, '\\"')}"`,
    `\`${title}\``
  ].map(escapeRegExp)
  const call = String.raw`(?:\b(?:it|test|describe)(?:\.(?:only|skip|concurrent))?|\))\(\s*`
  return new RegExp(`${call}(?:${quoted.join('|')})`).test(source)
}

/** What is wrong with one proof: its file is missing, or has no test of that title. */
function problemWith(proof: Proof): string | undefined {
  const path = join('__tests__', proof.file)
  if (!existsSync(path)) return `${path} does not exist`
  return hasTestTitled(readFileSync(path, 'utf8'), proof.title)
    ? undefined
    : `${path} has no test titled “${proof.title}”`
}

const block = markedBlock('README.md', 'guarantees')
const rows = tableRows(block, 2).map(([promise, cell]) => ({
  promise: promise!,
  proofs: proofsIn(cell!)
}))

describe("the README's Guarantees table", () => {
  it('is repeated in SECURITY.md word for word', () => {
    expect(markedBlock('SECURITY.md', 'guarantees')).toBe(block)
  })

  it('names at least one test for every promise', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15)
    expect(rows.filter(row => row.proofs.length === 0).map(row => row.promise)).toEqual([])
  })

  it('names only tests that exist', () => {
    const problems = rows.flatMap(row => row.proofs.map(problemWith)).filter(Boolean)
    expect(problems).toEqual([])
  })

  it('can tell a test that does not exist (the check above can fail)', () => {
    const source =
      "it('keeps every output small', async () => {})\ndescribe(\"runner's log\", () => {})"
    expect(hasTestTitled(source, 'keeps every output small')).toBe(true)
    expect(hasTestTitled(source, "runner's log")).toBe(true)
    expect(hasTestTitled(source, 'keeps every output')).toBe(false)
    expect(
      hasTestTitled("const note = 'keeps every output small'", 'keeps every output small')
    ).toBe(false)
    expect(problemWith({ file: 'e2e/no-such.test.ts', title: 'x' })).toContain('does not exist')
  })
})
