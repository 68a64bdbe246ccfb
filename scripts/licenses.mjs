// dist/licenses.txt from the bundler's stats: every package whose code is in dist/, with its
// version, licence and licence text. (ncc's own --license output leaves out ES-module packages.)
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The package folders (`node_modules/a/node_modules/@b/c`) of every module in webpack stats.
 * @param {{ modules?: { name?: string, modules?: unknown[] }[] }} stats
 */
export function bundledPackageDirs(stats) {
  const dirs = new Set()
  /** @param {{ name?: string, modules?: unknown[] }} module */
  const visit = module => {
    const match =
      /^(?:.*?\/)?((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(
        module.name ?? ''
      )
    if (match?.[1]) dirs.add(match[1])
    for (const inner of /** @type {{ name?: string }[]} */ (module.modules ?? [])) visit(inner)
  }
  for (const module of stats.modules ?? []) visit(module)
  return [...dirs]
}

/** @param {string} dir */
function licenceText(dir) {
  const file = readdirSync(dir).find(name => /^(?:licen[cs]e|copying)(?:\.|$)/i.test(name))
  return file ? readFileSync(join(dir, file), 'utf8').trim() : '(no licence file in the package)'
}

/** @param {string[]} dirs */
export function licencesReport(dirs) {
  const entries = new Map()
  for (const dir of dirs) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const key = `${manifest.name} ${manifest.version}`
    if (!entries.has(key)) entries.set(key, `${key}\n${manifest.license}\n${licenceText(dir)}\n`)
  }
  return [...entries.keys()]
    .sort()
    .map(key => entries.get(key))
    .join('\n')
}
