import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// The layers of src/ (docs/architecture.md), lowest first. A module may import from its own folder
// and from lower layers only; the folders of one layer do not import each other.
const LAYERS: Record<string, number> = {
  '.': 0, // the shared base: errors, clock, durations, text
  http: 1,
  polling: 2,
  aliyun: 3,
  credentials: 4,
  verdict: 4,
  finding: 5,
  history: 6,
  check: 7,
  action: 8
}
const ENTRY_POINTS = new Set(['main.ts', 'index.ts'])
const ENTRY_LAYER = 9

/**
 * The layers inside each folder, lowest first (docs/architecture.md): a module imports only
 * modules of its own folder in a lower tier, and every module has its tier.
 */
const INNER_TIERS: Record<string, string[][]> = {
  action: [
    ['input-parsers.ts', 'log.ts', 'report-order.ts'],
    ['github-limits.ts', 'instance-inputs.ts', 'new-snapshot-inputs.ts'],
    ['inputs.ts', 'outputs.ts', 'progress.ts'],
    ['summary.ts'],
    ['report.ts']
  ],
  '.': [
    ['action-version.ts', 'clock.ts', 'text.ts'],
    ['errors.ts', 'main.ts'],
    ['duration.ts', 'index.ts']
  ],
  aliyun: [
    [
      'endpoint.ts',
      'ids.ts',
      'image-reference.ts',
      'service-errors.ts',
      'signer.ts',
      'snapshot.ts'
    ],
    ['api-request.ts', 'credential-fields.ts', 'instance.ts', 'pai-dsw-errors.ts', 'sts-errors.ts'],
    ['response-shapes.ts', 'sts-client.ts'],
    ['pai-dsw-client.ts']
  ],
  check: [['create.ts', 'waiter.ts'], ['instance-check.ts'], ['instances.ts']],
  credentials: [
    ['bounded-file.ts', 'credentials-json.ts', 'environment.ts', 'temporary-session.ts'],
    ['credentials-uri.ts', 'ecs-ram-role.ts', 'github-id-token.ts', 'role-session-name.ts'],
    ['oidc-role.ts'],
    ['oidc-token-file.ts'],
    ['profile-fields.ts'],
    ['cli-profile.ts'],
    ['credentials-file.ts'],
    ['source.ts'],
    ['provider.ts']
  ],
  finding: [['paging.ts', 'snapshot-age.ts'], ['snapshot-listing.ts'], ['listed-snapshots.ts']],
  history: [['finish-estimate.ts'], ['prediction.ts']],
  http: [['loopback.ts'], ['transport.ts'], ['rate-limiter.ts']],
  polling: [['deadline.ts', 'retry-policy.ts', 'schedule.ts'], ['loop.ts'], ['retrying.ts']],
  verdict: [['delivered-image.ts', 'results.ts'], ['snapshot-tracker.ts'], ['early-outcomes.ts']]
}

/** Where the runtime (environment, wall clock, randomness) may be read: where it is assembled. */
const RUNTIME_ASSEMBLY = new Set(['index.ts', 'main.ts', 'clock.ts'])
const RUNTIME_READ = /\bprocess\.env\b|\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|\bMath\.random\b/

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

/** `file:line: text` of every read of the runtime outside where it is assembled. */
function runtimeReads(files: Map<string, string>): string[] {
  return [...files]
    .filter(([file]) => !RUNTIME_ASSEMBLY.has(file))
    .flatMap(([file, text]) =>
      text
        .split('\n')
        .map((line, i) => ({ line: line.trim(), at: `${file}:${i + 1}` }))
        .filter(({ line }) => !/^(?:\/\/|\/?\*)/.test(line) && RUNTIME_READ.test(line))
        .map(({ line, at }) => `${at}: ${line}`)
    )
}

/** `from → to` of every import inside a folder that does not point to a lower tier. */
function innerUpward(graph: Map<string, string[]>): string[] {
  const tierOf = (file: string): number => {
    const [folder, name] = file.includes('/') ? file.split('/') : ['.', file]
    const tier = (INNER_TIERS[folder!] ?? []).findIndex(names => names.includes(name!))
    if (tier < 0) throw new Error(`${file} has no tier in INNER_TIERS`)
    return tier
  }
  return [...graph].flatMap(([file, targets]) =>
    targets
      .filter(t => folderOf(t) === folderOf(file) && tierOf(t) >= tierOf(file))
      .map(t => `${file} → ${t}`)
  )
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

/** What writes to the step's log: the core functions, the streams, the console. */
const LOG_FUNCTIONS = 'info|warning|error|debug|notice|setFailed|startGroup|endGroup|group'
const LOG_WRITE = new RegExp(
  String.raw`\bcore\.(?:${LOG_FUNCTIONS})\b|\bprocess\.(?:stdout|stderr)\.write\b|\bconsole\.\w+`
)
/** `@actions/core` imported other than as `core`, or its log functions imported by name. */
const CORE_IMPORT =
  /(?:import\s*(?:\{([^}]*)\}|\*\s*as\s+(\w+))\s*from|import\s*\(|\{([^}]*)\}\s*=\s*await\s+import\s*\()\s*['"]@actions\/core['"]/

function importsLogFunction(line: string): boolean {
  const match = CORE_IMPORT.exec(line)
  if (!match) return false
  const [, named, namespace, destructured] = match
  if (namespace !== undefined) return namespace !== 'core'
  const names = (named ?? destructured ?? '').split(',').map(n => n.trim().split(/\s+/)[0])
  return named === undefined && destructured === undefined
    ? true
    : names.some(name => new RegExp(`^(?:${LOG_FUNCTIONS})$`).test(name ?? ''))
}

/** `file:line: text` of every write to the log outside src/action/log.ts. */
function logWritesOutsideLogTs(files: Map<string, string>): string[] {
  return [...files]
    .filter(([file]) => file !== 'action/log.ts')
    .flatMap(([file, text]) =>
      text
        .split('\n')
        .map((line, i) => ({ line: line.trim(), at: `${file}:${i + 1}` }))
        .filter(({ line }) => LOG_WRITE.test(line) || importsLogFunction(line))
        .map(({ line, at }) => `${at}: ${line}`)
    )
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

  it('keeps the layers inside each folder: every module has a tier, imports point lower', () => {
    const tiered = Object.entries(INNER_TIERS).flatMap(([folder, tiers]) =>
      tiers.flat().map(name => (folder === '.' ? name : `${folder}/${name}`))
    )
    expect(tiered.sort()).toEqual([...graph.keys()].sort())
    expect(innerUpward(graph)).toEqual([])
  })

  it('reads the environment, the wall clock and randomness only where the runtime is assembled', () => {
    const files = new Map(sourceFiles().map(file => [file, readFileSync(join(SRC, file), 'utf8')]))
    expect(runtimeReads(files)).toEqual([])
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
    const files = new Map(sourceFiles().map(file => [file, readFileSync(join(SRC, file), 'utf8')]))
    expect(logWritesOutsideLogTs(files)).toEqual([])
  })

  it('can tell every way of writing to the log (the check above can fail)', () => {
    const writes = [
      "import { info } from '@actions/core'",
      "import { setFailed as fail, getInput } from '@actions/core'",
      "import * as actions from '@actions/core'",
      'process.stdout.write(text)',
      'process.stderr.write(text)',
      'console.log(text)',
      'core.warning(text)',
      "const { debug } = await import('@actions/core')"
    ]
    for (const line of writes) {
      expect([line, logWritesOutsideLogTs(new Map([['aliyun/x.ts', line]]))]).toEqual([
        line,
        [`aliyun/x.ts:1: ${line}`]
      ])
    }
    const allowed = "import * as core from '@actions/core'\ncore.setOutput('a', b)"
    expect(logWritesOutsideLogTs(new Map([['main.ts', allowed]]))).toEqual([])
    expect(logWritesOutsideLogTs(new Map([['action/log.ts', writes.join('\n')]]))).toEqual([])
  })

  it('can tell a cycle and an upward import (the checks above can fail)', () => {
    const cyclic = new Map([
      ['a.ts', ['check/b.ts']],
      ['check/b.ts', ['a.ts']]
    ])
    expect(findCycle(cyclic)).toEqual(['a.ts', 'check/b.ts', 'a.ts'])
    expect(layerOf('check/waiter.ts')).toBeGreaterThan(layerOf('aliyun/signer.ts'))
    expect(layerOf('credentials/provider.ts')).toBe(layerOf('verdict/results.ts'))
    const sideways = new Map([['polling/deadline.ts', ['polling/loop.ts']]])
    expect(innerUpward(sideways)).toEqual(['polling/deadline.ts → polling/loop.ts'])
    expect(() => innerUpward(new Map([['polling/new.ts', ['polling/loop.ts']]]))).toThrow('no tier')
  })

  it('can tell a read of the runtime (the check above can fail)', () => {
    const reads = [
      'const env = process.env',
      'at = Date.now()',
      'd = new Date()',
      'r = Math.random'
    ]
    for (const line of reads) {
      expect(runtimeReads(new Map([['check/x.ts', line]]))).toEqual([`check/x.ts:1: ${line}`])
      expect(runtimeReads(new Map([['main.ts', line]]))).toEqual([])
    }
    const fine = ['new Date(ms)', '// Date.now() in a comment', ' * process.env in a doc comment']
    expect(runtimeReads(new Map([['check/x.ts', fine.join('\n')]]))).toEqual([])
  })
})
