import { describe, expect, it } from '@jest/globals'
import { startEmulator } from '../../emulator/server.mjs'
import {
  type Emulator,
  type EmulatorOptions as Options,
  emulatorPerTest
} from '../helpers/emulator-per-test.js'
import { signedGet, sleep, snapshotPath } from './signed-request.js'

const CALLER = { accessKeyId: 'AK-timeline', accessKeySecret: 'SK-timeline' }

const startTestEmulator = emulatorPerTest()

async function emulate(options: Options) {
  const emulator = await startTestEmulator({ credentials: [CALLER], ...options })
  return emulator
}

async function read(emu: Emulator, instanceId: string, snapshotId: string) {
  const answer = await signedGet(emu.url, {
    path: snapshotPath(instanceId, snapshotId),
    action: 'GetInstanceSnapshot',
    caller: CALLER
  })
  return answer.json
}

/** A read is served between its arrival and the next request's. */
function expectWithin(at: number | undefined, [from, to]: readonly [number, number]) {
  expect(at).toBeGreaterThanOrEqual(from)
  expect(at).toBeLessThanOrEqual(to)
}

const statusesOf = async (emu: Emulator, count: number, snapshotId = 'snp-1') => {
  const statuses: unknown[] = []
  for (let i = 0; i < count; i++) statuses.push((await read(emu, 'dsw-1', snapshotId)).Status)
  return statuses
}

describe('a timeline measured in polls', () => {
  it('serves each status for exactly its number of reads, then the last one forever', async () => {
    const emu = await emulate({
      snapshots: [
        {
          instanceId: 'dsw-1',
          snapshotId: 'snp-1',
          timeline: [
            { status: 'Committing', polls: 2 },
            { status: 'Pushing', polls: 1 },
            { status: 'Saved' }
          ]
        }
      ]
    })
    const before = Date.now()
    expect(await statusesOf(emu, 6)).toEqual([
      'Committing',
      'Committing',
      'Pushing',
      'Saved',
      'Saved',
      'Saved'
    ])
    const reads = emu.requests
    // Each status was entered on the read that first served it.
    const servedBy = (read: number) => [reads[read]!.at, reads[read + 1]!.at] as const
    expectWithin(emu.statusReachedAt('snp-1', 'Pushing'), servedBy(2))
    expectWithin(emu.statusReachedAt('snp-1', 'Saved'), servedBy(3))
    expect(emu.statusReachedAt('snp-1', 'Committing')).toBeLessThanOrEqual(before)
    expect(emu.statusReachedAt('snp-1', 'Failed')).toBeUndefined()
    expect(emu.statusReachedAt('snp-unknown', 'Saved')).toBeUndefined()
  })

  it('does not move on when only asked about, nor for other snapshots being read', async () => {
    const step = (snapshotId: string) => ({
      instanceId: 'dsw-1',
      snapshotId,
      timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }]
    })
    const emu = await emulate({ snapshots: [step('snp-1'), step('snp-2')] })
    expect(await statusesOf(emu, 1, 'snp-1')).toEqual(['Pushing'])
    expect(emu.statusReachedAt('snp-1', 'Saved')).toBeUndefined()
    expect(await statusesOf(emu, 2, 'snp-2')).toEqual(['Pushing', 'Saved'])
    expect(await statusesOf(emu, 1, 'snp-1')).toEqual(['Saved'])
  })
})

describe('a timeline measured in milliseconds', () => {
  it('changes status on the clock, whether or not anyone is polling', async () => {
    const emu = await emulate({
      snapshots: [
        {
          instanceId: 'dsw-1',
          snapshotId: 'snp-1',
          timeline: [
            { status: 'Committing', ms: 150 },
            { status: 'Pushing', ms: 150 },
            { status: 'Saved' }
          ]
        }
      ]
    })
    const committing = await read(emu, 'dsw-1', 'snp-1')
    expect(committing.Status).toBe('Committing')
    await sleep(400)
    const saved = await read(emu, 'dsw-1', 'snp-1')
    expect(saved.Status).toBe('Saved')
    // Each step began exactly when the one before ran out, not when it was next read.
    const start = emu.statusReachedAt('snp-1', 'Committing')!
    expect(emu.statusReachedAt('snp-1', 'Pushing')).toBe(start + 150)
    expect(emu.statusReachedAt('snp-1', 'Saved')).toBe(start + 300)
    // GmtModifiedTime is when the current status began (to the second, as the API reports).
    const modified = Date.parse(saved.GmtModifiedTime as string)
    expect(Math.abs(modified - (start + 300))).toBeLessThan(1000)
  })

  it('can follow a poll step, starting on the read that ended it', async () => {
    const emu = await emulate({
      snapshots: [
        {
          instanceId: 'dsw-1',
          snapshotId: 'snp-1',
          timeline: [
            { status: 'Committing', polls: 1 },
            { status: 'Pushing', ms: 100 },
            { status: 'Saved' }
          ]
        }
      ]
    })
    expect(await statusesOf(emu, 2)).toEqual(['Committing', 'Pushing'])
    const pushingSince = emu.statusReachedAt('snp-1', 'Pushing')
    expectWithin(pushingSince, [emu.requests[1]!.at, Date.now()])
    await sleep(150)
    expect(emu.statusReachedAt('snp-1', 'Saved')).toBe(pushingSince! + 100)
    expect(await statusesOf(emu, 1)).toEqual(['Saved'])
  })
})

describe('reasons and metadata', () => {
  it('reports the snapshot reason only on a failure status, and a step reason on its step', async () => {
    const emu = await emulate({
      snapshots: [
        {
          instanceId: 'dsw-1',
          snapshotId: 'snp-1',
          reasonCode: 'ImagePushFailed',
          reasonMessage: 'registry denied: quota exceeded',
          timeline: [
            { status: 'Pushing', polls: 1 },
            { status: 'Pushing', polls: 1, reasonCode: 'Slow', reasonMessage: 'retrying push' },
            { status: 'Failed' }
          ]
        }
      ]
    })
    const reasons = []
    for (let i = 0; i < 3; i++) {
      const { Status, ReasonCode, ReasonMessage } = await read(emu, 'dsw-1', 'snp-1')
      reasons.push([Status, ReasonCode, ReasonMessage])
    }
    expect(reasons).toEqual([
      ['Pushing', null, null],
      ['Pushing', 'Slow', 'retrying push'],
      ['Failed', 'ImagePushFailed', 'registry denied: quota exceeded']
    ])
  })

  it('serves snapshots added at run time, and reports a missing one as 404', async () => {
    const emu = await emulate({})
    const missing = await signedGet(emu.url, {
      path: snapshotPath('dsw-1', 'snp-late'),
      action: 'GetInstanceSnapshot',
      caller: CALLER
    })
    expect(missing.status).toBe(404)
    expect(missing.json).toMatchObject({
      Code: 'InvalidSnapshot.NotFound',
      Message: expect.stringContaining("'snp-late'"),
      RequestId: missing.headers['x-acs-request-id']
    })
    emu.addSnapshot({
      instanceId: 'dsw-1',
      snapshotId: 'snp-late',
      timeline: [{ status: 'Saved' }]
    })
    expect((await read(emu, 'dsw-1', 'snp-late')).Status).toBe('Saved')
    // The same snapshot under another instance does not exist.
    expect((await read(emu, 'dsw-2', 'snp-late')).Code).toBe('InvalidSnapshot.NotFound')
  })

  it('refuses malformed specs with a message naming the problem', async () => {
    await expect(
      startEmulator({
        snapshots: [
          {
            instanceId: 'dsw-1',
            snapshotId: 'snp-1',
            timeline: [{ status: 'Pushing' }, { status: 'Saved' }]
          }
        ]
      })
    ).rejects.toThrow('snapshot snp-1: timeline[0] needs polls or ms')
    const emu = await emulate({})
    expect(() =>
      emu.addSnapshot({ instanceId: 'dsw-1', snapshotId: 'snp-1', timeline: [] })
    ).toThrow('non-empty array')
    expect(() =>
      emu.addSnapshot({
        instanceId: 'dsw-1',
        snapshotId: 'snp-1',
        timeline: [{ status: 'Pushing', polls: 1, ms: 5 }, { status: 'Saved' }]
      })
    ).toThrow('either polls or ms')
  })
})
