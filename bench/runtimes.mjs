// The Node binaries the start-up is timed with: the one running the benchmark, and the runtime
// action.yml declares (node24) if npx already has it cached. The benchmark never downloads it
// (`npx -y node@24 -v` once does, as .ci/run does).
import { execFileSync } from 'node:child_process'

/** @typedef {{ version: string, path: string, note: string }} Runtime */

/** @returns {Runtime[]} */
export function findRuntimes() {
  /** @type {Runtime[]} */
  const runtimes = [
    { version: process.version, path: process.execPath, note: 'runs the benchmark' }
  ]
  const declared = cachedNode('24')
  if (declared && declared.version !== process.version) {
    runtimes.push({ ...declared, note: 'action.yml `runs.using: node24`' })
  }
  return runtimes
}

/** @param {string} major */
function cachedNode(major) {
  try {
    const printed = execFileSync(
      'npx',
      ['--offline', '-y', `node@${major}`, '-p', 'process.version + " " + process.execPath'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }
    )
    const [version = '', ...path] = printed.trim().split(' ')
    return { version, path: path.join(' ') }
  } catch {
    return undefined
  }
}
