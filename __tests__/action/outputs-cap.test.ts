// Every output within 1,000,000 bytes, judged on the final string it gets (issue 28, item 4).
import { describe, expect, it } from '@jest/globals'
import {
  SNAPSHOT_CUT_FIELD,
  outputsFromOutcomes,
  snapshotsOutput
} from '../../src/action/outputs.js'
import {
  MAX_OUTPUT_BYTES,
  MAX_OUTPUT_TEXT,
  OUTPUT_CUT_MARKER,
  firstThatFits
} from '../../src/action/github-limits.js'
import type { Snapshot } from '../../src/aliyun/snapshot.js'
import type { WaitOutcome } from '../../src/check/waiter.js'

const step = { instanceId: 'dsw-1', requests: 1, waitedMs: 0 }
const bytes = (text: string) => Buffer.byteLength(text)
/** A control character: 1 byte as text, 6 once JSON-escaped (`\u0001`). */
const CONTROL = '\u0001'
/** A character outside the BMP: 4 bytes of UTF-8, two UTF-16 units. */
const ASTRAL = '\u{1F600}'
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The largest snapshot response-shapes.ts lets through, every text control characters. */
function worstSnapshot(fill = CONTROL): Snapshot {
  return {
    InstanceId: 'dsw-1',
    SnapshotId: 'snp-1',
    SnapshotName: fill.repeat(1024),
    Status: 'Failed',
    ImageId: fill.repeat(1024),
    ImageUrl: fill.repeat(4096),
    ReasonCode: fill.repeat(1024),
    ReasonMessage: fill.repeat(200_000),
    GmtCreateTime: fill.repeat(64),
    GmtModifiedTime: fill.repeat(64),
    Labels: Array.from({ length: 1000 }, (_, i) => ({
      Key: `${i}${fill.repeat(1000)}`,
      Value: fill.repeat(1024)
    })),
    ExcludePaths: Array.from({ length: 1000 }, (_, i) => `/${i}${fill.repeat(4000)}`),
    RequestId: fill.repeat(256)
  }
}

const failedWith = (snapshot: Snapshot): WaitOutcome => ({
  result: 'failure',
  message: `failed: ${snapshot.ReasonMessage ?? ''}`,
  snapshotId: snapshot.SnapshotId ?? 'snp-1',
  snapshot,
  attempts: 1,
  waitedMs: 0,
  timeline: []
})

function expectEveryOutputWithinCap(outputs: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(outputs)) {
    expect([name, bytes(value ?? '') <= MAX_OUTPUT_BYTES]).toEqual([name, true])
    expect([name, LONE_SURROGATE.test(value ?? '')]).toEqual([name, false])
  }
}

describe('firstThatFits, the one size rule', () => {
  it('takes the first candidate that fits, exactly 1,000,000 bytes included', () => {
    const exact = 'x'.repeat(MAX_OUTPUT_BYTES)
    expect(firstThatFits([exact, 'short'])).toBe(exact)
    expect(firstThatFits([`${exact}y`, 'short', 'shorter'])).toBe('short')
  })

  it('cuts the last candidate when none fits, by whole characters, with a marker', () => {
    for (const fill of ['y', 'é', '€', ASTRAL]) {
      const value = firstThatFits([fill.repeat(MAX_OUTPUT_BYTES + 1)])
      expect(bytes(value)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES)
      // At most one character short of the limit: nothing cut that would have fitted.
      expect(bytes(value)).toBeGreaterThan(MAX_OUTPUT_BYTES - bytes(fill))
      expect(value.endsWith(OUTPUT_CUT_MARKER)).toBe(true)
      expect(value.slice(0, -OUTPUT_CUT_MARKER.length).replaceAll(fill, '')).toBe('')
    }
  })

  it('looks at no candidate past the first that fits', () => {
    const looked: number[] = []
    function* candidates() {
      for (const size of [2_000_000, 10, 5]) {
        looked.push(size)
        yield 'z'.repeat(size)
      }
    }
    expect(firstThatFits(candidates())).toBe('z'.repeat(10))
    expect(looked).toEqual([2_000_000, 10])
  })
})

describe('the snapshot output', () => {
  it('was 1,037,378 bytes for a reason of control characters and large lists: now it fits', () => {
    // The case: each piece within its own old cap, the whole over the limit.
    const s: Snapshot = {
      SnapshotId: 'snp-1',
      Status: 'Failed',
      ReasonMessage: CONTROL.repeat(MAX_OUTPUT_TEXT),
      Labels: Array.from({ length: 300 }, (_, i) => ({ Key: `k${i}`, Value: 'v'.repeat(1100) })),
      ExcludePaths: Array.from({ length: 300 }, (_, i) => `/${i}/${'p'.repeat(1100)}`)
    }
    // Each list was within the 350,000 bytes the old rule gave it; the whole was not.
    expect(bytes(JSON.stringify(s.Labels))).toBeLessThan(350_000)
    expect(bytes(JSON.stringify(s.ExcludePaths))).toBeLessThan(350_000)
    expect(bytes(JSON.stringify(s))).toBeGreaterThan(MAX_OUTPUT_BYTES)
    const { outputs } = outputsFromOutcomes([failedWith(s)], step)
    expectEveryOutputWithinCap(outputs)
    const snapshot = JSON.parse(outputs.snapshot!) as Snapshot & Record<string, unknown>
    // The rule: the reason stays whole (within its 64 KiB), labels keep all that fit, excluded
    // paths what is left, and the marker names what was cut.
    expect(snapshot.ReasonMessage).toBe(s.ReasonMessage)
    expect(snapshot.Labels).toEqual(s.Labels)
    expect(snapshot[SNAPSHOT_CUT_FIELD]).toEqual(['ExcludePaths'])
    const kept = snapshot.ExcludePaths!
    expect(kept).toEqual(s.ExcludePaths!.slice(0, kept.length))
    expect(kept.length).toBeGreaterThan(100)
    // Cut no more than it had to: one more path would not have fitted.
    const oneMore = { ...snapshot, ExcludePaths: s.ExcludePaths!.slice(0, kept.length + 1) }
    expect(bytes(JSON.stringify(oneMore))).toBeGreaterThan(MAX_OUTPUT_BYTES)
  })

  it('fits for the largest snapshot the response checks let through, as valid JSON', () => {
    for (const fill of [CONTROL, '"', '\u2028', '€', ASTRAL]) {
      const s = worstSnapshot(fill)
      const { outputs } = outputsFromOutcomes([failedWith(s)], step)
      expectEveryOutputWithinCap(outputs)
      const snapshot = JSON.parse(outputs.snapshot!) as Snapshot & Record<string, unknown>
      expect(snapshot[SNAPSHOT_CUT_FIELD]).toEqual(['ReasonMessage', 'Labels', 'ExcludePaths'])
      expect(snapshot.ReasonMessage).toMatch(/… \(\d+ more characters cut\)$/)
      expect(snapshot.ImageUrl).toBe(s.ImageUrl)
      expect(snapshot.Labels).toEqual(s.Labels!.slice(0, snapshot.Labels!.length))
      expect(snapshot.ExcludePaths).toEqual(s.ExcludePaths!.slice(0, snapshot.ExcludePaths!.length))
    }
  })

  it('keeps the identity alone, naming every other field, when even single fields are too long', () => {
    // Longer than any answer may be today; the output holds whatever the shapes allow tomorrow.
    const s: Snapshot = { ...worstSnapshot(), ImageUrl: CONTROL.repeat(200_000) }
    const { outputs } = outputsFromOutcomes([failedWith(s)], step)
    expectEveryOutputWithinCap(outputs)
    expect(JSON.parse(outputs.snapshot!)).toEqual({
      InstanceId: 'dsw-1',
      SnapshotId: 'snp-1',
      Status: 'Failed',
      [SNAPSHOT_CUT_FIELD]: [
        'RequestId',
        'SnapshotName',
        'ImageId',
        'ImageUrl',
        'ReasonCode',
        'ReasonMessage',
        'GmtCreateTime',
        'GmtModifiedTime',
        'Labels',
        'ExcludePaths'
      ]
    })
  })

  it('names only the fields the snapshot has when it keeps the identity alone', () => {
    const s: Snapshot = { SnapshotId: 'snp-1', Status: 'Failed', ImageUrl: CONTROL.repeat(200_000) }
    const { outputs } = outputsFromOutcomes([failedWith(s)], step)
    expect(JSON.parse(outputs.snapshot!)).toEqual({
      SnapshotId: 'snp-1',
      Status: 'Failed',
      [SNAPSHOT_CUT_FIELD]: ['ImageUrl']
    })
  })

  it('fills the output to the byte when both lists are cut, and adds no list it lacked', () => {
    // Small entries, so that a few bytes more or less room change what is kept.
    const labels = Array.from({ length: 60_000 }, (_, i) => ({ Key: `k${i}` }))
    const s: Snapshot = { SnapshotId: 'snp-1', Status: 'Failed', Labels: labels }
    const both: Snapshot = { ...s, ExcludePaths: Array.from({ length: 100 }, () => '') }
    for (const [snapshot, cut] of [
      [s, ['Labels']],
      [both, ['Labels', 'ExcludePaths']]
    ] as const) {
      const { outputs } = outputsFromOutcomes([failedWith(snapshot)], step)
      const kept = JSON.parse(outputs.snapshot!) as Snapshot & Record<string, unknown>
      expect(kept[SNAPSHOT_CUT_FIELD]).toEqual(cut)
      expect(Object.keys(kept)).toEqual(Object.keys({ ...snapshot, [SNAPSHOT_CUT_FIELD]: 0 }))
      expect(bytes(outputs.snapshot!)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES)
      const last = cut.at(-1) as 'Labels' | 'ExcludePaths'
      const items = snapshot[last] as unknown[]
      const oneMore = { ...kept, [last]: items.slice(0, (kept[last] as unknown[]).length + 1) }
      expect(bytes(JSON.stringify(oneMore))).toBeGreaterThan(MAX_OUTPUT_BYTES)
    }
  })

  it('has no marker when nothing was cut', () => {
    const s: Snapshot = { SnapshotId: 'snp-1', Status: 'Failed', ReasonMessage: CONTROL.repeat(10) }
    const { outputs } = outputsFromOutcomes([failedWith(s)], step)
    expect(JSON.parse(outputs.snapshot!)).toEqual(s)
  })
})

describe('the other outputs', () => {
  it('keep labels, excluded paths and the reason within the limit, characters whole', () => {
    for (const fill of [CONTROL, ASTRAL]) {
      const { outputs } = outputsFromOutcomes([failedWith(worstSnapshot(fill))], step)
      expectEveryOutputWithinCap(outputs)
      expect(Object.keys(JSON.parse(outputs.labels!)).length).toBeGreaterThan(50)
      expect((JSON.parse(outputs['exclude-paths']!) as string[]).length).toBeGreaterThan(20)
      expect(outputs['reason-message']).toMatch(/… \(\d+ more characters cut\)$/)
    }
  })

  it('keep snapshots within the limit for thousands of worst-case reasons', () => {
    const outcomes = Array.from({ length: 3000 }, (_, i) =>
      failedWith({ SnapshotId: `snp-${i}`, Status: 'Failed', ReasonMessage: CONTROL.repeat(5000) })
    )
    const { json, omitted } = snapshotsOutput(outcomes)
    expect(bytes(json)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES)
    expect((JSON.parse(json) as unknown[]).length + omitted).toBe(3000)
  })
})
