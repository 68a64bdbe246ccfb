import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'
import { startEmulator } from '../../emulator/server.mjs'
import { SnapshotTimeline } from '../../emulator/snapshot-timeline.mjs'
import { signedGet, signedPost, snapshotPath } from './signed-request.js'

const CLI = fileURLToPath(new URL('../../emulator/cli.mjs', import.meta.url))
const DEMO = fileURLToPath(new URL('../../emulator/scenarios/demo.json', import.meta.url))
const WORKSPACE = fileURLToPath(new URL('../../emulator/scenarios/workspace.json', import.meta.url))
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

  it('starts the ECS metadata server when asked, with the role named', async () => {
    const cli = await startCli(['--metadata-port', '0', '--metadata-role', 'CliRunnerRole'])
    try {
      const metadataUrl = cli.output().match(/^ECS metadata server listening on (\S+)$/m)?.[1]
      expect(metadataUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const token = await request(`${metadataUrl}/latest/api/token`, {
        method: 'PUT',
        headers: { 'X-aliyun-ecs-metadata-token-ttl-seconds': '60' }
      })
      const role = await request(`${metadataUrl}/latest/meta-data/ram/security-credentials/`, {
        headers: { 'X-aliyun-ecs-metadata-token': await token.body.text() }
      })
      expect(await role.body.text()).toBe('CliRunnerRole')
    } finally {
      cli.child.kill('SIGTERM')
      expect(await cli.exited).toEqual([0, null])
    }
  })

  it('exits with status 1 and a message for a bad port', async () => {
    await expect(startCli(['--port', '70000'])).rejects.toThrow(
      'exited with 1: PAI-DSW emulator: --port must be an integer from 0 to 65535'
    )
  })
})

describe('emulator/scenarios/workspace.json', () => {
  const listInstances = (url: string, query: Record<string, string>) =>
    signedGet(url, {
      path: '/api/v2/instances',
      action: 'ListInstances',
      caller: DEMO_CALLER,
      query
    })

  it('serves two workspaces of pay-as-you-go and subscription instances through the CLI', async () => {
    const cli = await startCli(['--scenario', WORKSPACE])
    try {
      const all = await listInstances(cli.url, { WorkspaceId: 'ALL', ResourceId: 'ALL' })
      const instances = all.json.Instances as Array<Record<string, unknown>>
      expect(all.json.TotalCount).toBe(5)
      expect(new Set(instances.map(i => i.WorkspaceId))).toEqual(
        new Set(['ws-demo', 'ws-research'])
      )
      expect(new Set(instances.map(i => i.PaymentType))).toEqual(
        new Set(['PayAsYouGo', 'Subscription'])
      )
      const teamMl = instances.filter(i =>
        (i.Labels as Array<{ Key: string; Value: string }>).some(
          l => l.Key === 'team' && l.Value === 'ml'
        )
      )
      expect(teamMl.length).toBeGreaterThanOrEqual(2)
      expect(instances.every(i => i.LatestSnapshot !== undefined)).toBe(true)

      const byDefault = await listInstances(cli.url, {})
      const defaults = byDefault.json.Instances as Array<Record<string, unknown>>
      expect(defaults.length).toBeGreaterThan(0)
      expect(
        defaults.every(i => i.WorkspaceId === 'ws-demo' && i.PaymentType === 'PayAsYouGo')
      ).toBe(true)
      // One snapshot fails, with a reason.
      const failing = []
      for (const instance of instances) {
        const id = instance.InstanceId as string
        const listed = await signedGet(cli.url, {
          path: snapshotPath(id),
          action: 'ListInstanceSnapshot',
          caller: DEMO_CALLER
        })
        for (const snapshot of listed.json.Snapshots as Array<Record<string, unknown>>) {
          if (snapshot.Status === 'Failed') failing.push(snapshot)
        }
      }
      expect(failing).toEqual([
        expect.objectContaining({
          ReasonCode: expect.any(String),
          ReasonMessage: expect.any(String)
        })
      ])
      expect(failing[0]?.ReasonCode).not.toBe('')
    } finally {
      cli.child.kill('SIGTERM')
      await cli.exited
    }
  })
})

describe('emulator/scenarios/demo.json', () => {
  it('plays snp-demo0001 slowly enough to watch, from when a client first looks at it', () => {
    const scenario = JSON.parse(readFileSync(DEMO, 'utf8'))
    const spec = scenario.snapshots.find(
      (s: { snapshotId: string }) => s.snapshotId === 'snp-demo0001'
    )
    // A minute between the emulator's start and the first read (npx fetching the tool, say).
    const timeline = new SnapshotTimeline(spec.timeline, 0)
    const status = (ms: number, read = false) =>
      (read ? timeline.poll(ms) : timeline.peek(ms)).step.status
    expect(status(60_000, true)).toBe('Committing')
    const next = 60_500
    expect(status(next, true)).toBe('Committing')
    expect(status(next + 14_999)).toBe('Committing')
    expect(status(next + 15_000)).toBe('Pushing')
    expect(status(next + 39_999)).toBe('Pushing')
    expect(status(next + 40_000)).toBe('Saved')
  })

  it('takes a snapshot created on dsw-demo0001 through Committing and Pushing to Saved in about 3 s', async () => {
    const scenario = JSON.parse(readFileSync(DEMO, 'utf8'))
    const emu = await startEmulator(scenario)
    try {
      const created = await signedPost(emu.url, {
        path: snapshotPath('dsw-demo0001'),
        action: 'CreateInstanceSnapshot',
        caller: DEMO_CALLER,
        body: JSON.stringify({
          ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/pai-demo/llm-finetune-env:run-1',
          SnapshotName: 'run-1'
        })
      })
      expect(created.status).toBe(200)
      const snapshotId = created.json.SnapshotId as string
      const status = async () =>
        (
          await signedGet(emu.url, {
            path: snapshotPath('dsw-demo0001', snapshotId),
            action: 'GetInstanceSnapshot',
            caller: DEMO_CALLER
          })
        ).json.Status
      expect(await status()).toBe('Committing')
      await new Promise(resolve => setTimeout(resolve, 3100))
      expect(await status()).toBe('Saved')
      const committing = emu.statusReachedAt(snapshotId, 'Committing') as number
      expect((emu.statusReachedAt(snapshotId, 'Pushing') as number) - committing).toBe(1500)
      expect((emu.statusReachedAt(snapshotId, 'Saved') as number) - committing).toBe(3000)
    } finally {
      await emu.close()
    }
  })
})
