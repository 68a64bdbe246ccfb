// What MUTATION.md records of the sources it measured: for each module of src/, the SHA-256 of the
// source StrykerJS mutated, its mutants' counts and the commit the report was made at. Shared by
// scripts/mutation-report.mjs, which writes the record, and __tests__/mutation-freshness.test.ts,
// which compares it with src/ as it is now: hashes, so a shallow checkout can check it too.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The score every module must reach, in percent. */
export const TARGET = 80
export const RERUN = 're-run npm run test:mutation, then node scripts/mutation-report.mjs'
export const RECORD_HEADING = '## Measured sources'

/**
 * @typedef {{ killed: number, timeout: number, survived: number, noCoverage: number,
 *   compileError: number, ignored: number }} MutantCounts
 * @typedef {MutantCounts & { sha256: string, commit: string }} MeasuredModule
 * @typedef {{ modules: Record<string, MeasuredModule> }} MutationRecord
 */

/**
 * Detected ÷ (detected + undetected), in percent; null for a module without mutants to detect.
 * @type {(counts: Pick<MutantCounts, 'killed' | 'timeout' | 'survived' | 'noCoverage'>) => number | null}
 */
export function scoreOf({ killed, timeout, survived, noCoverage }) {
  const detected = killed + timeout
  const all = detected + survived + noCoverage
  return all ? (100 * detected) / all : null
}

/** @type {(text: string) => string} */
export const sha256 = text => createHash('sha256').update(text).digest('hex')

/**
 * Every module of src/ (its `.ts` files), by path from the root with `/`, with its text.
 * @type {(root?: string) => Map<string, string>}
 */
export function sourceModules(root = '.') {
  const names = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .map(name => `src/${name.replace(/\\/g, '/')}`)
    .filter(name => name.endsWith('.ts'))
    .sort()
  return new Map(names.map(name => [name, readFileSync(join(root, name), 'utf8')]))
}

/**
 * The record's section of MUTATION.md: a JSON block under its own heading.
 * @type {(record: MutationRecord) => string[]}
 */
export function recordSection(record) {
  return [
    RECORD_HEADING,
    '',
    'What each module was when measured (the SHA-256 of its source), read by',
    '`__tests__/mutation-freshness.test.ts`.',
    '',
    '```json',
    JSON.stringify(record, null, 2),
    '```',
    ''
  ]
}

/**
 * The record in a MUTATION.md, or undefined when it has none.
 * @type {(markdown: string) => MutationRecord | undefined}
 */
export function readRecord(markdown) {
  const at = markdown.split('\n').indexOf(RECORD_HEADING)
  const section = at < 0 ? '' : markdown.split('\n').slice(at).join('\n')
  const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1]
  return json ? JSON.parse(json) : undefined
}

/** @type {(what: string, modules: string[]) => string[]} */
const listed = (what, modules) => (modules.length ? [`${what}: ${modules.join(', ')}`] : [])

/**
 * Why the record no longer describes these modules (none: it does): a module it did not measure,
 * one changed or gone since, one below the target.
 * @type {(record: MutationRecord | undefined, modules: Map<string, string>) => string[]}
 */
export function freshnessProblems(record, modules) {
  if (!record) return [`MUTATION.md records no measured sources: ${RERUN}`]
  const measured = record.modules
  const names = [...modules.keys()]
  return [
    ...listed(
      `not measured (mutation testing covers every module of src/; ${RERUN})`,
      names.filter(name => !measured[name])
    ),
    ...listed(
      `changed since measured (${RERUN})`,
      names.filter(
        name => measured[name] && measured[name].sha256 !== sha256(modules.get(name) ?? '')
      )
    ),
    ...listed(
      `measured but no longer in src/ (${RERUN})`,
      Object.keys(measured).filter(name => !modules.has(name))
    ),
    ...listed(
      `below ${TARGET}%`,
      Object.entries(measured).flatMap(([name, counts]) => {
        const score = scoreOf(counts)
        return score !== null && score < TARGET ? [`${name} (${score.toFixed(1)}%)`] : []
      })
    )
  ]
}
