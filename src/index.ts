import { githubRuntime, run } from './main.js'

// The runner cancels a job with SIGINT, then SIGTERM: stop waiting, report, and exit non-zero.
const cancel = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => cancel.abort())

await run(githubRuntime(cancel.signal))
