import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { markedBlock, tableRows } from './docs-blocks.js'

/**
 * The table of features and the RAM actions each needs: one block of README.md (the source),
 * repeated word for word in SECURITY.md.
 */
export function ramActionsBlock(file: string): string {
  return markedBlock(file, 'ram-actions')
}

export interface RamRow {
  /** The first cell, as written: `snapshot-id: latest`, history-aware polling (¹), … */
  uses: string
  /** The `paidsw:` actions of the second cell, in order. */
  actions: string[]
  /** The second cell, as written. */
  cell: string
}

/** The table's rows, header and separator left out. */
export function ramRows(block: string): RamRow[] {
  return tableRows(block, 2).map(([uses, cell]) => ({
    uses: uses!,
    cell: cell!,
    actions: [...cell!.matchAll(/`(paidsw:[A-Za-z]+)`/g)].map(m => m[1]!)
  }))
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
