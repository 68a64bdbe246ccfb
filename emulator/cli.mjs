// Runs the emulator from a shell: node emulator/cli.mjs [--port N] [--scenario file.json]
// The scenario file holds startEmulator() options as JSON. Stops on SIGINT or SIGTERM.
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

/** @param {string | undefined} text */
function parsePort(text) {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${text}"`)
  }
  return port
}

async function main() {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, scenario: { type: 'string' } }
  })
  const scenario = values.scenario ? JSON.parse(readFileSync(values.scenario, 'utf8')) : {}
  const port = values.port === undefined ? (scenario.port ?? 0) : parsePort(values.port)
  const emulator = await startEmulator({ ...scenario, port, onRequest: logRequest })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => void emulator.close())
  }
  // Last, so that whoever waits for this line can signal us right away.
  console.log(`PAI-DSW emulator listening on ${emulator.url}`)
}

main().catch(error => {
  console.error(`PAI-DSW emulator: ${error instanceof Error ? error.message : error}`)
  process.exitCode = 1
})
