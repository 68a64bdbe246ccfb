import type { ChildProcess } from 'node:child_process'
import type { Emulator } from './emulator-per-test.js'

/** The step's final error, as the runner's log shows it ('' when it did not fail). */
export const errorLine = (log: string): string =>
  log.split('\n').find(line => line.startsWith('::error::')) ?? ''

/** Every error line, annotations with a title included. */
export const errorLines = (log: string): string[] =>
  log.split('\n').filter(line => line.startsWith('::error'))

/** The requests the emulator received for one API action. */
export const callsTo = (emu: Emulator, action: string) =>
  emu.requests.filter(request => request.action === action)

/**
 * An `onSpawn` that sends the action `signal` as soon as `ready()` holds (say, once its first
 * request has arrived), as the runner does when a job is cancelled.
 */
export function killWhen(ready: () => boolean, signal: NodeJS.Signals) {
  return (child: ChildProcess) => {
    const poll = setInterval(() => {
      if (!ready()) return
      clearInterval(poll)
      child.kill(signal)
    }, 10)
    child.on('exit', () => clearInterval(poll))
  }
}
