import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { OUTPUT_NAMES } from '../src/action/outputs.js'
import { ROOT, readActionYml } from '../scripts/local-runner.mjs'

// The action-validator schema predates node24, so action.yml is checked here instead.
describe('action.yml', () => {
  const action = readActionYml()

  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('has a name, a description and branding for the Marketplace', () => {
    expect(action.name).toBeTruthy()
    expect(action.description.length).toBeGreaterThan(20)
    expect(action.branding?.icon).toBeTruthy()
    expect(action.branding?.color).toBeTruthy()
  })

  it('describes every input and output', () => {
    for (const [name, entry] of [
      ...Object.entries(action.inputs),
      ...Object.entries(action.outputs)
    ]) {
      expect(`${name}: ${entry.description ?? ''}`.length).toBeGreaterThan(name.length + 10)
    }
  })

  it('requires exactly the two IDs (credentials and region may come from the environment)', () => {
    const required = Object.entries(action.inputs)
      .filter(([, i]) => i.required)
      .map(([n]) => n)
    expect(required.sort()).toEqual(['instance-id', 'snapshot-id'])
  })

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs)).toEqual([...OUTPUT_NAMES])
  })

  // The README splits the inputs into several tables (`### …` under `## Inputs`), each row
  // `| \`name\` | meaning | default |`; outputs are `| \`name\` | meaning |`.
  const readme = readFileSync(`${ROOT}README.md`, 'utf8')
  const tableRows = (section: string) => {
    const body = readme.split(`\n## ${section}\n`)[1]?.split('\n## ')[0] ?? ''
    return body
      .split('\n')
      .filter(line => /^\| `/.test(line))
      .map(line => line.split('|').map(cell => cell.trim()))
  }
  const namesInTable = (section: string) =>
    tableRows(section).flatMap(cells => [...cells[1]!.matchAll(/`([a-z-]+)`/g)].map(m => m[1]))

  it('has every input and output, and nothing else, in the README tables', () => {
    expect(namesInTable('Inputs').sort()).toEqual(Object.keys(action.inputs).sort())
    expect(namesInTable('Outputs').sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it("shows each input's default from action.yml in the README", () => {
    for (const cells of tableRows('Inputs')) {
      const name = /`([a-z-]+)`/.exec(cells[1]!)![1]!
      const input = action.inputs[name]!
      const shown = cells[3]
      if (input.required) expect([name, shown]).toEqual([name, 'required'])
      else if (input.default !== undefined)
        expect([name, shown]).toEqual([name, `\`${input.default}\``])
      // No declared default: the README may say where the value comes from, but shows no value.
      else expect([name, shown]).not.toEqual([name, expect.stringMatching(/^`/)])
    }
  })
})
