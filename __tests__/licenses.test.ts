import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = join(ROOT, 'dist')

/** `name version` of each entry in dist/licenses.txt. */
function listedPackages(): Map<string, string> {
  const text = readFileSync(join(DIST, 'licenses.txt'), 'utf8')
  const entries = new Map<string, string>()
  for (const block of text.split(/\n(?=(?:@[\w.-]+\/)?[\w.-]+ \d+\.\d+\.\d+[^\n]*\n)/)) {
    const [head = '', license = ''] = block.split('\n')
    entries.set(head.trim(), license.trim())
  }
  return entries
}

/** `name version` of a package folder under node_modules. */
function packageAt(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'))
  return `${manifest.name} ${manifest.version}`
}

/** The packages the bundle itself names: webpack marks each ES module it inlines with its path. */
function packagesNamedInBundle(): Set<string> {
  const found = new Set<string>()
  for (const file of readdirSync(DIST).filter(f => f.endsWith('.js'))) {
    const text = readFileSync(join(DIST, file), 'utf8')
    for (const [, dir] of text.matchAll(
      /(?:EXTERNAL|CONCATENATED) MODULE: \.\/((?:node_modules\/(?:@[^/]+\/)?[^/\s]+\/)*node_modules\/(?:@[^/]+\/)?[^/\s]+)\//g
    ))
      found.add(packageAt(dir!))
  }
  return found
}

describe('dist/licenses.txt', () => {
  const listed = listedPackages()

  it('gives every listed package a licence', () => {
    expect(listed.size).toBeGreaterThan(5)
    for (const [pkg, license] of listed)
      expect([pkg, license]).toEqual([pkg, expect.stringMatching(/^[\w.() -]+$/)])
  })

  it('lists every package whose code the bundle holds', () => {
    const named = [...packagesNamedInBundle()]
    // The ES-module packages that ncc's own licence list used to leave out, among them.
    expect(named).toContain(packageAt('node_modules/@actions/core'))
    expect(named.filter(pkg => !listed.has(pkg))).toEqual([])
  })

  it('lists exactly the packages in the bundler stats of the last build', () => {
    const statsFile = join(ROOT, '.tmp/ncc-stats.json')
    // `npm run build` writes it, and `npm test` always builds first.
    expect(existsSync(statsFile)).toBe(true)
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as { modules: { name: string }[] }
    const dirs = new Set(
      stats.modules.flatMap(
        m =>
          /^\.\/((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(
            m.name
          )?.[1] ?? []
      )
    )
    expect([...listed.keys()].sort()).toEqual([...new Set([...dirs].map(packageAt))].sort())
    expect(listed.has(packageAt('node_modules/undici'))).toBe(true)
  })
})
