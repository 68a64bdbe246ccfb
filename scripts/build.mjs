// `npm run build`: dist/ from scratch (so no file of an older build lingers), bundled by ncc, with
// dist/licenses.txt listing every package in the bundle.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { bundledPackageDirs, licencesReport } from './licenses.mjs'

const STATS = '.tmp/ncc-stats.json'

rmSync('dist', { recursive: true, force: true })
mkdirSync('.tmp', { recursive: true })
execFileSync('ncc', ['build', 'src/index.ts', '-o', 'dist', '--stats-out', STATS], {
  stdio: 'inherit'
})
const dirs = bundledPackageDirs(JSON.parse(readFileSync(STATS, 'utf8')))
writeFileSync('dist/licenses.txt', licencesReport(dirs))
