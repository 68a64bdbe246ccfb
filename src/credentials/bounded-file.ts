import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { CredentialsError } from '../errors.js'

/** A token, a CLI config, a credentials file: a few KiB each. */
export const MAX_CREDENTIAL_FILE_BYTES = 64 * 1024

/** The file is not there: for the files whose absence means "not configured". */
export class FileAbsent extends CredentialsError {}

/**
 * Reads a small regular file, or fails naming it (`what`, which names the file). Opened without
 * blocking and checked on the open descriptor, so a FIFO, a device or a directory is refused at
 * once (never waited on), and the file cannot be swapped between the check and the read.
 */
export function readCredentialFile(path: string, what: string): string {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error'
    if (code === 'ENOENT') throw new FileAbsent(`${what} does not exist`)
    throw new CredentialsError(`${what} cannot be read (${code})`)
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new CredentialsError(`${what} is not a regular file`)
    if (stats.size > MAX_CREDENTIAL_FILE_BYTES) {
      throw new CredentialsError(
        `${what} is ${stats.size} bytes, more than the ${MAX_CREDENTIAL_FILE_BYTES} it may have`
      )
    }
    return readAll(fd, what)
  } finally {
    closeSync(fd)
  }
}

/** Reads to the end, one byte past the limit at most: the file may have grown since fstat. */
function readAll(fd: number, what: string): string {
  const buffer = Buffer.alloc(MAX_CREDENTIAL_FILE_BYTES + 1)
  let length = 0
  for (;;) {
    let read: number
    try {
      read = readSync(fd, buffer, length, buffer.length - length, null)
    } catch (error) {
      throw new CredentialsError(
        `${what} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'an error'})`
      )
    }
    if (read === 0) break
    length += read
    if (length > MAX_CREDENTIAL_FILE_BYTES) {
      throw new CredentialsError(`${what} is more than ${MAX_CREDENTIAL_FILE_BYTES} bytes`)
    }
  }
  return buffer.toString('utf8', 0, length)
}
