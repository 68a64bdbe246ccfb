import { describe, expect, it } from '@jest/globals'
import { ApiError, type FailureKind } from '../../src/errors.js'
import { Deadline, START_SLACK_MS } from '../../src/polling/deadline.js'
import { FailureHistory, decideRetry, retryLine } from '../../src/polling/retry-policy.js'
import { CancelledError, retrying } from '../../src/polling/retrying.js'
import { NOT_SENT } from '../../src/http/rate-limiter.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

const failure = (kind: FailureKind) => new ApiError({ operation: 'ListInstances', kind })
const state = { elapsedMs: 0, notFoundTimeoutMs: 0, earlierOfKind: 0, sinceFirstOfKindMs: 0 }

describe('decideRetry', () => {
  it('tries an unreachable host three times in all', () => {
    const unreachable = failure('unreachable')
    expect(decideRetry(unreachable, { ...state, earlierOfKind: 0 }).retry).toBe(true)
    expect(decideRetry(unreachable, { ...state, earlierOfKind: 1 }).retry).toBe(true)
    expect(decideRetry(unreachable, { ...state, earlierOfKind: 2 }).retry).toBe(false)
    expect(decideRetry(unreachable, { ...state, earlierOfKind: 3 }).retry).toBe(false)
  })

  it('explains the internal-error retries', () => {
    expect(decideRetry(failure('internal'), state)).toEqual({
      retry: true,
      note: 'the service reported an internal error; retrying for up to 1m'
    })
  })
})

describe('FailureHistory', () => {
  it('counts each kind separately, from its first occurrence', () => {
    const history = new FailureHistory(0)
    expect(history.record(failure('unreachable'), 0).retry).toBe(true)
    expect(history.record(failure('unreachable'), 10).retry).toBe(true)
    expect(history.record(failure('unreachable'), 20).retry).toBe(false)
  })

  it('measures the internal-error window from the first internal error', () => {
    const history = new FailureHistory(0)
    expect(history.record(failure('internal'), 50_000).retry).toBe(true)
    expect(history.record(failure('internal'), 109_999).retry).toBe(true)
    expect(history.record(failure('internal'), 110_000)).toEqual({
      retry: false,
      note: 'still failing after 1m of retries'
    })
  })

  it('does not retry a non-API failure', () => {
    const history = new FailureHistory(60_000)
    expect(history.record(new Error('boom'), 0)).toEqual({ retry: false })
    expect(history.record(new Error('boom'), 0)).toEqual({ retry: false })
  })
})

describe('retryLine', () => {
  it('adds the note in parentheses only when there is one', () => {
    expect(retryLine(2, 'throttled', undefined, 1500)).toBe('Attempt 2: throttled; retrying in 2s')
    expect(retryLine(2, 'throttled', 'why', 1500)).toBe(
      'Attempt 2: throttled (why); retrying in 2s'
    )
  })
})

describe('retrying', () => {
  const pacing = (
    clock: VirtualClock,
    timeoutMs: number,
    lines: string[],
    signal?: AbortSignal
  ) => ({
    deadline: Deadline.start(clock, timeoutMs),
    pollIntervalMs: 1000,
    maxPollIntervalMs: 1000,
    clock,
    random: () => 0.5,
    log: { info: (message: string) => lines.push(message) },
    notFoundTimeoutMs: 0,
    signal
  })

  it('logs each retried failure and returns the eventual value', async () => {
    const clock = new VirtualClock()
    const lines: string[] = []
    let calls = 0
    const value = await retrying(
      async () => {
        if (++calls === 1) throw failure('unreachable')
        return 'ok'
      },
      pacing(clock, 60_000, lines)
    )
    expect(value).toBe('ok')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Attempt 1: .*; retrying in /)
  })

  it('at the deadline, throws the last failure that was sent, not the refusal to send', async () => {
    const clock = new VirtualClock()
    const lines: string[] = []
    const shapeError = new ApiError({ operation: 'ListInstanceSnapshot', kind: 'network' })
    const refused = new ApiError({
      operation: 'ListInstanceSnapshot',
      kind: 'network',
      code: NOT_SENT
    })
    const deadline = Deadline.start(clock, 2500)
    const error = await retrying(
      async () => {
        throw deadline.remaining() > 0 ? shapeError : refused
      },
      { ...pacing(clock, 2500, lines), deadline }
    ).catch((e: unknown) => e)
    expect(error).toBe(shapeError)
    expect(clock.now()).toBe(2500)
  })

  it('throws the refusal when nothing was sent before the deadline', async () => {
    const clock = new VirtualClock()
    const refused = new ApiError({ operation: 'ListInstances', kind: 'network', code: NOT_SENT })
    const error = await retrying(
      async () => {
        throw refused
      },
      pacing(clock, 0, [])
    ).catch((e: unknown) => e)
    expect(error).toBe(refused)
  })

  it('stops with a CancelledError when aborted, without deciding a retry', async () => {
    const clock = new VirtualClock()
    const lines: string[] = []
    const controller = new AbortController()
    const promise = retrying(
      async () => {
        controller.abort()
        throw new Error('not an API error')
      },
      pacing(clock, 60_000, lines, controller.signal)
    )
    const error = await promise.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CancelledError)
    expect((error as Error).message).toBe('Cancelled')
    expect((error as Error).name).toBe('CancelledError')
    expect(lines).toEqual([])
  })
})

describe('the deadline', () => {
  it('has passed only after the last start it allows, a timer late by START_SLACK_MS included', () => {
    const clock = new VirtualClock(0)
    const deadline = Deadline.start(clock, 1000)
    clock.time = 1000 + START_SLACK_MS
    expect(deadline.passed).toBe(false)
    clock.time += 1
    expect(deadline.passed).toBe(true)
  })
})
