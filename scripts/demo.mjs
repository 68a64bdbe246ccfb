// `npm run demo`: starts the bundled PAI-DSW emulator, runs the built action against it as two
// workflow steps — create a snapshot and wait for it, then wait for an existing snapshot that goes
// Committing → Pushing → Saved — and prints what the workflow log would show, the outputs, and the
// last step's job summary.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator } from '../emulator/server.mjs'
import { ROOT, runAction } from './local-runner.mjs'

/** @type {import('../emulator/types.mjs').EmulatorOptions} */
const scenario = JSON.parse(readFileSync(join(ROOT, 'emulator/scenarios/demo.json'), 'utf8'))
const snapshot = scenario.snapshots?.[0]
const credential = scenario.credentials?.[0]
if (!snapshot || !credential) throw new Error('demo.json needs a snapshot and a credential')
// demo.json's snapshot takes 40 s, slow enough to watch by hand; this demo prints the same moves
// as they would appear in a workflow log, so 3 s do.
snapshot.timeline = [
  { status: 'Committing', ms: 1500 },
  { status: 'Pushing', ms: 1500 },
  { status: 'Saved' }
]

const emulator = await startEmulator(scenario)
const timeline = snapshot.timeline.map(step => step.status).join(' → ')
console.log(`PAI-DSW emulator on ${emulator.url}: ${snapshot.snapshotId} goes ${timeline}\n`)

/** Renders workflow commands the way the Actions log shows them (debug and masks hidden). */
function asWorkflowLog(/** @type {string} */ line) {
  if (line.startsWith('::debug::') || line.startsWith('::add-mask::')) return undefined
  if (line.startsWith('::set-output')) return undefined
  const annotation = /^::(error|warning|notice)[^:]*::(.*)$/.exec(line)
  if (annotation) {
    const [, level = '', message = ''] = annotation
    return `${level[0]?.toUpperCase()}${level.slice(1)}: ${message.replace(/%0A/g, '\n')}`
  }
  return line
}

const common = {
  'instance-id': snapshot.instanceId,
  endpoint: emulator.url,
  'access-key-id': credential.accessKeyId,
  'access-key-secret': credential.accessKeySecret,
  'poll-interval': '500ms',
  'max-poll-interval': '1s',
  timeout: '2m'
}

/**
 * Runs the action as one workflow step and prints its log as the Actions log shows it.
 * @param {string} title
 * @param {Record<string, string>} inputs
 */
async function step(title, inputs) {
  console.log(`▶ ${title}`)
  for (const [name, value] of Object.entries(inputs)) {
    console.log(`  ${name}: ${name === 'access-key-secret' ? '***' : value}`)
  }
  let pending = ''
  const run = await runAction(inputs, {
    onLog: chunk => {
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const shown = asWorkflowLog(line)
        if (shown !== undefined) console.log(`  ${shown}`)
      }
    }
  })
  console.log(`\n  Exit code ${run.exitCode}. Outputs:`)
  for (const [name, value] of Object.entries(run.outputs)) {
    const shown = value.length > 100 ? `${value.slice(0, 100)}…` : value
    console.log(`    ${name.padEnd(18)} ${shown}`)
  }
  console.log('')
  return run
}

// Waiting for a snapshot made elsewhere, by its ID.
const waited = await step(`Wait for snapshot ${snapshot.snapshotId}`, {
  ...common,
  'snapshot-id': snapshot.snapshotId
})
// The deploy gate in one step: create a snapshot of the instance, then wait for it.
const run = await step('Snapshot the instance (snapshot-id: new), then wait for it', {
  ...common,
  'snapshot-id': 'new',
  'image-url': 'registry.cn-hangzhou.aliyuncs.com/team/env',
  'snapshot-labels': 'team=ml'
})
await emulator.close()

console.log(`${emulator.requests.length} API request(s) in all.`)
const summaryText = run.summary
  .replace(/<\/(tr|h\d)>/g, '\n')
  .replace(/<\/t[hd]>/g, '  ')
  .replace(/<[^>]+>/g, '')
  .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
  .replace(/&amp;/g, '&')
  .replace(/\n{2,}/g, '\n')
console.log(`\nJob summary (as text):\n${summaryText.trim().replace(/^/gm, '  ')}`)
process.exitCode = waited.exitCode || run.exitCode || 0
