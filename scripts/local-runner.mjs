// Runs the built action the way the GitHub runner does, for the tests, the demo and the benchmark:
// `INPUT_*` variables with the action.yml defaults applied, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
// files to write to. Nothing leaks in from the calling process's environment but PATH.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const ROOT = fileURLToPath(new URL('../', import.meta.url))

/**
 * @typedef {{ description?: string, required?: boolean, default?: string }} ActionInput
 * @typedef {{
 *   name: string, description: string, branding?: { icon?: string, color?: string },
 *   inputs: Record<string, ActionInput>, outputs: Record<string, { description?: string }>,
 *   runs: { using: string, main: string }
 * }} ActionYml
 */

/** @returns {ActionYml} */
export function readActionYml() {
  return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'))
}

/** As the runner names them: upper case, spaces to underscores, hyphens kept. @param {string} name */
export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** action.yml's defaults as `INPUT_*` variables, read once per process. @type {Record<string, string> | undefined} */
let defaultInputEnv

/**
 * The `INPUT_*` variables the runner sets: every declared default, then the step's `with:`.
 * @param {Record<string, string>} withInputs
 */
export function runnerInputEnv(withInputs) {
  defaultInputEnv ??= Object.fromEntries(
    Object.entries(readActionYml().inputs)
      .filter(([, input]) => input.default !== undefined)
      .map(([name, input]) => [inputVariable(name), String(input.default)])
  )
  /** @type {Record<string, string>} */
  const env = { ...defaultInputEnv }
  for (const [name, value] of Object.entries(withInputs)) env[inputVariable(name)] = value
  return env
}

/**
 * Parses the `GITHUB_OUTPUT` file: `name<<DELIMITER\nvalue\nDELIMITER` entries, last one wins.
 * @param {string} text
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const match = /^([^<=]+)<<(.+)$/.exec(line)
    if (match) {
      const [, name = '', delimiter] = match
      const value = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i])
      outputs[name] = value.join('\n')
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

/**
 * @typedef {{
 *   exitCode: number | null, signal: NodeJS.Signals | null, log: string,
 *   outputs: Record<string, string>, outputFile: string, summary: string, wallMs: number
 * }} ActionRun
 * @typedef {{
 *   env?: Record<string, string>,
 *   onSpawn?: (child: import('node:child_process').ChildProcessWithoutNullStreams) => void,
 *   onLog?: (chunk: string) => void,
 *   noSummaryFile?: boolean,
 *   node?: string,
 *   nodeArgs?: string[]
 * }} RunOptions
 */

/**
 * The Node that runs the action: `ACTION_NODE` when set (.ci/run sets it to Node 24, the runtime
 * action.yml declares, whatever Node runs Jest), else the Node running this script.
 */
export function actionNode() {
  return process.env.ACTION_NODE || process.execPath
}

/**
 * Runs `node dist/index.js` as a workflow step would and collects what the runner would see.
 * @param {Record<string, string>} inputs the step's `with:`
 * @param {RunOptions} [options]
 * @returns {Promise<ActionRun>}
 */
export async function runAction(inputs, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pai-dsw-action-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: outputFile,
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://github.example.com',
    GITHUB_REPOSITORY: 'octo-org/deploy',
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: dir,
    // A home of its own: no aliyun CLI profile of whoever runs the tests takes part.
    HOME: dir,
    ...(options.noSummaryFile ? {} : { GITHUB_STEP_SUMMARY: summaryFile }),
    ...runnerInputEnv(inputs),
    ...options.env
  }
  const started = Date.now()
  const args = [...(options.nodeArgs ?? []), join(ROOT, 'dist/index.js')]
  const child = spawn(options.node ?? actionNode(), args, {
    env,
    cwd: dir
  })
  let log = ''
  /** @param {Buffer} chunk */
  const collect = chunk => {
    log += chunk
    options.onLog?.(chunk.toString())
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  options.onSpawn?.(child)
  /** @type {[number | null, NodeJS.Signals | null]} */
  const [exitCode, signal] = await new Promise(resolve =>
    child.on('close', (code, sig) => resolve([code, sig]))
  )
  const wallMs = Date.now() - started
  const outputText = readFileSync(outputFile, 'utf8')
  const summary = readFileSync(summaryFile, 'utf8')
  rmSync(dir, { recursive: true, force: true })
  return {
    exitCode,
    signal,
    log,
    outputs: parseOutputFile(outputText),
    outputFile: outputText,
    summary,
    wallMs
  }
}
