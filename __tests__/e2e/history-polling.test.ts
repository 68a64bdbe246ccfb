// History-aware polling (issue 19) through `node dist/index.js`, on a scaled clock: poll-interval
// 1 s and a history of ~33 s snapshots, so the whole wait takes about half a minute.
import { describe, expect, it } from '@jest/globals'
import type { EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { callsTo } from '../helpers/run-inspection.js'

const KEY = { accessKeyId: 'history-key-id', accessKeySecret: 'history-key-secret-0123456789' }
const { startEmulator, runAction } = secretScannedRuns()

type SnapshotSpec = NonNullable<EmulatorOptions['snapshots']>[number]
const HOUR = 3_600_000

/** Past Saved snapshots of dsw-1, one an hour, each taking `seconds[i]` from creation to Saved. */
function history(seconds: number[]): SnapshotSpec[] {
  return seconds.map((took, i) => {
    const created = Date.now() - (i + 1) * HOUR
    return {
      instanceId: 'dsw-1',
      snapshotId: `snp-past-${i}`,
      gmtCreateTime: new Date(created).toISOString(),
      timeline: [{ status: 'Saved' }],
      fields: { GmtModifiedTime: new Date(created + took * 1000).toISOString() }
    }
  })
}

function run(url: string, inputs: Record<string, string>) {
  return runAction({
    endpoint: url,
    'access-key-id': KEY.accessKeyId,
    'access-key-secret': KEY.accessKeySecret,
    'instance-id': 'dsw-1',
    'snapshot-id': 'snp-now',
    'poll-interval': '1s',
    'max-poll-interval': '16s',
    timeout: '2m',
    ...inputs
  })
}

describe('history-aware polling', () => {
  it('polls every poll-interval where the history says the snapshot finishes', async () => {
    // The usual schedule polls at 0, 1, 3, 7, 15, 31 and 47 s: a snapshot Saved at 33 s would be
    // noticed about 14 s late. The history (32–34 s) puts polls every second around 33 s.
    const emu = await startEmulator({
      credentials: [KEY],
      snapshots: [
        ...history([33, 32, 34, 33, 33.5, 32.5, 33, 34]),
        {
          instanceId: 'dsw-1',
          snapshotId: 'snp-now',
          imageUrl: 'registry.example/team/env:now',
          timeline: [{ status: 'Pushing', ms: 33_000 }, { status: 'Saved' }]
        }
      ]
    })
    const result = await run(emu.url, {})
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ result: 'success', status: 'Saved' })
    expect(result.log).toMatch(
      /The last 8 snapshots of instance dsw-1 took 32s–34s; most snapshots of this instance finish between 3\ds and 3\ds after they are created \(the window aims at 95%\): checking snp-now every 1s then/
    )
    // One history read, once the snapshot was seen in progress.
    expect(callsTo(emu, 'ListInstanceSnapshot')).toHaveLength(1)
    const polls = callsTo(emu, 'GetInstanceSnapshot')
    const savedAt = emu.statusReachedAt('snp-now', 'Saved')!
    // Only the last poll saw it Saved, a poll-interval or so after it was: generous bounds, far
    // from the usual schedule's 14 s.
    expect(polls.filter(p => p.at >= savedAt)).toHaveLength(1)
    expect(polls.at(-1)!.at - savedAt).toBeLessThan(5000)
    // The usual polls plus a few around 33 s; never a poll per second all along.
    expect(polls.length).toBeGreaterThanOrEqual(7)
    expect(polls.length).toBeLessThan(16)
  }, 60_000)

  it('sees a snapshot that takes a fresh draw near the edge of the history within a poll-interval', async () => {
    // Twenty past snapshots of 27–33 s (30 s ± 10%); this one, one more draw, takes 32.7 s. The
    // usual schedule (0, 1, 3, 7, 15, 31, 47 s) would see it about 14 s late.
    const past = [
      30, 28, 32, 27.5, 31, 29, 33, 30.5, 28.5, 31.5, 27, 32.5, 29.5, 30, 31, 28, 32, 29, 30.5, 31.5
    ]
    const emu = await startEmulator({
      credentials: [KEY],
      snapshots: [
        ...history(past),
        {
          instanceId: 'dsw-1',
          snapshotId: 'snp-now',
          imageUrl: 'registry.example/team/env:now',
          timeline: [{ status: 'Pushing', ms: 32_700 }, { status: 'Saved' }]
        }
      ]
    })
    const result = await run(emu.url, {})
    expect(result.outputs).toMatchObject({ result: 'success', status: 'Saved' })
    expect(result.log).toMatch(
      /The last 20 snapshots of instance dsw-1 took 27s–33s; most snapshots of this instance finish between 2\ds and 3\ds after they are created/
    )
    const polls = callsTo(emu, 'GetInstanceSnapshot')
    const savedAt = emu.statusReachedAt('snp-now', 'Saved')!
    // Seen about a poll-interval after it was Saved (generous for a loaded machine), at fewer than
    // twice the usual schedule's 8 requests (the history page included).
    expect(polls.at(-1)!.at - savedAt).toBeLessThan(3000)
    expect(polls.length + callsTo(emu, 'ListInstanceSnapshot').length).toBeLessThanOrEqual(16)
  }, 60_000)

  it('refuses a history of two kinds of snapshot, says why, and polls on the usual schedule', async () => {
    const emu = await startEmulator({
      credentials: [KEY],
      snapshots: [
        ...history([5, 5.2, 4.9, 5.1, 5, 4.8, 5.1, 5, 8, 8.2, 7.9, 8.1, 5.2, 4.9, 5]),
        {
          instanceId: 'dsw-1',
          snapshotId: 'snp-now',
          timeline: [{ status: 'Pushing', ms: 2500 }, { status: 'Saved' }]
        }
      ]
    })
    const result = await run(emu.url, {})
    expect(result.outputs.result).toBe('success')
    expect(result.log).toContain(
      'Polling snp-now on the usual schedule; instance dsw-1: the past durations fall into ' +
        'groups far apart (4 of 15 far from the rest): snapshots of two kinds, such as two image sizes'
    )
    expect(result.log).not.toContain('most snapshots of this instance finish')
    // The usual schedule: polls at 0, 1 and about 3 s, the last seeing it Saved.
    const polls = callsTo(emu, 'GetInstanceSnapshot').map(p => p.at)
    expect(polls).toHaveLength(3)
    expect(polls[2]! - polls[1]!).toBeGreaterThan(1500)
  }, 60_000)

  it('reads no history when turned off, and polls on the usual schedule', async () => {
    const snapshots = () => [
      ...history([5, 5, 5, 5, 5]),
      {
        instanceId: 'dsw-1',
        snapshotId: 'snp-now',
        timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }]
      }
    ]
    const on = await startEmulator({ credentials: [KEY], snapshots: snapshots() })
    expect((await run(on.url, {})).outputs.result).toBe('success')
    expect(callsTo(on, 'ListInstanceSnapshot')).toHaveLength(1)
    const off = await startEmulator({ credentials: [KEY], snapshots: snapshots() })
    const result = await run(off.url, { 'history-aware-polling': 'false' })
    expect(result.outputs.result).toBe('success')
    expect(callsTo(off, 'ListInstanceSnapshot')).toHaveLength(0)
    expect(result.log).not.toContain('The last 5 snapshots')
  })
})
