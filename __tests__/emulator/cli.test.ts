import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { signedGet, snapshotPath } from './signed-request.js'

const CLI = fileURLToPath(new URL('../../emulator/cli.mjs', import.meta.url))
const DEMO = fileURLToPath(new URL('../../emulator/scenarios/demo.json', import.meta.url))
const DEMO_CALLER = {
  accessKeyId: 'demo-access-key-id',
  accessKeySecret: 'demo-access-key-secret'
}

/** Starts the CLI and collects its output; resolves once it prints its listening line. */
async function startCli(args: string[]) {
  const { NODE_OPTIONS: _jestOnly, ...env } = process.env
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = stdout.match(/^PAI-DSW emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m)
      if (match?.[1]) resolve(match[1])
    })
    void exited.then(([code]) => reject(new Error(`exited with ${code}: ${stderr}`)))
  })
  return { child, url, exited, output: () => stdout }
}

describe('emulator/cli.mjs', () => {
  it('serves the demo scenario, logs one line per request, and stops on SIGTERM', async () => {
    const cli = await startCli(['--scenario', DEMO])
    const answer = await signedGet(cli.url, {
      path: snapshotPath('dsw-demo0001', 'snp-demo0001'),
      action: 'GetInstanceSnapshot',
      caller: DEMO_CALLER
    })
    expect(answer.json).toMatchObject({
      SnapshotId: 'snp-demo0001',
      Status: 'Committing',
      ImageUrl: expect.stringMatching(/^registry\.cn-hangzhou\.aliyuncs\.com\//)
    })
    await signedGet(cli.url, {
      path: snapshotPath('dsw-demo0001', 'snp-demo0001'),
      action: 'GetInstanceSnapshot',
      caller: { ...DEMO_CALLER, accessKeySecret: 'wrong' }
    })
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toEqual([0, null])
    expect(cli.output().split('\n').slice(1, 3)).toEqual([
      'GET /api/v2/instances/dsw-demo0001/snapshots/snp-demo0001 GetInstanceSnapshot → 200',
      'GET /api/v2/instances/dsw-demo0001/snapshots/snp-demo0001 GetInstanceSnapshot → 400 SignatureDoesNotMatch'
    ])
  })

  it('listens on the port asked for', async () => {
    const probe = await startCli([])
    const port = new URL(probe.url).port
    probe.child.kill('SIGINT')
    await probe.exited
    const cli = await startCli(['--port', port])
    expect(cli.url).toBe(`http://127.0.0.1:${port}`)
    cli.child.kill('SIGINT')
    expect(await cli.exited).toEqual([0, null])
  })

  it('exits with status 1 and a message for a bad port', async () => {
    await expect(startCli(['--port', '70000'])).rejects.toThrow(
      'exited with 1: PAI-DSW emulator: --port must be an integer from 0 to 65535'
    )
  })
})
