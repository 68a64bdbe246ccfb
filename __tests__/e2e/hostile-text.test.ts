// The hostile-server suite (issue 9), part 1 of 2, through `node dist/index.js` against the
// emulator: text from the network in every field, and megabyte strings. Every run must leave the
// runner nothing it did not mean: see expectNoInjection() in untrusted-output.ts. Part 2 is
// hostile.test.ts (split so that the two run in parallel).
import { describe, expect, it } from '@jest/globals'
import type { ActionRun } from '../../scripts/local-runner.mjs'
import type { EmulatorOptions } from '../helpers/emulator-per-test.js'
import {
  ID,
  IMAGE,
  ONE_MIB,
  REQUEST_ID,
  answerWith,
  failed,
  hostileRuns,
  snapshot,
  snapshotIdsOf
} from '../helpers/hostile-server.js'
import { expectNoInjection } from '../helpers/untrusted-output.js'

const { emulate, run } = hostileRuns()

const PAYLOADS = [
  ['a line break and set-output', 'x\n::set-output name=image-url::evil'],
  ['a bare CR and set-output', 'x\r::set-output name=image-url::evil'],
  ['a legacy ##[set-output]', 'x ##[set-output name=image-url;]evil'],
  ['stop-commands', 'x\n::stop-commands::pwned'],
  ['ANSI escapes', '\u001b[31mred\u001b[0m'],
  [
    'Markdown and HTML',
    '</td></tr></table>\n\n# Owned\n![x](http://evil.example/x.png)<script>alert(1)</script>'
  ]
] as const

interface Injection {
  options: EmulatorOptions
  inputs?: Record<string, string>
  /** The ImageUrl the server sends, if any. */
  imageUrl?: string
}

/** Where each outside field is sent, and what the run is then told. */
const FIELDS: [string, (payload: string) => Injection][] = [
  ['Status', p => ({ options: { snapshots: [snapshot(1, { fields: { Status: p } })] } })],
  ['ImageUrl', p => ({ options: { snapshots: [snapshot(1, { imageUrl: p })] }, imageUrl: p })],
  ['SnapshotName', p => ({ options: { snapshots: [snapshot(1, { snapshotName: p })] } })],
  ['ReasonCode', p => ({ options: { snapshots: [snapshot(1, failed({ reasonCode: p }))] } })],
  ['ReasonMessage', p => ({ options: { snapshots: [snapshot(1, failed({ reasonMessage: p }))] } })],
  [
    'ReasonMessage, in a fleet',
    p => ({
      options: { snapshots: [snapshot(1, failed({ reasonMessage: p })), snapshot(2)] },
      inputs: { 'snapshot-id': 'all' }
    })
  ],
  [
    'a Labels Key',
    p => ({ options: { snapshots: [snapshot(1, { labels: [{ Key: p, Value: 'v' }] })] } })
  ],
  [
    'a Labels Value',
    p => ({ options: { snapshots: [snapshot(1, { labels: [{ Key: 'k', Value: p }] })] } })
  ],
  [
    'GmtCreateTime',
    p => ({ options: { snapshots: [snapshot(1, { fields: { GmtCreateTime: p } })] } })
  ],
  [
    'the RequestId of an answer',
    p => ({ options: { snapshots: [snapshot(1, { fields: { RequestId: p } })] } })
  ],
  [
    'the RequestId of an error',
    p => ({
      options: {
        faults: [answerWith(400, { RequestId: p, Code: 'InvalidParameter', Message: 'bad' })]
      }
    })
  ],
  [
    'the Code of an error',
    p => ({
      options: { faults: [answerWith(400, { RequestId: REQUEST_ID, Code: p, Message: 'bad' })] }
    })
  ],
  [
    'the Message of an error',
    p => ({
      options: {
        faults: [answerWith(400, { RequestId: REQUEST_ID, Code: 'InvalidParameter', Message: p })]
      }
    })
  ],
  [
    'a SnapshotId in a listing',
    p => ({
      options: { snapshots: [snapshot(1, { fields: { SnapshotId: p } }), snapshot(2)] },
      inputs: { 'snapshot-id': 'all' }
    })
  ]
]

describe('(a) outside text in every field is never a command, an output or Markdown', () => {
  describe.each(FIELDS)('%s', (_field, inject) => {
    it.each(PAYLOADS)('with %s', async (_name, payload) => {
      const { options, inputs, imageUrl = IMAGE } = inject(payload)
      const emu = await emulate(options)
      const result = await run(emu.url, inputs)
      expectNoInjection(result, { imageUrl: options.faults ? undefined : imageUrl })
      expect(result.outputs['image-url']).not.toBe('evil')
    })
  })
})

/** A failed run whose summary and `snapshots` output stay under 1 MiB, long texts cut. */
function expectFailureReportWithin1MiB(result: ActionRun, snapshotIds: string[]) {
  expectNoInjection(result, { imageUrl: IMAGE })
  expect(result.exitCode).toBe(1)
  expect(result.outputs.result).toBe('failure')
  expect(result.summary).not.toBe('')
  expect(Buffer.byteLength(result.summary)).toBeLessThan(ONE_MIB)
  // The summary's reason cells are cut with the marker `cut` writes (its parentheses escaped).
  expect(result.summary).toMatch(/… &#40;\d+ more characters cut&#41;/)
  expect(Buffer.byteLength(result.outputs.snapshots ?? '')).toBeLessThan(ONE_MIB)
  expect(snapshotIdsOf(result).sort()).toEqual([...snapshotIds].sort())
}

describe('(b) megabyte strings', () => {
  it('a 900 KB ReasonMessage in a listing: cut in the log, summary and outputs', async () => {
    const reason = 'registry quota exceeded; '.repeat(36_000)
    const emu = await emulate({
      snapshots: [snapshot(1, failed({ reasonMessage: reason })), snapshot(2), snapshot(3)]
    })
    const result = await run(emu.url, { 'snapshot-id': 'all' })
    expectFailureReportWithin1MiB(result, [ID, 'snp-0002', 'snp-0003'])
    // Very long text is cut wherever it shows: the whole reason is nowhere in the log.
    expect(result.log).not.toContain(reason)
    expect(result.log.length).toBeLessThan(reason.length)
  })

  it('250 failed snapshots with 5 KB reasons: a summary and output under 1 MiB, reasons cut', async () => {
    const snapshots = Array.from({ length: 250 }, (_, i) =>
      snapshot(i + 1, failed({ reasonMessage: `${i + 1}: ${'disk full; '.repeat(465)}` }))
    )
    const emu = await emulate({ snapshots })
    const result = await run(emu.url, { 'snapshot-id': 'all', timeout: '5s' })
    expectFailureReportWithin1MiB(
      result,
      snapshots.map(s => s.snapshotId)
    )
  })
})
