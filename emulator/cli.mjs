// Runs the emulator from a shell: node emulator/cli.mjs [--port N] [--scenario file.json]
//   [--metadata-host H] [--metadata-port N] [--metadata-role NAME]
// The scenario file holds startEmulator() options as JSON; any --metadata-* flag starts the ECS
// metadata server too. Stops on SIGINT or SIGTERM.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startEmulator } from './server.mjs'

/** @param {import('./types.mjs').RequestRecord} record */
function logRequest(record) {
  const outcome = record.statusCode === 0 ? 'no answer' : String(record.statusCode)
  const details = [record.code, record.fault && `(fault: ${record.fault})`].filter(Boolean)
  console.log(
    [record.method, record.path, record.action ?? '-', '→', outcome, ...details].join(' ')
  )
}

/**
 * @param {string | undefined} text
 * @param {string} flag
 */
function parsePort(text, flag = '--port') {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be an integer from 0 to 65535, got "${text}"`)
  }
  return port
}

/**
 * The scenario's metadata options, with what the flags say over them.
 * @param {Record<string, string | undefined>} values
 * @param {import('./types.mjs').EmulatorOptions} scenario
 * @returns {import('./types.mjs').EmulatorOptions}
 */
function metadataOptions(values, scenario) {
  const host = values['metadata-host']
  const port = values['metadata-port']
  const roleName = values['metadata-role']
  if (host === undefined && port === undefined && roleName === undefined) return {}
  return {
    metadata: { ...scenario.metadata, ...(roleName === undefined ? {} : { roleName }) },
    ...(host === undefined ? {} : { metadataHost: host }),
    ...(port === undefined ? {} : { metadataPort: parsePort(port, '--metadata-port') })
  }
}

async function main() {
  const text = { type: /** @type {const} */ ('string') }
  const { values } = parseArgs({
    options: {
      port: text,
      scenario: text,
      'metadata-host': text,
      'metadata-port': text,
      'metadata-role': text
    }
  })
  const scenario = values.scenario ? JSON.parse(readFileSync(values.scenario, 'utf8')) : {}
  const port = values.port === undefined ? (scenario.port ?? 0) : parsePort(values.port)
  const emulator = await startEmulator({
    ...scenario,
    ...metadataOptions(values, scenario),
    port,
    onRequest: logRequest
  })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => void emulator.close())
  }
  if (emulator.metadataUrl) console.log(`ECS metadata server listening on ${emulator.metadataUrl}`)
  // Last, so that whoever waits for this line can signal us right away.
  console.log(`PAI-DSW emulator listening on ${emulator.url}`)
}

main().catch(error => {
  console.error(`PAI-DSW emulator: ${error instanceof Error ? error.message : error}`)
  process.exitCode = 1
})
