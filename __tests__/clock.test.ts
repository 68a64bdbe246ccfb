import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { getEventListeners } from 'node:events'
import { systemClock } from '../src/clock.js'

/** Whether `promise` has settled once every pending microtask has run (timers never advance). */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false
  promise.then(
    () => (settled = true),
    () => (settled = true)
  )
  await jest.advanceTimersByTimeAsync(0)
  return settled
}

describe('systemClock', () => {
  // Jest's fake timers stand in for the real ones, so every wait below takes no wall time.
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 })
  })
  afterEach(() => {
    jest.useRealTimers()
  })

  it('tells the time of the system clock', () => {
    expect(systemClock.now()).toBe(1_000_000)
    jest.setSystemTime(1_234_567)
    expect(systemClock.now()).toBe(1_234_567)
  })

  it('resolves a sleep after its time, not before', async () => {
    const sleeping = systemClock.sleep(1000)
    await jest.advanceTimersByTimeAsync(999)
    expect(await hasSettled(sleeping)).toBe(false)
    await jest.advanceTimersByTimeAsync(1)
    expect(await hasSettled(sleeping)).toBe(true)
  })

  it('waits the whole time when its signal does not abort, and leaves no listener on the signal', async () => {
    const controller = new AbortController()
    const sleeping = systemClock.sleep(1000, controller.signal)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1)
    await jest.advanceTimersByTimeAsync(999)
    expect(await hasSettled(sleeping)).toBe(false)
    await jest.advanceTimersByTimeAsync(1)
    expect(await hasSettled(sleeping)).toBe(true)
    // The job's signal lives as long as the job: each sleep must take its listener away.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    expect(jest.getTimerCount()).toBe(0)
  })

  it('resolves at once, without throwing, when the signal aborts, and clears its timer', async () => {
    const controller = new AbortController()
    const sleeping = systemClock.sleep(60_000, controller.signal)
    expect(jest.getTimerCount()).toBe(1)
    controller.abort()
    expect(await hasSettled(sleeping)).toBe(true)
    await expect(sleeping).resolves.toBeUndefined()
    expect(jest.getTimerCount()).toBe(0)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('resolves at once, setting no timer, when the signal has already aborted', async () => {
    const signal = AbortSignal.abort()
    const sleeping = systemClock.sleep(60_000, signal)
    expect(jest.getTimerCount()).toBe(0)
    expect(await hasSettled(sleeping)).toBe(true)
    expect(getEventListeners(signal, 'abort')).toHaveLength(0)
  })
})
