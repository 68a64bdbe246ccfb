import { afterEach } from '@jest/globals'
import { startEmulator } from '../../emulator/server.mjs'

export type Emulator = Awaited<ReturnType<typeof startEmulator>>
export type EmulatorOptions = NonNullable<Parameters<typeof startEmulator>[0]>

/**
 * For a test file: returns a function that starts an emulator, and closes every emulator it
 * started after each test, so no server or stalled socket outlives its test.
 */
export function emulatorPerTest(): (options?: EmulatorOptions) => Promise<Emulator> {
  const running: Emulator[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map(emulator => emulator.close()))
  })
  return async options => {
    const emulator = await startEmulator(options)
    running.push(emulator)
    return emulator
  }
}
