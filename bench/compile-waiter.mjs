// Node cannot run the TypeScript sources directly, so the benchmark compiles the waiter (and what
// it imports) to JavaScript under .tmp/ first: the simulations then drive the real code.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { ROOT } from '../scripts/local-runner.mjs'

const OUT_DIR = join(ROOT, '.tmp/bench/src')

/**
 * @returns {Promise<{
 *   waiter: typeof import('../src/check/waiter.js'),
 *   duration: typeof import('../src/duration.js'),
 *   prediction: typeof import('../src/history/prediction.js')
 * }>}
 */
export async function compileWaiter() {
  rmSync(OUT_DIR, { recursive: true, force: true })
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: diagnostic => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      }
    }
  )
  if (!config) throw new Error('cannot read tsconfig.json')
  const options = {
    ...config.options,
    noEmit: false,
    rootDir: join(ROOT, 'src'),
    outDir: OUT_DIR,
    types: ['node']
  }
  const roots = ['src/check/waiter.ts', 'src/history/prediction.ts'].map(f => join(ROOT, f))
  const program = ts.createProgram(roots, options)
  const { diagnostics } = program.emit()
  const errors = [...ts.getPreEmitDiagnostics(program), ...diagnostics]
  if (errors.length) {
    const host = {
      getCanonicalFileName: (/** @type {string} */ f) => f,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => '\n'
    }
    throw new Error(ts.formatDiagnostics(errors, host))
  }
  const load = (/** @type {string} */ file) => import(pathToFileURL(join(OUT_DIR, file)).href)
  return {
    waiter: await load('wait/waiter.js'),
    duration: await load('duration.js'),
    prediction: await load('wait/history-prediction.js')
  }
}
