// src/index.ts, the entry point: it runs the action once, with a signal that the runner's cancel
// (SIGINT, then SIGTERM) aborts. The end-to-end tests cancel dist/index.js for real; this checks
// the source, with run() stubbed so that importing it runs nothing else.
import { afterEach, describe, expect, it, jest } from '@jest/globals'

const SIGNALS = ['SIGINT', 'SIGTERM'] as const
type Signal = (typeof SIGNALS)[number]
const added: [Signal, () => void][] = []

/** Imports the entry point afresh; returns the signal its run() got and its new handlers. */
async function start() {
  const before = new Map(SIGNALS.map(name => [name, process.listeners(name)]))
  const runs: AbortSignal[] = []
  jest.resetModules()
  jest.unstable_mockModule('../src/main.js', () => ({
    githubRuntime: (signal: AbortSignal) => ({ signal }),
    run: async (runtime: { signal: AbortSignal }) => {
      runs.push(runtime.signal)
    }
  }))
  await import('../src/index.js')
  const handlers = (name: Signal) =>
    (process.listeners(name) as (() => void)[]).filter(l => !before.get(name)!.includes(l))
  for (const name of SIGNALS) for (const handler of handlers(name)) added.push([name, handler])
  return { runs, handlers }
}

afterEach(() => {
  for (const [name, handler] of added.splice(0)) process.removeListener(name, handler)
})

describe('the entry point', () => {
  it.each(SIGNALS)('runs the action once, and %s aborts its signal', async name => {
    const { runs, handlers } = await start()
    expect(runs).toHaveLength(1)
    expect(runs[0]!.aborted).toBe(false)
    expect(handlers(name)).toHaveLength(1)
    handlers(name)[0]!()
    expect(runs[0]!.aborted).toBe(true)
  })
})
