import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/errors.js'
import type { SnapshotResponse } from '../../src/aliyun/snapshot.js'
import {
  Deadline,
  type WaitOptions,
  waitForSnapshot,
  waitForSnapshots
} from '../../src/check/waiter.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

type Step = string | ApiError

const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/team/env:v1'

/** Polls answer from a script, one entry per call; the last entry repeats. */
function scripted(steps: Step[], clock: VirtualClock) {
  const calls: number[] = []
  const poll = async (): Promise<SnapshotResponse> => {
    calls.push(clock.now())
    const step = steps[Math.min(calls.length - 1, steps.length - 1)]!
    if (step instanceof ApiError) throw step
    return {
      snapshot: {
        SnapshotId: 'snp-1',
        Status: step,
        ImageUrl: IMAGE,
        ReasonCode: 'ImagePushFailed',
        ReasonMessage: 'denied'
      },
      requestId: `req-${calls.length}`
    }
  }
  return { poll, calls }
}

function setup(
  steps: Step[],
  { timeoutMs = 1_800_000, ...overrides }: Partial<WaitOptions> & { timeoutMs?: number } = {}
) {
  const clock = new VirtualClock()
  const { poll, calls } = scripted(steps, clock)
  const log = { info: [] as string[], warning: [] as string[], debug: [] as string[] }
  const options: WaitOptions = {
    subject: 'snapshot snp-1 of instance dsw-1',
    poll,
    successStatuses: ['Saved'],
    failureStatuses: ['Failed'],
    deadline: Deadline.start(clock, timeoutMs),
    pollIntervalMs: 5000,
    maxPollIntervalMs: 30_000,
    notFoundTimeoutMs: 60_000,
    clock,
    random: () => 0,
    log: {
      info: m => log.info.push(m),
      warning: m => log.warning.push(m),
      debug: m => log.debug.push(m)
    },
    ...overrides
  }
  return { options, clock, calls, log }
}

const throttled = new ApiError({ operation: 'Get', kind: 'throttled', code: 'Throttling.User' })
const denied = new ApiError({ operation: 'Get', kind: 'permission', code: 'Forbidden.RAM' })

describe('waitForSnapshot', () => {
  it('polls at once, then backs off, and logs each status change once', async () => {
    const { options, calls, log } = setup([
      'Committing',
      'Committing',
      'Pushing',
      'Pushing',
      'Pushing',
      'Saved'
    ])
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('success')
    expect(outcome.attempts).toBe(6)
    expect(outcome.requestId).toBe('req-6')
    expect(calls).toEqual([0, 5000, 15_000, 35_000, 65_000, 95_000])
    expect(outcome.timeline).toEqual([
      { status: 'Committing', atMs: 0 },
      { status: 'Pushing', atMs: 15_000 },
      { status: 'Saved', atMs: 95_000 }
    ])
    expect(log.info).toEqual([
      '[0ms] snapshot snp-1 of instance dsw-1: Committing',
      '[15s] snapshot snp-1 of instance dsw-1: Pushing',
      '[1m35s] snapshot snp-1 of instance dsw-1: Saved'
    ])
    expect(log.debug).toHaveLength(6)
    expect(outcome.waitedMs).toBe(95_000)
  })

  it('fails with the service reason on a failure status', async () => {
    const { options } = setup(['Pushing', 'Failed'])
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('failure')
    expect(outcome.message).toBe(
      'Snapshot snp-1 of instance dsw-1 ended with status Failed: ImagePushFailed: denied'
    )
    expect(outcome.status).toBe('Failed')
  })

  it('times out with the last status and lands a final poll at the deadline', async () => {
    const { options, calls, clock } = setup(['Pushing'], { timeoutMs: 60_000 })
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('timeout')
    expect(calls).toEqual([0, 5000, 15_000, 35_000, 60_000])
    expect(clock.now()).toBe(60_000)
    expect(outcome.message).toContain(
      'Timed out after 1m waiting for snapshot snp-1 of instance dsw-1'
    )
    expect(outcome.message).toContain('its last status was Pushing')
  })

  it('checks exactly once when the timeout is 0', async () => {
    const ready = setup(['Saved'], { timeoutMs: 0 })
    expect((await waitForSnapshot(ready.options)).result).toBe('success')
    const pending = setup(['Pushing'], { timeoutMs: 0 })
    const outcome = await waitForSnapshot(pending.options)
    expect(outcome.result).toBe('timeout')
    expect(pending.calls).toHaveLength(1)
    expect(outcome.message).toContain(
      'was checked once, with no waiting (timeout 0): its status was Pushing'
    )
  })

  it('never takes a timeout spent before the wait for "check once", and says where it went', async () => {
    // A 60 s timeout of which listings took 61 s: no time left, yet not timeout 0.
    const { options, clock, calls } = setup(['Pushing'], { timeoutMs: 60_000 })
    clock.time += 61_000
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('timeout')
    expect(calls).toHaveLength(1)
    expect(outcome.message).toContain(
      'waiting for snapshot snp-1 of instance dsw-1, after 1m1s of the timeout went to finding it'
    )
    expect(outcome.message).toContain('raise the timeout input if the snapshot needs longer')
    expect(outcome.message).not.toContain('checked once')
  })

  it('is a success only with a usable image, and hands on the image asked for', async () => {
    const { options } = setup(['Saved'])
    const outcome = await waitForSnapshot(options)
    expect(outcome).toMatchObject({ result: 'success', imageUrl: IMAGE })
    // Asked under the VPC name, reported under the public one: the image asked for, as asked.
    const vpc = IMAGE.replace('registry.', 'registry-vpc.')
    const asked = await waitForSnapshot({
      ...setup(['Saved']).options,
      expectedImageUrl: vpc
    })
    expect(asked).toMatchObject({ result: 'success', imageUrl: vpc })
  })

  it.each([
    ['', 'the service reported no image URL for it'],
    ['x\n::error::y', "the service reported no usable image: ImageUrl 'x\\n::error::y'"]
  ])('fails a Saved snapshot whose image URL is %j', async (url, why) => {
    const { options } = setup(['Saved'])
    const poll = options.poll
    const outcome = await waitForSnapshot({
      ...options,
      poll: async () => {
        const answer = await poll()
        return { ...answer, snapshot: { ...answer.snapshot, ImageUrl: url } }
      }
    })
    expect(outcome.result).toBe('failure')
    expect(outcome.message).toContain(`Snapshot snp-1 of instance dsw-1 is Saved, but ${why}`)
    expect(outcome.imageUrl).toBeUndefined()
  })

  it('fails a Saved snapshot that pushed another image than the one asked for', async () => {
    const asked = 'registry.cn-hangzhou.aliyuncs.com/team/env:v2'
    const outcome = await waitForSnapshot({ ...setup(['Saved']).options, expectedImageUrl: asked })
    expect(outcome.result).toBe('failure')
    expect(outcome.message).toBe(
      `Snapshot snp-1 of instance dsw-1 is Saved, but it reports image ${IMAGE}, not the image ` +
        `asked for (${asked})`
    )
    expect(outcome.imageUrl).toBeUndefined()
  })

  it('matches statuses case-insensitively and honours custom lists', async () => {
    const { options } = setup(['Pushing', 'available'], { successStatuses: ['Available'] })
    expect((await waitForSnapshot(options)).result).toBe('success')
  })

  it('warns once about an unknown status and keeps waiting; never treats it as success', async () => {
    const { options, log } = setup(['Mystery', 'Mystery', 'Mystery', 'Saved'])
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('success')
    expect(log.warning).toHaveLength(1)
    expect(log.warning[0]).toContain(
      "status 'Mystery', which is neither in success-statuses (Saved)"
    )
  })

  it('retries transient errors within the timeout, honouring a retry-after hint', async () => {
    const slowDown = new ApiError({ operation: 'Get', kind: 'throttled', retryAfterMs: 20_000 })
    const { options, calls, log } = setup([throttled, slowDown, 'Saved'])
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('success')
    expect(calls).toEqual([0, 5000, 25_000])
    expect(log.info[0]).toMatch(/Throttling.User.*; retrying in 5s$/)
  })

  it('fails at once on a permanent error, with the error as the message', async () => {
    const { options, calls } = setup([denied, 'Saved'])
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('error')
    expect(outcome.error).toBe(denied)
    expect(calls).toHaveLength(1)
  })

  it('names the last error when transient errors last until the deadline', async () => {
    const { options } = setup([throttled], { timeoutMs: 20_000 })
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('timeout')
    expect(outcome.message).toContain('no status was received; the last request failed: Get failed')
  })

  it('stops when cancelled, keeping what it knew', async () => {
    const controller = new AbortController()
    const { options, calls } = setup(['Pushing'], { signal: controller.signal })
    const clock = options.clock as VirtualClock
    clock.sleep = async ms => {
      clock.time += ms
      controller.abort()
    }
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('cancelled')
    expect(outcome.status).toBe('Pushing')
    expect(calls).toHaveLength(1)
  })

  it('waits for a snapshot that is not found yet, up to not-found-timeout', async () => {
    const notFound = new ApiError({
      operation: 'Get',
      kind: 'not-found',
      code: 'InvalidSnapshot.NotFound'
    })
    const late = setup([notFound, notFound, 'Pushing', 'Saved'])
    expect((await waitForSnapshot(late.options)).result).toBe('success')
    expect(late.log.info[0]).toContain('not found yet')

    const never = setup([notFound], { notFoundTimeoutMs: 20_000 })
    const outcome = await waitForSnapshot(never.options)
    expect(outcome.result).toBe('error')
    expect(never.calls).toEqual([0, 5000, 15_000, 35_000])
    expect(outcome.message).toContain('(still not found after 35s)')
  })

  it('fails at the first not found when not-found-timeout is 0', async () => {
    const notFound = new ApiError({ operation: 'Get', kind: 'not-found' })
    const { options, calls } = setup([notFound], { notFoundTimeoutMs: 0 })
    expect((await waitForSnapshot(options)).result).toBe('error')
    expect(calls).toHaveLength(1)
  })

  it('retries a host that is not found once, then fails: at most 2 requests', async () => {
    const noHost = new ApiError({ operation: 'Get', kind: 'host-not-found', code: 'ENOTFOUND' })
    const { options, calls } = setup([noHost])
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('error')
    expect(calls).toHaveLength(2)
  })

  it('fails at once on an unexpected exception', async () => {
    const { options, calls } = setup(['Pushing'])
    options.poll = async () => {
      calls.push(0)
      throw new TypeError('boom')
    }
    const outcome = await waitForSnapshot(options)
    expect(outcome).toMatchObject({ result: 'error', message: 'boom', attempts: 1 })
  })
})

describe('waitForSnapshot: the words a user reads', () => {
  it('logs each poll and each change, naming a missing status', async () => {
    const { options, log } = setup(['', 'Pushing', 'Saved'])
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('success')
    expect(log.debug[0]).toBe(
      'Poll 1: snapshot snp-1 of instance dsw-1 is (no status) (RequestId req-1)'
    )
    expect(log.debug[1]).toBe(
      'Poll 2: snapshot snp-1 of instance dsw-1 is Pushing (RequestId req-2)'
    )
    expect(log.info[0]).toBe('[0ms] snapshot snp-1 of instance dsw-1: (no status)')
    expect(log.info[1]).toBe('[5s] snapshot snp-1 of instance dsw-1: Pushing')
  })

  it('lists every configured status in the unknown-status warning', async () => {
    const { options, log } = setup(['Mystery', 'Saved'], {
      successStatuses: ['Saved', 'Done'],
      failureStatuses: ['Failed', 'Error']
    })
    await waitForSnapshot(options)
    expect(log.warning).toEqual([
      "Snapshot snp-1 of instance dsw-1 has status 'Mystery', which is neither in success-statuses " +
        '(Saved, Done) nor in failure-statuses (Failed, Error); still waiting'
    ])
  })

  it('says when the service gave no reason for a failure', async () => {
    const { options } = setup([], {
      poll: async () => ({ snapshot: { SnapshotId: 'snp-1', Status: 'Failed' }, requestId: 'r' })
    })
    const outcome = await waitForSnapshot(options)
    expect(outcome.message).toBe(
      'Snapshot snp-1 of instance dsw-1 ended with status Failed (the service gave no reason)'
    )
  })

  it('times out naming when the last status began and how many requests went out', async () => {
    const { options } = setup(['Committing', 'Pushing', 'Uploading'], { timeoutMs: 60_000 })
    const outcome = await waitForSnapshot(options)
    expect(outcome.message).toBe(
      'Timed out after 1m waiting for snapshot snp-1 of instance dsw-1: its last status was ' +
        'Uploading (since 15s into the wait) (5 requests; raise the timeout input if the snapshot needs longer)'
    )
    expect(outcome.waitedMs).toBe(60_000)
  })

  it('mentions time spent before the wait from one second on, measured from the deadline start', async () => {
    const run = async (spentMs: number) => {
      const { options, clock } = setup(['Pushing'])
      clock.time = 10_000
      options.deadline = Deadline.start(clock, 60_000)
      clock.time += spentMs
      return waitForSnapshot(options)
    }
    const second = await run(1000)
    expect(second.message).toContain(
      'Timed out after 59s waiting for snapshot snp-1 of instance dsw-1, after 1s of the timeout went to finding it: '
    )
    const less = await run(999)
    expect(less.message).toContain(
      'Timed out after 59s waiting for snapshot snp-1 of instance dsw-1: '
    )
    expect(less.message).not.toContain('finding it')
  })

  it('ends as cancelled, not as an error, when a request fails because of the cancel', async () => {
    const controller = new AbortController()
    const { options } = setup([], {
      signal: controller.signal,
      poll: async () => {
        controller.abort()
        throw denied
      }
    })
    const outcome = await waitForSnapshot(options)
    expect(outcome.result).toBe('cancelled')
    expect(outcome.message).toBe(
      'Cancelled after 0ms while waiting for snapshot snp-1 of instance dsw-1'
    )
  })
})

describe('waitForSnapshots', () => {
  it('logs a retry for a snapshot a listing left out, and ends each snapshot on its own', async () => {
    const { options, log } = setup([])
    let round = 0
    const outcomes = await waitForSnapshots({
      ...options,
      snapshotIds: ['snp-1', 'snp-2'],
      describe: id => `snapshot ${id}`,
      pollRound: async ids => {
        round++
        const answers = new Map<string, SnapshotResponse>()
        for (const id of ids) {
          if (id === 'snp-2' && round === 1) continue
          answers.set(id, {
            snapshot: { SnapshotId: id, Status: 'Saved', ImageUrl: IMAGE },
            requestId: `r${round}`
          })
        }
        return answers
      }
    })
    expect(outcomes.map(o => [o.snapshotId, o.result, o.attempts])).toEqual([
      ['snp-1', 'success', 1],
      ['snp-2', 'success', 2]
    ])
    expect(log.info.some(line => line.includes('snapshot snp-2: ListInstanceSnapshot'))).toBe(true)
  })

  it('asks no finish prediction when it waits for several snapshots', async () => {
    const { options } = setup([])
    const asked: string[] = []
    let round = 0
    const outcomes = await waitForSnapshots({
      ...options,
      predictFinish: async id => {
        asked.push(id)
        return undefined
      },
      snapshotIds: ['snp-1', 'snp-2'],
      describe: id => `snapshot ${id}`,
      pollRound: async ids => {
        round++
        const status = round < 3 ? 'Pushing' : 'Saved'
        return new Map(
          ids.map(id => [
            id,
            {
              snapshot: { SnapshotId: id, Status: status, ImageUrl: IMAGE },
              requestId: `r${round}`
            }
          ])
        )
      }
    })
    expect(outcomes.map(o => o.result)).toEqual(['success', 'success'])
    // The prediction is for a lone snapshot: one of several does not set the pace of all.
    expect(asked).toEqual([])
  })

  it('logs no retry for a snapshot left out once it has given up on it', async () => {
    const { options, log } = setup([])
    let round = 0
    const outcomes = await waitForSnapshots({
      ...options,
      snapshotIds: ['snp-1', 'snp-2'],
      describe: id => `snapshot ${id}`,
      // snp-2 is never listed; snp-1 is pushed until the round after snp-2's not-found-timeout.
      pollRound: async () => {
        round++
        const snapshot = {
          SnapshotId: 'snp-1',
          Status: round < 6 ? 'Pushing' : 'Saved',
          ImageUrl: IMAGE
        }
        return new Map([['snp-1', { snapshot, requestId: `r${round}` }]])
      }
    })
    expect(outcomes.map(o => [o.snapshotId, o.result, o.attempts])).toEqual([
      ['snp-1', 'success', 6],
      ['snp-2', 'error', 5]
    ])
    // Rounds at 0, 5, 15, 35 s are retried; the one at 65 s, past the 60 s, ends snp-2.
    const retried = log.info.filter(line => line.includes('snapshot snp-2:'))
    expect(retried.map(line => /^Attempt (\d+):/.exec(line)?.[1])).toEqual(['1', '2', '3', '4'])
  })
})
