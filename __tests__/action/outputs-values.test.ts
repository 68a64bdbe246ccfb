import { describe, expect, it } from '@jest/globals'
import {
  outputsBeforeWait,
  outputsFromOutcomes,
  snapshotSummary,
  snapshotsOutput
} from '../../src/action/outputs.js'
import { MAX_OUTPUT_BYTES, prefixWithin } from '../../src/action/github-limits.js'
import type { WaitOutcome } from '../../src/check/waiter.js'

const base = { attempts: 1, waitedMs: 0, timeline: [] }
const step = { instanceId: 'dsw-step', requests: 4, waitedMs: 2600 }

const full: WaitOutcome = {
  ...base,
  result: 'success',
  message: 'ok',
  snapshotId: 'snp-1',
  instanceId: 'dsw-1',
  imageUrl: 'registry.cn-hangzhou.aliyuncs.com/ns/img:v1',
  requestId: 'req-1',
  snapshot: {
    InstanceId: 'dsw-1',
    SnapshotId: 'snp-1',
    SnapshotName: 'nightly',
    Status: 'Saved',
    ImageId: 'img-1',
    ReasonCode: 'RC',
    ReasonMessage: 'why',
    GmtCreateTime: '2026-01-01T00:00:00Z',
    GmtModifiedTime: '2026-01-01T00:05:00Z',
    Labels: [{ Key: 'team', Value: 'ml' }, { Key: 'empty' }, { Value: 'no-key' }],
    ExcludePaths: ['/tmp', '/cache']
  }
}

describe('prefixWithin', () => {
  it('keeps exactly the items whose JSON array fits, both sides of the boundary', () => {
    // ["a","b"] is 9 bytes
    expect(prefixWithin(['a', 'b', 'c'], 9)).toEqual(['a', 'b'])
    expect(prefixWithin(['a', 'b', 'c'], 8)).toEqual(['a'])
    expect(prefixWithin(['a', 'b', 'c'], 13)).toEqual(['a', 'b', 'c'])
    expect(prefixWithin(['a'], 5)).toEqual(['a'])
    expect(prefixWithin(['a'], 4)).toEqual([])
    expect(JSON.stringify(prefixWithin(['a', 'b'], 9)).length).toBe(9)
  })

  it('counts UTF-8 bytes and uses the given entry writer', () => {
    expect(prefixWithin(['é'], 5)).toEqual([])
    expect(prefixWithin(['é'], 6)).toEqual(['é'])
    expect(prefixWithin([1, 2], 5, n => 'x'.repeat(n))).toEqual([1])
  })
})

describe('snapshotSummary', () => {
  it('copies every field of a known snapshot', () => {
    expect(snapshotSummary(full)).toEqual({
      instanceId: 'dsw-1',
      snapshotId: 'snp-1',
      snapshotName: 'nightly',
      status: 'Saved',
      result: 'success',
      imageUrl: 'registry.cn-hangzhou.aliyuncs.com/ns/img:v1',
      imageId: 'img-1',
      reasonCode: 'RC',
      reasonMessage: 'why',
      gmtCreateTime: '2026-01-01T00:00:00Z',
      gmtModifiedTime: '2026-01-01T00:05:00Z'
    })
  })

  it('writes empty strings for unknown values and adds the message when not a success', () => {
    const o: WaitOutcome = { ...base, result: 'timeout', message: 'gave up', snapshotId: 'snp-9' }
    expect(snapshotSummary(o)).toEqual({
      instanceId: '',
      snapshotId: 'snp-9',
      snapshotName: '',
      status: '',
      result: 'timeout',
      imageUrl: '',
      imageId: '',
      reasonCode: '',
      reasonMessage: '',
      gmtCreateTime: '',
      gmtModifiedTime: '',
      message: 'gave up'
    })
  })

  it('falls back to the snapshot instance and to the outcome snapshot id', () => {
    const o: WaitOutcome = {
      ...base,
      result: 'failure',
      message: 'failed',
      snapshotId: 'snp-o',
      snapshot: { InstanceId: 'dsw-s', Status: 'Failed' }
    }
    const e = snapshotSummary(o)
    expect(e.instanceId).toBe('dsw-s')
    expect(e.snapshotId).toBe('snp-o')
    expect(e.message).toBe('failed')
  })

  it('prefers the snapshot id the service reported', () => {
    const o: WaitOutcome = {
      ...base,
      result: 'success',
      message: 'ok',
      snapshotId: 'snp-o',
      snapshot: { SnapshotId: 'snp-s' }
    }
    expect(snapshotSummary(o).snapshotId).toBe('snp-s')
  })
})

describe('snapshotsOutput', () => {
  it('lists only outcomes that name a snapshot', () => {
    const none: WaitOutcome = { ...base, result: 'error', message: 'bad', snapshotId: '' }
    const onlySnap: WaitOutcome = {
      ...base,
      result: 'failure',
      message: 'f',
      snapshotId: '',
      snapshot: { SnapshotId: 'snp-s' }
    }
    const onlyId: WaitOutcome = { ...base, result: 'timeout', message: 't', snapshotId: 'snp-i' }
    const { json, omitted } = snapshotsOutput([none, onlySnap, onlyId])
    expect(omitted).toBe(0)
    expect(JSON.parse(json).map((e: { snapshotId: string }) => e.snapshotId)).toEqual([
      'snp-s',
      'snp-i'
    ])
  })

  it('keeps an output of exactly MAX_OUTPUT_BYTES whole', () => {
    const o: WaitOutcome = { ...base, result: 'success', message: 'ok', snapshotId: 'snp-1' }
    const size = Buffer.byteLength(JSON.stringify([snapshotSummary(o)]))
    const padded = { ...o, snapshotId: 'x'.repeat(MAX_OUTPUT_BYTES - size + 'snp-1'.length) }
    const { json, omitted } = snapshotsOutput([padded])
    expect(Buffer.byteLength(json)).toBe(MAX_OUTPUT_BYTES)
    expect(omitted).toBe(0)
  })

  it('keeps the given order when two entries fill exactly MAX_OUTPUT_BYTES', () => {
    const ok: WaitOutcome = { ...base, result: 'success', message: 'ok', snapshotId: 'snp-ok' }
    const bad: WaitOutcome = { ...base, result: 'failure', message: '', snapshotId: 'snp-bad' }
    const size = Buffer.byteLength(JSON.stringify([snapshotSummary(ok), snapshotSummary(bad)]))
    const padded = { ...ok, snapshotId: 'x'.repeat(MAX_OUTPUT_BYTES - size + 'snp-ok'.length) }
    const { json, omitted } = snapshotsOutput([padded, bad])
    expect(Buffer.byteLength(json)).toBe(MAX_OUTPUT_BYTES)
    expect(omitted).toBe(0)
    expect(JSON.parse(json).map((e: { result: string }) => e.result)).toEqual([
      'success',
      'failure'
    ])
  })
})

describe('outputsFromOutcomes', () => {
  it('writes every single-snapshot output', () => {
    const { outputs, snapshotsOmitted } = outputsFromOutcomes([full], step)
    expect(snapshotsOmitted).toBe(0)
    expect(outputs).toMatchObject({
      result: 'success',
      'instance-id': 'dsw-1',
      'snapshot-id': 'snp-1',
      attempts: '4',
      'waited-seconds': '3',
      status: 'Saved',
      'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/img:v1',
      'image-id': 'img-1',
      'snapshot-name': 'nightly',
      'reason-code': 'RC',
      'reason-message': 'why',
      'gmt-create-time': '2026-01-01T00:00:00Z',
      'gmt-modified-time': '2026-01-01T00:05:00Z',
      labels: '{"team":"ml","empty":""}',
      'exclude-paths': '["/tmp","/cache"]',
      'request-id': 'req-1'
    })
    expect(JSON.parse(outputs.snapshot!)).toEqual(full.snapshot)
  })

  it('leaves unknown snapshot fields empty, and out of the snapshot output', () => {
    const o: WaitOutcome = {
      ...base,
      result: 'failure',
      message: 'f',
      snapshotId: 'snp-2',
      snapshot: {}
    }
    const { outputs } = outputsFromOutcomes([o], step)
    expect(outputs).toMatchObject({
      'instance-id': 'dsw-step',
      'snapshot-id': 'snp-2',
      status: '',
      'image-url': '',
      'image-id': '',
      'snapshot-name': '',
      'reason-code': '',
      'reason-message': '',
      'gmt-create-time': '',
      'gmt-modified-time': '',
      labels: '{}',
      'exclude-paths': '[]',
      'request-id': ''
    })
    expect(outputs.snapshot).toBe('{}')
  })

  it('hands on empty image outputs for a success that knows no image', () => {
    const { imageUrl: _url, ...noImage } = full
    const success: WaitOutcome = { ...noImage, snapshot: { SnapshotId: 'snp-1', Status: 'Saved' } }
    const { outputs } = outputsFromOutcomes([success], step)
    expect([outputs['image-url'], outputs['image-id']]).toEqual(['', ''])
  })

  it('takes the instance from the outcome when the snapshot does not name it', () => {
    const o: WaitOutcome = {
      ...base,
      result: 'timeout',
      message: 't',
      snapshotId: '',
      instanceId: 'dsw-o'
    }
    const { outputs } = outputsFromOutcomes([o], step)
    expect(outputs['instance-id']).toBe('dsw-o')
    expect('snapshot-id' in outputs).toBe(false)
    expect('status' in outputs).toBe(false)
  })

  it('prefers the snapshot id the service reported', () => {
    const o: WaitOutcome = {
      ...base,
      result: 'success',
      message: 'ok',
      snapshotId: 'snp-o',
      snapshot: { SnapshotId: 'snp-s' }
    }
    expect(outputsFromOutcomes([o], step).outputs['snapshot-id']).toBe('snp-s')
    const noId = { ...o, snapshot: { Status: 'Saved' } }
    expect(outputsFromOutcomes([noId], step).outputs['snapshot-id']).toBe('snp-o')
  })

  it('prefers the instance the service reported over the outcome', () => {
    const o: WaitOutcome = {
      ...base,
      result: 'success',
      message: 'ok',
      snapshotId: 'snp-1',
      instanceId: 'dsw-o',
      snapshot: { InstanceId: 'dsw-s' }
    }
    expect(outputsFromOutcomes([o], step).outputs['instance-id']).toBe('dsw-s')
  })

  it('keeps the labels and excluded paths that fit in one output', () => {
    const big = 'v'.repeat(600_000)
    const o: WaitOutcome = {
      ...base,
      result: 'success',
      message: 'ok',
      snapshotId: 'snp-1',
      snapshot: {
        Labels: [
          { Key: 'a', Value: big },
          { Key: 'b', Value: big }
        ],
        ExcludePaths: [big, big]
      }
    }
    const { outputs } = outputsFromOutcomes([o], step)
    expect(Object.keys(JSON.parse(outputs.labels!))).toEqual(['a'])
    expect(JSON.parse(outputs['exclude-paths']!)).toHaveLength(1)
  })

  it.each(['failure', 'timeout', 'cancelled', 'error'] as const)(
    'hands on no image for a %s, the service’s values left in snapshot',
    result => {
      // Even an outcome that carried an image: what is not a success is no image to deploy.
      const o: WaitOutcome = { ...full, result, message: 'not saved' }
      const { outputs } = outputsFromOutcomes([o], step)
      expect(outputs).toMatchObject({ result, 'image-url': '', 'image-id': '' })
      expect(JSON.parse(outputs.snapshots!)[0]).toMatchObject({ imageUrl: '', imageId: '' })
      expect(JSON.parse(outputs.snapshot!)).toMatchObject({ ImageId: 'img-1' })
    }
  )

  it('uses the step instance when nothing else is known', () => {
    expect(outputsFromOutcomes([], step).outputs['instance-id']).toBe('dsw-step')
  })
})

describe('outputsBeforeWait', () => {
  it('reports the result with no attempts', () => {
    expect(outputsBeforeWait('error')).toEqual({
      result: 'error',
      attempts: '0',
      'waited-seconds': '0'
    })
  })
})
