import { describe, expect, it } from '@jest/globals'
import type { Emulator, EmulatorOptions as Options } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { callsTo, killWhen } from '../helpers/run-inspection.js'

const KEY = { accessKeyId: 'e2e-key-id', accessKeySecret: 'e2e-key-secret-value-0123456789' }
// Exact counts of the usual schedule: a history read (history-polling.test.ts) would add a
// request, and the emulator counts a listing page as a poll of each snapshot on it.
const FAST = {
  'poll-interval': '50ms',
  'max-poll-interval': '100ms',
  'request-timeout': '5s',
  'history-aware-polling': 'false'
}

const SNAPSHOT = {
  instanceId: 'dsw-e2e0001',
  snapshotId: 'snp-e2e0001',
  snapshotName: 'training-env',
  imageUrl: 'registry.cn-hangzhou.aliyuncs.com/team/training:v1',
  imageId: 'image-e2e0001',
  gmtCreateTime: '2026-11-28T08:00:00Z',
  labels: [{ Key: 'team', Value: 'ml' }],
  excludePaths: ['/mnt/data']
}

// Every run has debug logging on, and its output is scanned for secrets after each test.
const { startEmulator: startTestEmulator, runAction } = secretScannedRuns()

async function emulate(options: Options): Promise<Emulator> {
  const emulator = await startTestEmulator({ credentials: [KEY], ...options })
  return emulator
}

function inputsFor(emu: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'instance-id': SNAPSHOT.instanceId,
    'snapshot-id': SNAPSHOT.snapshotId,
    endpoint: emu.url,
    'access-key-id': KEY.accessKeyId,
    'access-key-secret': KEY.accessKeySecret,
    ...FAST,
    ...extra
  }
}

const snapshotCalls = (emu: Emulator) => callsTo(emu, 'GetInstanceSnapshot').length

describe('the action, run as the GitHub runner runs it', () => {
  it('waits through Committing and Pushing to Saved and sets every output', async () => {
    const emu = await emulate({
      snapshots: [
        {
          ...SNAPSHOT,
          timeline: [
            { status: 'Committing', polls: 2 },
            { status: 'Pushing', polls: 2 },
            { status: 'Saved' }
          ]
        }
      ]
    })
    const run = await runAction(inputsFor(emu))
    expect(run.log).not.toContain('::error')
    expect(run.exitCode).toBe(0)
    const snapshot = JSON.parse(run.outputs.snapshot!)
    expect(run.outputs).toEqual({
      result: 'success',
      status: 'Saved',
      'image-url': SNAPSHOT.imageUrl,
      'image-id': SNAPSHOT.imageId,
      'snapshot-id': SNAPSHOT.snapshotId,
      'snapshot-name': SNAPSHOT.snapshotName,
      'instance-id': SNAPSHOT.instanceId,
      'reason-code': '',
      'reason-message': '',
      'gmt-create-time': SNAPSHOT.gmtCreateTime,
      'gmt-modified-time': snapshot.GmtModifiedTime,
      labels: '{"team":"ml"}',
      'exclude-paths': '["/mnt/data"]',
      'request-id': snapshot.RequestId,
      snapshot: run.outputs.snapshot,
      snapshots: JSON.stringify([
        {
          instanceId: SNAPSHOT.instanceId,
          snapshotId: SNAPSHOT.snapshotId,
          snapshotName: SNAPSHOT.snapshotName,
          status: 'Saved',
          result: 'success',
          imageUrl: SNAPSHOT.imageUrl,
          imageId: SNAPSHOT.imageId,
          reasonCode: '',
          reasonMessage: '',
          gmtCreateTime: SNAPSHOT.gmtCreateTime,
          gmtModifiedTime: snapshot.GmtModifiedTime
        }
      ]),
      attempts: '5',
      'waited-seconds': run.outputs['waited-seconds']
    })
    expect(run.outputs['waited-seconds']).toMatch(/^[0-2]$/)
    expect(snapshot).toMatchObject({ Status: 'Saved', SnapshotId: SNAPSHOT.snapshotId })
    expect(run.outputs['gmt-modified-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(snapshotCalls(emu)).toBe(5)

    // One log line per status change, not per poll.
    const changes = run.log
      .split('\n')
      .filter(
        line =>
          line.includes(': Committing') || line.includes(': Pushing') || line.includes(': Saved')
      )
    expect(changes).toHaveLength(3)
    expect(changes[0]).toMatch(
      /^\[\d+ms\] snapshot snp-e2e0001 of instance dsw-e2e0001: Committing$/
    )

    expect(run.summary).toContain('<h2>PAI-DSW snapshot</h2>')
    expect(run.summary).toContain(SNAPSHOT.imageUrl)
    expect(run.summary).toContain('team=ml')
    expect(run.summary).toContain('Status timeline')
    expect(run.summary).toContain('https://github.example.com/octo-org/deploy/actions/runs/4242')
  })

  it('fails with the snapshot, status and the service reason, and still sets the outputs', async () => {
    const emu = await emulate({
      snapshots: [
        {
          ...SNAPSHOT,
          reasonCode: 'ImagePushFailed',
          reasonMessage: 'registry denied: quota exceeded',
          timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Failed' }]
        }
      ]
    })
    const run = await runAction(inputsFor(emu))
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain(
      '::error::Snapshot snp-e2e0001 of instance dsw-e2e0001 ended with status Failed: ImagePushFailed: registry denied: quota exceeded'
    )
    expect(run.outputs).toMatchObject({
      result: 'failure',
      status: 'Failed',
      'reason-code': 'ImagePushFailed',
      'reason-message': 'registry denied: quota exceeded',
      // A failed push hands on no image; the service's own value stays in `snapshot`.
      'image-url': '',
      'image-id': '',
      attempts: '2'
    })
    expect(JSON.parse(run.outputs.snapshot!)).toMatchObject({
      ImageUrl: SNAPSHOT.imageUrl,
      ImageId: SNAPSHOT.imageId
    })
    expect(run.summary).toContain('Failure')
    expect(run.summary).toContain('quota exceeded')
  })

  it('times out naming the last status, with outputs set', async () => {
    const emu = await emulate({ snapshots: [{ ...SNAPSHOT, timeline: [{ status: 'Pushing' }] }] })
    const run = await runAction(inputsFor(emu, { timeout: '400ms' }))
    expect(run.exitCode).toBe(1)
    expect(run.log).toMatch(
      /::error::Timed out after \d+ms waiting for snapshot snp-e2e0001 of instance dsw-e2e0001: its last status was Pushing/
    )
    expect(run.outputs).toMatchObject({ result: 'timeout', status: 'Pushing' })
    // The first poll at once and a last one at the deadline, however slow the machine.
    expect(Number(run.outputs.attempts)).toBeGreaterThanOrEqual(2)
  })

  it('with timeout 0 checks exactly once: ready succeeds, not ready fails', async () => {
    const emu = await emulate({
      snapshots: [
        { ...SNAPSHOT, timeline: [{ status: 'Saved' }] },
        { ...SNAPSHOT, snapshotId: 'snp-e2e0002', timeline: [{ status: 'Pushing' }] }
      ]
    })
    const ready = await runAction(inputsFor(emu, { timeout: '0' }))
    expect(ready.exitCode).toBe(0)
    expect(ready.outputs.result).toBe('success')
    expect(snapshotCalls(emu)).toBe(1)

    const pending = await runAction(inputsFor(emu, { timeout: '0', 'snapshot-id': 'snp-e2e0002' }))
    expect(pending.exitCode).toBe(1)
    expect(pending.outputs).toMatchObject({ result: 'timeout', status: 'Pushing', attempts: '1' })
    expect(pending.log).toContain('was checked once, with no waiting (timeout 0)')
    expect(snapshotCalls(emu)).toBe(2)
  })

  it('honours custom success statuses and warns once about an unknown status', async () => {
    const emu = await emulate({
      snapshots: [
        {
          ...SNAPSHOT,
          timeline: [{ status: 'Replicating', polls: 3 }, { status: 'Available' }]
        }
      ]
    })
    const run = await runAction(inputsFor(emu, { 'success-statuses': 'Saved, Available' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Available' })
    expect(run.log.match(/::warning::.*'Replicating'/g)).toHaveLength(1)
  })

  it('does not take an unknown status for success', async () => {
    const emu = await emulate({ snapshots: [{ ...SNAPSHOT, timeline: [{ status: 'Available' }] }] })
    const run = await runAction(inputsFor(emu, { timeout: '300ms' }))
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('timeout')
  })

  it('fails at once on an authentication error, with Code, RequestId and a hint', async () => {
    const emu = await emulate({ snapshots: [{ ...SNAPSHOT, timeline: [{ status: 'Saved' }] }] })
    const run = await runAction(inputsFor(emu, { 'access-key-secret': 'wrong-secret-value' }))
    expect(run.exitCode).toBe(1)
    expect(emu.requests).toHaveLength(1)
    const error = run.log.split('\n').find(l => l.startsWith('::error::'))!
    expect(error).toContain(
      'GetInstanceSnapshot (snapshot snp-e2e0001 of instance dsw-e2e0001) failed'
    )
    expect(error).toContain('Code: SignatureDoesNotMatch')
    expect(error).toMatch(/RequestId: [0-9A-F-]{36}/)
    expect(error).toContain('Check the access key ID and secret')
    expect(run.outputs).toMatchObject({ result: 'error', attempts: '1' })
  })

  it('retries a server error and succeeds', async () => {
    const emu = await emulate({
      snapshots: [{ ...SNAPSHOT, timeline: [{ status: 'Saved' }] }],
      faults: [
        { kind: 'error', httpStatus: 503, code: 'ServiceUnavailable', message: 'busy', times: 2 }
      ]
    })
    const run = await runAction(inputsFor(emu))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'success', attempts: '3' })
    expect(run.log).toMatch(/Code: ServiceUnavailable, HTTP 503.*retrying in/)
  })

  it.each([
    [{ 'instance-id': '' }, "Input 'instance-id' is required"],
    [{ 'snapshot-id': '../../instances' }, "Input 'snapshot-id' must be a plain ID"],
    [
      { endpoint: 'http://example.com' },
      "Input 'endpoint' may use plain http:// only for loopback"
    ],
    [{ timeout: 'soon' }, "Input 'timeout' must be a duration"],
    [{ 'access-key-secret': '' }, "Input 'access-key-secret' is required when access-key-id is set"]
  ])('rejects bad input %p before any request', async (override, message) => {
    const emu = await emulate({ snapshots: [{ ...SNAPSHOT, timeline: [{ status: 'Saved' }] }] })
    const run = await runAction(inputsFor(emu, override))
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain(`::error::${message}`)
    expect(emu.requests).toHaveLength(0)
    expect(run.outputs).toEqual({ result: 'error', attempts: '0', 'waited-seconds': '0' })
  })

  it('never prints a secret, debug logging included', async () => {
    const emu = await emulate({
      credentials: [{ ...KEY, securityToken: 'e2e-security-token-0123456789' }],
      snapshots: [{ ...SNAPSHOT, timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }] }]
    })
    const run = await runAction(
      inputsFor(emu, { 'security-token': 'e2e-security-token-0123456789' }),
      { env: { RUNNER_DEBUG: '1' } }
    )
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('::debug::')
    const withoutMasks = run.log.replace(/^::add-mask::.*$/gm, '')
    for (const secret of [KEY.accessKeySecret, 'e2e-security-token-0123456789']) {
      expect(run.log).toContain(`::add-mask::${secret}`)
      expect(withoutMasks).not.toContain(secret)
      expect(JSON.stringify(run.outputs)).not.toContain(secret)
      expect(run.summary).not.toContain(secret)
    }
  })

  it('skips the summary when disabled or when the runner gives no summary file', async () => {
    const emu = await emulate({ snapshots: [{ ...SNAPSHOT, timeline: [{ status: 'Saved' }] }] })
    const disabled = await runAction(inputsFor(emu, { 'job-summary': 'false' }))
    expect(disabled.exitCode).toBe(0)
    expect(disabled.summary).toBe('')
    const absent = await runAction(inputsFor(emu), { noSummaryFile: true })
    expect(absent.exitCode).toBe(0)
    expect(absent.log).not.toContain('::warning::')
  })

  it('stops on SIGTERM, reporting result cancelled', async () => {
    const emu = await emulate({ snapshots: [{ ...SNAPSHOT, timeline: [{ status: 'Pushing' }] }] })
    const run = await runAction(
      inputsFor(emu, { 'poll-interval': '10s', 'max-poll-interval': '10s' }),
      {
        onSpawn: killWhen(() => snapshotCalls(emu) > 0, 'SIGTERM')
      }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ result: 'cancelled', status: 'Pushing', attempts: '1' })
    expect(run.log).toContain('::error::Cancelled after')
  })
})
