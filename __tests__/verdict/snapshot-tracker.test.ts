import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/errors.js'
import { SnapshotTracker } from '../../src/verdict/snapshot-tracker.js'

const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/team/env:v1'
const RULES = { successStatuses: ['Saved'], failureStatuses: ['Failed'], notFoundTimeoutMs: 0 }
const quiet = { info() {}, warning() {}, debug() {} }

function tracker(expectedImageUrl?: string): SnapshotTracker {
  return new SnapshotTracker('snp-1', 'snapshot snp-1', { ...RULES, expectedImageUrl }, quiet)
}

const answer = (Status: string, ImageUrl = IMAGE) => ({
  snapshot: { SnapshotId: 'snp-1', Status, ImageUrl, ImageId: 'img-1' },
  requestId: 'req-1'
})

describe('the image an ending hands on', () => {
  it('is set for a success only: never for a failure, timeout, cancel or error', () => {
    const saved = tracker()
    saved.observe(answer('Saved'), 10)
    expect(saved.outcome).toMatchObject({ result: 'success', imageUrl: IMAGE })

    const failed = tracker()
    failed.observe(answer('Failed'), 10)
    const timedOut = tracker()
    timedOut.observe(answer('Pushing'), 10)
    timedOut.timeOut(20, false)
    const cancelled = tracker()
    cancelled.observe(answer('Pushing'), 10)
    cancelled.cancel(20)
    const broken = tracker()
    broken.observe(answer('Pushing'), 10)
    broken.failed(new ApiError({ operation: 'Get', kind: 'permission', code: 'Forbidden' }), 20)

    for (const ended of [failed, timedOut, cancelled, broken]) {
      expect(ended.outcome?.result).not.toBe('success')
      expect(ended.outcome?.imageUrl).toBeUndefined()
      // The service's own value stays with the snapshot, for the `snapshot` output.
      expect(ended.outcome?.snapshot?.ImageUrl).toBe(IMAGE)
    }
  })

  it('is the image asked for, as asked, when the service names its registry otherwise', () => {
    for (const reported of [
      'registry-vpc.cn-hangzhou.aliyuncs.com/team/env:v1',
      'registry-internal.cn-hangzhou.aliyuncs.com/team/env:v1',
      'Registry.CN-Hangzhou.aliyuncs.com/team/env:v1'
    ]) {
      const created = tracker(IMAGE)
      created.observe(answer('Saved', reported), 10)
      expect(created.outcome).toMatchObject({ result: 'success', imageUrl: IMAGE })
      expect(created.outcome?.snapshot?.ImageUrl).toBe(reported)
    }
  })

  it('is the service’s value for a snapshot the step did not create', () => {
    const vpc = 'registry-vpc.cn-hangzhou.aliyuncs.com/team/env:v1'
    const found = tracker()
    found.observe(answer('Saved', vpc), 10)
    expect(found.outcome).toMatchObject({ result: 'success', imageUrl: vpc })
  })
})

describe('an answer without a status', () => {
  it('is shown as having none, warned about once, and waited on', () => {
    const log = { info: [] as string[], warning: [] as string[], debug: [] as string[] }
    const waiting = new SnapshotTracker('snp-1', 'snapshot snp-1', RULES, {
      info: m => log.info.push(m),
      warning: m => log.warning.push(m),
      debug: m => log.debug.push(m)
    })
    const bare = { snapshot: { SnapshotId: 'snp-1' }, requestId: 'req-1' }
    waiting.observe(bare, 0)
    waiting.observe(bare, 5000)
    expect(waiting.done).toBe(false)
    expect(log.info).toEqual(['[0ms] snapshot snp-1: (no status)'])
    expect(log.debug).toEqual([
      'Poll 1: snapshot snp-1 is (no status) (RequestId req-1)',
      'Poll 2: snapshot snp-1 is (no status) (RequestId req-1)'
    ])
    expect(log.warning).toHaveLength(1)
    waiting.observe(answer('Saved'), 10_000)
    expect(waiting.timeline).toEqual([
      { status: '', atMs: 0 },
      { status: 'Saved', atMs: 10_000 }
    ])
    expect(waiting.outcome).toMatchObject({ result: 'success', attempts: 3 })
  })
})

describe('a check with timeout 0', () => {
  it('says what one look saw, or that none saw a status, and how to wait instead', () => {
    const seen = tracker()
    seen.observe(answer('Pushing'), 10)
    seen.timeOut(20, true)
    expect(seen.outcome?.message).toBe(
      'Snapshot snp-1 was checked once, with no waiting (timeout 0): its status was Pushing ' +
        '(1 request; a timeout above 0 waits for it to finish)'
    )
    const unseen = tracker()
    unseen.timeOut(20, true)
    expect(unseen.outcome?.message).toBe(
      'Snapshot snp-1 was checked once, with no waiting (timeout 0): no status was received ' +
        '(0 requests; a timeout above 0 waits for it to finish)'
    )
  })
})
