// MUTATION.md must describe src/ as it is: every module measured, none changed since, each at the
// target. It compares hashes, not git history, so a shallow checkout checks it too.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  type MutationRecord,
  RERUN,
  freshnessProblems,
  readRecord,
  recordSection,
  sha256,
  sourceModules
} from '../scripts/mutation-record.mjs'

const modules = sourceModules()

describe('MUTATION.md', () => {
  const record = readRecord(readFileSync('MUTATION.md', 'utf8'))

  it('records modules of src/, each as it is now and at 80% or more', () => {
    const recorded = new Map([...modules].filter(([name]) => name in (record?.modules ?? {})))
    expect(recorded.size).toBeGreaterThan(0)
    expect(freshnessProblems(record, recorded)).toEqual([])
  })

  it('measured every module of src/ as it is now, each at 80% or more', () => {
    expect(freshnessProblems(record, modules)).toEqual([])
  })
})

describe('the freshness check', () => {
  const counts = { killed: 9, timeout: 0, survived: 1, noCoverage: 0, compileError: 0, ignored: 0 }
  // A record of src/ as it is now, read back from the section the report script writes.
  const fresh = (): MutationRecord =>
    readRecord(
      recordSection({
        modules: Object.fromEntries(
          [...modules].map(([name, text]) => [
            name,
            { sha256: sha256(text), commit: 'c', ...counts }
          ])
        )
      }).join('\n')
    )!
  const [first, second] = [...modules.keys()] as [string, string]

  it('passes a record of src/ as it is', () => {
    expect(freshnessProblems(fresh(), modules)).toEqual([])
  })

  it('names a module changed since it was measured, and how to measure it again', () => {
    const changed = new Map(modules).set(first, `${modules.get(first)}\n// one more line`)
    expect(freshnessProblems(fresh(), changed)).toEqual([
      `changed since measured (${RERUN}): ${first}`
    ])
    expect(RERUN).toBe('re-run npm run test:mutation, then node scripts/mutation-report.mjs')
  })

  it('names a module that was not measured, and one measured that is gone', () => {
    const record = fresh()
    delete record.modules[first]
    const problems = freshnessProblems(record, new Map(modules).set('src/new.ts', 'x'))
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^not measured .*: ${first}, src/new\\.ts$`))
    ])
    const gone = new Map(modules)
    gone.delete(second)
    expect(freshnessProblems(fresh(), gone)).toEqual([
      `measured but no longer in src/ (${RERUN}): ${second}`
    ])
  })

  it('names a module below 80%, and passes one at 80% or without mutants', () => {
    const record = fresh()
    record.modules[first] = { ...record.modules[first]!, killed: 79, survived: 21 }
    expect(freshnessProblems(record, modules)).toEqual([`below 80%: ${first} (79.0%)`])
    record.modules[first] = { ...record.modules[first]!, killed: 80, survived: 20 }
    record.modules[second] = { ...record.modules[second]!, killed: 0, survived: 0 }
    expect(freshnessProblems(record, modules)).toEqual([])
  })

  it('fails a MUTATION.md without a record', () => {
    expect(freshnessProblems(readRecord('# Mutation testing\n'), modules)).toEqual([
      `MUTATION.md records no measured sources: ${RERUN}`
    ])
  })
})
