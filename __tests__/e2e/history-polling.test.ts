// History-aware polling (issue 19) through `node dist/index.js`, on a scaled clock: poll-interval
// 1 s and a history of ~33 s snapshots, so the whole wait takes about half a minute.
import { describe, expect, it } from '@jest/globals'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { callsTo } from '../helpers/run-inspection.js'

const KEY = { accessKeyId: 'history-key-id', accessKeySecret: 'history-key-secret-0123456789' }
const { startEmulator, runAction } = secretScannedRuns()

type SnapshotSpec = NonNullable<EmulatorOptions['snapshots']>[number]
const HOUR = 3_600_000

/**
 * The usual schedule of these inputs (poll-interval 1s doubling to 16s, jitter taking up to 10%
 * off) polls at 0, 1, 3, 7, 15 and 31 s, and next at 47 s (42.3 s at the earliest): at most this
 * many polls in the first 42 s, however slow the machine (that only makes polls later). The
 * snapshots below are Saved before then.
 */
const USUAL_POLLS_IN_42S = 6

/**
 * The polls before the snapshot turned Saved and from then on, in the order the emulator saw
 * them: counts on its own timeline, never the time between two requests.
 */
function pollsAround(emu: Emulator, snapshotId: string) {
  const savedAt = emu.statusReachedAt(snapshotId, 'Saved')!
  const polls = callsTo(emu, 'GetInstanceSnapshot')
  return {
    before: polls.filter(p => p.at < savedAt).length,
    after: polls.filter(p => p.at >= savedAt).length
  }
}

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
    // The usual schedule polls at 0, 1, 3, 7, 15, 31 and 47 s: a snapshot Saved at 35 s would be
    // noticed about 12 s late. The history (32–34 s) puts polls every second from about 32 s.
    const emu = await startEmulator({
      credentials: [KEY],
      snapshots: [
        ...history([33, 32, 34, 33, 33.5, 32.5, 33, 34]),
        {
          instanceId: 'dsw-1',
          snapshotId: 'snp-now',
          imageUrl: 'registry.example/team/env:now',
          timeline: [{ status: 'Pushing', ms: 35_000 }, { status: 'Saved' }]
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
    // More polls before it was Saved than the usual schedule can make by then: the window's (their
    // spacing is tested on the virtual clock, in wait/history-polling.test.ts); then one saw it.
    const { before, after } = pollsAround(emu, 'snp-now')
    expect(before).toBeGreaterThan(USUAL_POLLS_IN_42S)
    expect(after).toBe(1)
    // The usual polls plus a few from 32 s; never a poll per second all along.
    expect(before + after).toBeLessThan(16)
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
    // The window (from about 26 s) had it polled every poll-interval up to the moment it was Saved:
    // more polls before then than the usual schedule can make; the first poll after saw it.
    const { before, after } = pollsAround(emu, 'snp-now')
    expect(before).toBeGreaterThan(USUAL_POLLS_IN_42S)
    expect(after).toBe(1)
    // Fewer than twice the usual schedule's 8 requests (the history page included).
    expect(before + after + callsTo(emu, 'ListInstanceSnapshot').length).toBeLessThanOrEqual(16)
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
    // The usual schedule: polls at 0, 1 and about 3 s, only the last after it was Saved (2.5 s); a
    // poll every second would have made three before.
    expect(pollsAround(emu, 'snp-now')).toEqual({ before: 2, after: 1 })
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
