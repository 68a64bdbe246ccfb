// The credential files are read only when small and regular (issue 29, item 5): what happens when
// opening or reading fails for another reason, when a file outgrows what fstat said, and that no
// descriptor is left open on any path. Linux: /proc gives files that fail or grow on read.
import { describe, expect, it } from '@jest/globals'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  FileAbsent,
  MAX_CREDENTIAL_FILE_BYTES,
  readCredentialFile
} from '../../src/credentials/bounded-file.js'
import { CredentialsError } from '../../src/errors.js'

/** What readCredentialFile throws for this path. */
function refusal(path: string): Error {
  try {
    readCredentialFile(path, `The file ${path}`)
  } catch (error) {
    return error as Error
  }
  throw new Error(`expected ${path} to be refused`)
}

/** A process whose environment (its /proc/<pid>/environ) is `bytes` long or more. */
async function processWithEnvironment(bytes: number): Promise<ChildProcess> {
  const child = spawn('sleep', ['60'], { env: { BULK: 'x'.repeat(bytes) }, stdio: 'ignore' })
  await once(child, 'spawn')
  return child
}

describe('readCredentialFile', () => {
  it('names the reason when a path cannot be opened for another reason than absence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bounded-file-'))
    try {
      const notADirectory = join(dir, 'token')
      writeFileSync(notADirectory, 'eyJ')
      const error = refusal(join(notADirectory, 'inside'))
      expect(error).toBeInstanceOf(CredentialsError)
      expect(error).not.toBeInstanceOf(FileAbsent)
      expect(error.message).toBe(`The file ${notADirectory}/inside cannot be read (ENOTDIR)`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names the reason when reading an opened regular file fails', () => {
    // The process's own memory, read from address 0, which is never mapped: EIO.
    const error = refusal('/proc/self/mem')
    expect(error).toBeInstanceOf(CredentialsError)
    expect(error.message).toBe('The file /proc/self/mem cannot be read (EIO)')
  })

  it('stops one byte past the limit when a file is longer than fstat said', async () => {
    // A /proc file has a size of 0 until it is read: as a file that grew after fstat.
    const child = await processWithEnvironment(MAX_CREDENTIAL_FILE_BYTES + 100)
    try {
      const environ = `/proc/${child.pid}/environ`
      expect(refusal(environ).message).toBe(`The file ${environ} is more than 65536 bytes`)
    } finally {
      child.kill()
    }
  })

  it('reads a file that fstat gives no size, up to the limit', async () => {
    const child = await processWithEnvironment(100)
    try {
      const environ = readCredentialFile(`/proc/${child.pid}/environ`, 'The file')
      expect(environ).toBe(`BULK=${'x'.repeat(100)}\0`)
    } finally {
      child.kill()
    }
  })

  it('closes the file on every path: read, refused, failed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bounded-file-'))
    try {
      const small = join(dir, 'small')
      writeFileSync(small, 'abc')
      const big = join(dir, 'big')
      writeFileSync(big, 'x'.repeat(MAX_CREDENTIAL_FILE_BYTES + 1))
      const openFiles = () => readdirSync('/proc/self/fd').length
      const before = openFiles()
      for (let round = 0; round < 5; round++) {
        expect(readCredentialFile(small, 'The file')).toBe('abc')
        expect(refusal(big)).toBeInstanceOf(CredentialsError)
        expect(refusal(dir)).toBeInstanceOf(CredentialsError)
        expect(refusal('/proc/self/mem')).toBeInstanceOf(CredentialsError)
      }
      expect(openFiles()).toBe(before)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
