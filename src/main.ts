import * as core from '@actions/core'
import { PaiDswClient } from './aliyun/pai-dsw-client.js'
import { type Clock, systemClock } from './clock.js'
import { createCredentialProvider } from './credentials/provider.js'
import { type Transport, createUndiciTransport } from './http/transport.js'
import { type Env, type Inputs, parseInputs } from './action/inputs.js'
import { createRateLimiter, rateLimitedTransport } from './http/rate-limiter.js'
import { checkInstancesWatched } from './action/progress.js'
import { type Log, log } from './action/log.js'
import { StepReport, startLine, stepFacts } from './action/report.js'
import type { WaitOutcome } from './check/waiter.js'
import type { CheckDependencies } from './check/instance-check.js'
import { Deadline } from './polling/deadline.js'

/** The step's side of the runner: inputs, outputs, secrets, the OIDC token and the log. */
export interface Runner {
  getInput(name: string): string
  setOutput(name: string, value: string): void
  /** Masks a secret in everything the step prints from now on. */
  setSecret(secret: string): void
  getIDToken(audience?: string): Promise<string>
  log: Log
}

/** What the step runs with; fixed at the edge, injected into the layers below. */
export interface Runtime {
  env: Env
  clock: Clock
  random: () => number
  /** Aborted when the runner cancels the job. */
  signal?: AbortSignal
  /** Makes the transport every request of the step goes through. */
  createTransport(env: Env): Transport
  runner: Runner
}

/** The runtime on a GitHub runner: the process's environment, the system clock, undici. */
export function githubRuntime(signal?: AbortSignal): Runtime {
  return {
    env: process.env,
    clock: systemClock,
    random: Math.random,
    signal,
    createTransport: createUndiciTransport,
    runner: {
      getInput: name => core.getInput(name),
      setOutput: (name, value) => core.setOutput(name, value),
      setSecret: secret => core.setSecret(secret),
      getIDToken: audience => core.getIDToken(audience),
      log
    }
  }
}

/**
 * The action: inputs, the check, and its report — the one place where every ending becomes
 * outputs plus, if need be, a failure. The default runtime is for `@github/local-action`, which
 * calls `run()` with no arguments.
 */
export async function run(deps: Runtime = githubRuntime()): Promise<void> {
  const report = new StepReport(deps.runner)
  try {
    const { runner, clock } = deps
    const inputs = parseInputs(
      name => runner.getInput(name),
      deps.env,
      runner.setSecret,
      clock.now()
    )
    const started = clock.now()
    // A cleanup step must learn what was made even if the wait then fails or is cancelled.
    const onCreated = (snapshotId: string) => report.setOutputs({ 'snapshot-id': snapshotId })
    const tooOld = new Map<string, number>()
    const onTooOld = (instanceId: string, count: number) => tooOld.set(instanceId, count)
    const hooks = { onCreated, onTooOld }
    const { outcomes, requests } = await checkWithClient(inputs, deps, report.log, hooks)
    const now = clock.now()
    const step = { ...stepFacts(inputs, tooOld), requests, waitedMs: now - started, now }
    await report.checked(outcomes, step, inputs, deps.env)
  } catch (error) {
    // Bad inputs, or a bug: later steps still learn that this step ended in error.
    report.failed(error, deps.signal?.aborted === true)
  } finally {
    report.close()
  }
}

async function checkWithClient(
  inputs: Inputs,
  deps: Runtime,
  log: Log,
  hooks: Pick<CheckDependencies, 'onCreated' | 'onTooOld'>
): Promise<{ outcomes: WaitOutcome[]; requests: number }> {
  // One rate limit for every API call, and one deadline once the check starts: none after it.
  let deadline: Deadline | undefined
  const limiter = createRateLimiter(inputs.maxRequestsPerSecond, deps.clock)
  const transport = rateLimitedTransport(deps.createTransport(deps.env), limiter, () => deadline)
  const { runner } = deps
  // The ECS metadata service is reached directly: an environment without proxy settings.
  const metadataTransport = deps.createTransport({})
  const credentials = createCredentialProvider(inputs.credentials, {
    ...deps,
    getIDToken: audience => runner.getIDToken(audience),
    transport,
    metadataTransport,
    maskSecret: secret => runner.setSecret(secret),
    requestTimeoutMs: inputs.requestTimeoutMs,
    log
  })
  const client = new PaiDswClient({
    endpoint: inputs.endpoint,
    credentials: () => credentials.get(),
    transport,
    requestTimeoutMs: inputs.requestTimeoutMs,
    now: () => new Date(deps.clock.now()),
    signal: deps.signal,
    onClockSkew: log.warning
  })
  log.info(startLine(inputs))
  try {
    // Credentials that cannot be had fail here, before any PAI-DSW request; only then is the
    // source known for sure (the runner's own identity is found by probing).
    await credentials.get()
    log.info(`Credentials: ${credentials.description}`)
    // The timeout is the check's: loading the HTTP client on a busy runner does not eat into it.
    await transport.prepare?.()
    deadline = Deadline.start(deps.clock, inputs.timeoutMs)
    const outcomes = await checkInstancesWatched(
      { ...inputs, deadline },
      {
        client,
        clock: deps.clock,
        random: deps.random,
        log,
        signal: deps.signal,
        ...hooks
      }
    )
    return { outcomes, requests: client.requestCount }
  } finally {
    await Promise.all([transport.close(), metadataTransport.close()])
  }
}
