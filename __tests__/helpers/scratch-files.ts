import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A directory of a test's own, and the files it writes there: plain files, FIFOs, fresh names. */
export function scratchFiles(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  let made = 0
  /** A fresh path in the directory, nothing made there yet. */
  const path = (name = 'file') => join(dir, `${name}-${++made}`)
  return {
    dir,
    path,
    fileWith(content: string): string {
      const at = path()
      writeFileSync(at, content)
      return at
    },
    /** A FIFO: a reader that opens it blocks until a writer does. */
    fifo(): string {
      const at = path('fifo')
      execFileSync('mkfifo', [at])
      return at
    },
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}
