// One table of features and the RAM actions each needs: README.md holds it (with the policy),
// SECURITY.md repeats it word for word, and both name exactly the PAI-DSW actions the code sends.
// __tests__/e2e/ram-actions.test.ts checks each row against a run with nothing else allowed.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { parse } from 'yaml'
import {
  paiDswActionsInCode,
  policyActions,
  ramActionsBlock,
  ramRows,
  stsActionsInCode
} from './helpers/ram-actions.js'

const block = ramActionsBlock('README.md')
const rows = ramRows(block)
const inTable = [...new Set(rows.flatMap(row => row.actions))].sort()
const inCode = paiDswActionsInCode()
const granted = (action: string) => `paidsw:${action}`

describe('the RAM actions table', () => {
  it('is repeated in SECURITY.md word for word', () => {
    expect(ramActionsBlock('SECURITY.md')).toBe(block)
  })

  it('is found where the README and SECURITY.md point to it', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('\n### RAM permissions\n')
    expect(readFileSync('SECURITY.md', 'utf8')).toContain('(README.md#ram-permissions)')
  })

  it('has one row per feature, each with its actions or a reason for none', () => {
    expect(rows.length).toBeGreaterThan(0)
    expect(new Set(rows.map(row => row.uses)).size).toBe(rows.length)
    for (const row of rows) {
      if (row.actions.length === 0)
        expect([row.uses, row.cell]).toEqual([row.uses, expect.stringMatching(/^none: /)])
    }
  })

  it('names every PAI-DSW action the code sends, and no other', () => {
    // The scan must see the client's calls at all: a rename of its `action:` key would hide them.
    expect(inCode).toEqual(expect.arrayContaining(['GetInstanceSnapshot']))
    expect(inTable).toEqual(inCode.map(granted))
  })

  it('has a policy that grants exactly the actions of the table, each once', () => {
    const policy = policyActions(block)
    expect(new Set(policy).size).toBe(policy.length)
    expect([...policy].sort()).toEqual(inTable)
  })

  it('says which STS actions need no RAM action, as the trust policy allows them', () => {
    const sts = stsActionsInCode()
    expect([...sts].sort()).toEqual(['AssumeRole', 'AssumeRoleWithOIDC'])
    const none = rows.filter(row => row.actions.length === 0).map(row => row.cell)
    for (const action of sts) expect(none.join('\n')).toContain(`\`${action}\``)
  })

  it('is the only list of RAM actions: any paidsw: action named elsewhere is in it', () => {
    const docs = [
      'README.md',
      'SECURITY.md',
      'CONTRIBUTING.md',
      'action.yml',
      ...readdirSync('docs')
        .filter(name => name.endsWith('.md'))
        .map(name => `docs/${name}`)
    ]
    for (const file of docs) {
      const named = [...readFileSync(file, 'utf8').matchAll(/paidsw:[A-Za-z]+/g)].map(m => m[0])
      expect([file, named.filter(action => !inTable.includes(action))]).toEqual([file, []])
    }
  })
})

describe('what attempts counts', () => {
  const readme = readFileSync('README.md', 'utf8')
  const bullet = /\n- `attempts` counts ([\s\S]*?)\n(?:- |\n)/.exec(readme)?.[1] ?? ''
  const action = parse(readFileSync('action.yml', 'utf8')) as {
    outputs: Record<string, { description: string }>
  }
  const description = action.outputs.attempts!.description

  it.each([
    ['the README', () => bullet],
    ['action.yml', () => description]
  ])('%s names every PAI-DSW action the code sends, and what is not counted', (_, text) => {
    expect(text()).not.toBe('')
    for (const name of inCode) expect(text()).toContain(name)
    for (const name of stsActionsInCode()) expect(text()).toContain(name)
    expect(text()).toMatch(/not counted/)
    expect(text()).toMatch(/\b0\b|`0`/)
  })
})
