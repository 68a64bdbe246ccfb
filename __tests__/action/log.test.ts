import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { createLog } from '../../src/action/log.js'

/** What the step wrote to the runner (its stdout), line by line. */
let written: string[]
let restore: () => void

beforeEach(() => {
  written = []
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(text => {
    written.push(...String(text).split(/\r?\n/).filter(Boolean))
    return true
  })
  const exitCode = process.exitCode
  restore = () => {
    write.mockRestore()
    process.exitCode = exitCode
  }
})

afterEach(() => restore())

describe('the step log', () => {
  it('writes each kind of line as the runner reads it, outside text made safe', () => {
    const log = createLog()
    log.info('::set-output name=x::y')
    log.warning('two\nlines')
    log.error('the service said ##[error]no', 'Snapshot snp-1 (failure)')
    log.debug('\u001b[31mred')
    expect(written).toEqual([
      '\\::set-output name=x::y',
      '::warning::two\\nlines',
      '::error title=Snapshot snp-1 (failure)::the service said ##\\[error]no',
      '::debug::\\u001b[31mred'
    ])
  })

  it('folds lines under a title, each line made safe on its own', () => {
    const log = createLog()
    log.group('Snapshots\nof dsw-1', ['snp-1 is Saved', '::stop-commands::token'])
    expect(written).toEqual([
      '::group::Snapshots\\nof dsw-1',
      'snp-1 is Saved',
      '\\::stop-commands::token',
      '::endgroup::'
    ])
  })

  it('cuts an annotation title to 200 characters', () => {
    createLog().error('why', 't'.repeat(300))
    const title = /^::error title=(.*)::why$/.exec(written[0]!)![1]!
    expect(title.startsWith('t'.repeat(200))).toBe(true)
    expect(title).not.toContain('t'.repeat(201))
  })

  it('fails the step with its lines, only the breaks between them kept', () => {
    createLog().fail('2 of 3 snapshots did not succeed:', '- snp-1: disk\nfull')
    // The runner reads %0A in a command as a line break.
    expect(written).toEqual(['::error::2 of 3 snapshots did not succeed:%0A- snp-1: disk\\nfull'])
    expect(process.exitCode).toBe(1)
  })
})
