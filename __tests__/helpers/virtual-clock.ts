import type { Clock } from '../../src/clock.js'

/** A clock whose sleeps advance time at once: waits of hours take no wall time in tests. */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = []
  constructor(public time = 0) {}

  now(): number {
    return this.time
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms)
    this.time += ms
  }
}
