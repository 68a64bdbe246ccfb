import { describe, expect, it } from '@jest/globals'
import {
  ANNOTATIONS_PER_STEP,
  annotateFailures,
  cappedLog
} from '../../src/action/github-limits.js'
import { recordingLog } from '../helpers/recording-log.js'
import type { WaitOutcome } from '../../src/check/waiter.js'

const failure = (i: number): WaitOutcome => ({
  result: i % 2 ? 'failure' : 'timeout',
  message: `snapshot ${i} did not make it`,
  snapshotId: `snp-${i}`,
  attempts: 1,
  waitedMs: 0,
  timeline: []
})

describe('the annotation limit', () => {
  it('turns warnings past the limit into log lines, and says how many at the end', () => {
    const { log, lines } = recordingLog()
    const capped = cappedLog(log)
    for (let i = 1; i <= 12; i++) capped.warning(`w${i}`)
    capped.closeWarnings()
    const annotations = lines.filter(line => line.startsWith('warning: '))
    expect(annotations).toHaveLength(ANNOTATIONS_PER_STEP)
    expect(annotations.slice(0, 9)).toEqual(
      Array.from({ length: 9 }, (_, i) => `warning: w${i + 1}`)
    )
    expect(lines).toContain('info: Warning: w10')
    expect(lines).toContain('info: Warning: w12')
    expect(annotations.at(-1)).toBe(
      'warning: 3 more warnings in the log, on lines that start with "Warning:" ' +
        '(GitHub shows 10 warning annotations per step)'
    )
    // Said once: a second close adds nothing.
    capped.closeWarnings()
    expect(lines.filter(line => line.startsWith('warning: '))).toHaveLength(ANNOTATIONS_PER_STEP)
  })

  it('says nothing at the end when every warning got its annotation', () => {
    const { log, lines } = recordingLog()
    const capped = cappedLog(log)
    for (let i = 1; i <= 9; i++) capped.warning(`w${i}`)
    capped.closeWarnings()
    expect(lines).toHaveLength(9)
    expect(lines.every(line => line.startsWith('warning: w'))).toBe(true)
  })

  it('keeps one error annotation for the failed step, the last failure shown saying what is left', () => {
    const { log, lines } = recordingLog()
    annotateFailures(
      log,
      Array.from({ length: 12 }, (_, i) => failure(i)),
      'the job summary'
    )
    expect(lines).toHaveLength(ANNOTATIONS_PER_STEP - 1)
    expect(lines[0]).toBe('error: Snapshot snp-0 (timeout) | snapshot 0 did not make it')
    expect(lines.at(-1)).toBe(
      'error: Snapshot snp-8 (timeout) and 3 more | snapshot 8 did not make it (and 3 more ' +
        'snapshots that did not succeed: the job summary lists them all)'
    )
  })

  it('annotates every failure when they fit, naming an instance when there is no snapshot', () => {
    const { log, lines } = recordingLog()
    const noSnapshot = { ...failure(1), snapshotId: '', instanceId: 'dsw-7' }
    annotateFailures(log, [failure(2), noSnapshot], 'the snapshots output')
    expect(lines).toEqual([
      'error: Snapshot snp-2 (timeout) | snapshot 2 did not make it',
      'error: Instance dsw-7 (failure) | snapshot 1 did not make it'
    ])
  })
})
