import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// The layers of src/ (docs/architecture.md), lowest first. A module may import from its own folder
// and from lower layers only; the folders of one layer do not import each other.
const LAYERS: Record<string, number> = {
  '.': 0, // the shared base: errors, clock, durations, text
  http: 1,
  aliyun: 2,
  credentials: 3,
  wait: 3,
  action: 4
}
const ENTRY_POINTS = new Set(['main.ts', 'index.ts'])
const ENTRY_LAYER = 5
/** The packages src/ may import, each through its public entry point only. */
const PUBLIC_ENTRIES = new Set(['@actions/core', '@actions/github', 'undici'])

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [relative(SRC, join(dir, entry.name))]
        : []
  )
}

/** Every module specifier of a file: static imports, re-exports and dynamic imports. */
function specifiers(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8')
  const found = text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)
  return [...found].map(match => match[1]!)
}

function layerOf(file: string): number {
  if (ENTRY_POINTS.has(file)) return ENTRY_LAYER
  const folder = file.includes('/') ? file.split('/')[0]! : '.'
  const layer = LAYERS[folder]
  if (layer === undefined) throw new Error(`${file}: folder ${folder} has no layer in this test`)
  return layer
}

const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0] : '.')

/** file → the src/ files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles()) {
    const local = specifiers(file)
      .filter(spec => spec.startsWith('.'))
      .map(spec => relative(SRC, resolve(SRC, dirname(file), spec)).replace(/\.js$/, '.ts'))
    graph.set(file, local)
  }
  return graph
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (file: string, path: string[]): string[] | undefined => {
    if (state.get(file) === 'done') return undefined
    if (state.get(file) === 'visiting') return [...path.slice(path.indexOf(file)), file]
    state.set(file, 'visiting')
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next, [...path, file])
      if (cycle) return cycle
    }
    state.set(file, 'done')
    return undefined
  }
  for (const file of graph.keys()) {
    const cycle = visit(file, [])
    if (cycle) return cycle
  }
  return undefined
}

describe('the layers of src/', () => {
  const graph = importGraph()

  it('reads every module and its imports', () => {
    expect(graph.size).toBeGreaterThan(20)
    expect(graph.get('main.ts')).toContain('action/inputs.ts')
  })

  it('has no import cycle', () => {
    expect(findCycle(graph)).toBeUndefined()
  })

  it('only imports from the same folder or a lower layer', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter(t => folderOf(t) !== folderOf(file) && layerOf(t) >= layerOf(file))
        .map(t => `${file} → ${t}`)
    )
    expect(upward).toEqual([])
  })

  it('imports dependencies through their public entry points only', () => {
    const packages = sourceFiles().flatMap(file =>
      specifiers(file)
        .filter(spec => !spec.startsWith('.') && !spec.startsWith('node:'))
        .map(spec => `${file}: ${spec}`)
    )
    const deep = packages.filter(line => !PUBLIC_ENTRIES.has(line.split(': ')[1]!))
    expect(packages.length).toBeGreaterThan(0)
    expect(deep).toEqual([])
  })

  it('writes to the log only through src/action/log.ts, which makes outside text safe', () => {
    const direct = sourceFiles()
      .filter(file => file !== 'action/log.ts')
      .flatMap(file =>
        readFileSync(join(SRC, file), 'utf8')
          .split('\n')
          .map((line, i) => `${file}:${i + 1}: ${line.trim()}`)
          .filter(line => /\bcore\.(?:info|warning|error|debug|notice|setFailed)\b/.test(line))
      )
    expect(direct).toEqual([])
  })

  it('can tell a cycle and an upward import (the checks above can fail)', () => {
    const cyclic = new Map([
      ['a.ts', ['wait/b.ts']],
      ['wait/b.ts', ['a.ts']]
    ])
    expect(findCycle(cyclic)).toEqual(['a.ts', 'wait/b.ts', 'a.ts'])
    expect(layerOf('wait/check.ts')).toBeGreaterThan(layerOf('aliyun/signer.ts'))
    expect(layerOf('credentials/provider.ts')).toBe(layerOf('wait/check.ts'))
  })
})
