// `npm run build`: dist/ from scratch (so no file of an older build lingers), bundled by ncc, with
// dist/licenses.txt listing every package in the bundle.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { bundledPackageDirs, licencesReport } from './licenses.mjs'

const STATS = '.tmp/ncc-stats.json'

// The User-Agent names the action's version: taken from package.json here, at build time.
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'))
writeFileSync('src/action-version.ts', actionVersionModule(name, version))

rmSync('dist', { recursive: true, force: true })
mkdirSync('.tmp', { recursive: true })
execFileSync('ncc', ['build', 'src/index.ts', '-o', 'dist', '--stats-out', STATS], {
  stdio: 'inherit'
})
const dirs = bundledPackageDirs(JSON.parse(readFileSync(STATS, 'utf8')))
writeFileSync('dist/licenses.txt', licencesReport(dirs))

/**
 * `src/action-version.ts`, formatted as prettier would (a test keeps it equal to package.json).
 * @param {string} name
 * @param {string} version
 */
function actionVersionModule(name, version) {
  return (
    '// Written by scripts/build.mjs from package.json: do not edit.\n' +
    `export const ACTION_NAME = ${JSON.stringify(name).replace(/"/g, "'")}\n` +
    `export const ACTION_VERSION = ${JSON.stringify(version).replace(/"/g, "'")}\n`
  )
}
