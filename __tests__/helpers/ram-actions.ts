import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The table of features and the RAM actions each needs: one block of README.md (the source),
 * repeated word for word in SECURITY.md, between these two markers.
 */
const BEGIN = '<!-- ram-actions:begin'
const END = '<!-- ram-actions:end -->'

export interface RamRow {
  /** The first cell, as written: `snapshot-id: latest`, history-aware polling (¹), … */
  uses: string
  /** The `paidsw:` actions of the second cell, in order. */
  actions: string[]
  /** The second cell, as written. */
  cell: string
}

/** The block of `file` from its begin marker to its end marker, both included; exactly one. */
export function ramActionsBlock(file: string): string {
  const text = readFileSync(file, 'utf8')
  const begins = text.split(BEGIN).length - 1
  const ends = text.split(END).length - 1
  if (begins !== 1 || ends !== 1) {
    throw new Error(`${file} has ${begins} "${BEGIN}" and ${ends} "${END}" markers, not one each`)
  }
  const start = text.indexOf(BEGIN)
  const end = text.indexOf(END)
  if (end < start) throw new Error(`${file}: "${END}" comes before "${BEGIN}"`)
  return text.slice(start, end + END.length)
}

/** The table's rows, header and separator left out. */
export function ramRows(block: string): RamRow[] {
  const lines = block.split('\n').filter(line => line.startsWith('|'))
  return lines.slice(2).map(line => {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map(cell => cell.trim())
    if (cells.length !== 2) throw new Error(`a row of the RAM table has ${cells.length} cells`)
    const [uses, cell] = cells as [string, string]
    return { uses, cell, actions: [...cell.matchAll(/`(paidsw:[A-Za-z]+)`/g)].map(m => m[1]!) }
  })
}

/** The `Action` lists of the block's JSON policy, in order. */
export function policyActions(block: string): string[] {
  const json = /```json\n([\s\S]*?)\n```/.exec(block)
  if (!json) throw new Error('the RAM block has no JSON policy')
  const policy = JSON.parse(json[1]!) as {
    Version: string
    Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[]
  }
  if (policy.Version !== '1') throw new Error(`the policy's Version is ${policy.Version}`)
  return policy.Statement.flatMap(statement => {
    if (statement.Effect !== 'Allow') throw new Error(`a statement's Effect is ${statement.Effect}`)
    return [statement.Action].flat()
  })
}

/** Every `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(name => name.endsWith('.ts'))
    .map(name => join(dir, name))
}

/**
 * The PAI-DSW API actions the code sends, as the client names them (`action: 'GetInstanceSnapshot'`
 * in `PaiDswClient`, signed into `x-acs-action` and granted as `paidsw:<action>`).
 */
export function paiDswActionsInCode(dir = 'src'): string[] {
  // STS calls (AssumeRole is signed like a PAI-DSW call) are not PAI-DSW actions.
  const paiDsw = sources(dir).filter(file => !file.endsWith('sts-client.ts'))
  const found = paiDsw.flatMap(file =>
    [...readFileSync(file, 'utf8').matchAll(/\baction: '([A-Za-z]+)'/g)].map(m => m[1]!)
  )
  return [...new Set(found)].sort()
}

/**
 * The STS actions the code sends: `Action: 'AssumeRoleWithOIDC'` in a query, `action: 'AssumeRole'`
 * signed into `x-acs-action`.
 */
export function stsActionsInCode(file = 'src/aliyun/sts-client.ts'): string[] {
  const text = readFileSync(file, 'utf8')
  return [...new Set([...text.matchAll(/\b[Aa]ction: '([A-Za-z]+)'/g)].map(m => m[1]!))]
}
