// Runs one Node process and measures it from spawn to exit: wall time, and peak memory as the
// process itself reports it through peak-memory.cjs.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const PEAK_MEMORY = fileURLToPath(new URL('./peak-memory.cjs', import.meta.url))

/**
 * @typedef {object} TimedRun
 * @property {number} wallMs
 * @property {number} peakMiB
 * @property {number | null} exitCode
 * @property {string} stdout
 */

/**
 * @param {string} node path of the Node binary
 * @param {string[]} args what follows `node`
 * @param {Record<string, string>} env the whole environment of the process
 * @returns {Promise<TimedRun>}
 */
export function timedNode(node, args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(node, ['--require', PEAK_MEMORY, ...args], { env })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', text => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', text => (stderr += text))
    child.on('error', reject)
    child.on('close', exitCode => {
      const wallMs = performance.now() - started
      const peak = /peak-rss-kib=(\d+)/.exec(stderr)
      if (!peak)
        return reject(new Error(`no peak memory reported by node ${args.join(' ')}: ${stderr}`))
      resolve({ wallMs, peakMiB: Number(peak[1]) / 1024, exitCode, stdout })
    })
  })
}
