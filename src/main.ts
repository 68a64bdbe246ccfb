import * as core from '@actions/core'
import { PaiDswClient } from './aliyun/pai-dsw-client.js'
import { type Clock, systemClock } from './clock.js'
import { createCredentialProvider } from './credentials/provider.js'
import { formatDuration } from './duration.js'
import { ApiError, CredentialsError, InputError, errorMessage } from './errors.js'
import { type Transport, createUndiciTransport } from './http/transport.js'
import { type Env, type Inputs, parseInputs } from './action/inputs.js'
import {
  type Outputs,
  firstThatFits,
  outputsBeforeWait,
  outputsFromOutcomes
} from './action/outputs.js'
import { createRateLimiter, rateLimitedTransport } from './http/rate-limiter.js'
import { type InstanceSelection, singleInstance } from './check/instances.js'
import { checkInstancesWatched } from './action/progress.js'
import { ANNOTATIONS_PER_STEP, type Log, log } from './action/log.js'
import { cut, plural } from './text.js'
import { writeJobSummary } from './action/summary.js'
import type { WaitOutcome } from './check/waiter.js'
import type { CheckDependencies } from './check/instance-check.js'
import { Deadline } from './polling/deadline.js'
import { inReportOrder } from './action/report-order.js'

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
 * Sets outputs, each value once: one set early (a created snapshot's ID) is not repeated. Every
 * value passes the one size rule here, on the string the runner gets.
 */
function outputWriter(runner: Runner): (outputs: Outputs) => void {
  const written = new Map<string, string>()
  return outputs => {
    for (const [name, full] of Object.entries(outputs)) {
      const value = firstThatFits([full])
      if (written.get(name) === value) continue
      written.set(name, value)
      runner.setOutput(name, value)
    }
  }
}

/** The instances of the step, for the log: `instance dsw-1`, `instances dsw-1, dsw-2`. */
function describeInstances(instances: InstanceSelection): string {
  if (instances.kind === 'all') return 'every instance selected'
  const [only, ...more] = instances.ids
  return more.length ? `instances ${instances.ids.join(', ')}` : `instance ${only}`
}

/** What the step waits for, as its first log line says it. */
function describeSelection(inputs: Inputs): string {
  const { snapshots: selection } = inputs
  const instances = describeInstances(inputs.instances)
  switch (selection.kind) {
    case 'ids':
      return `snapshot ${selection.ids.join(', ')} of ${instances}`
    case 'new':
      return `a new snapshot ${selection.snapshot.snapshotName} of ${instances}`
    case 'latest':
      return `the latest snapshot of ${instances}`
    default:
      return `every snapshot of ${instances}`
  }
}

/** Longest list of failed snapshots in the final error; the summary and `snapshots` have all. */
const MAX_LISTED_FAILURES = 20

/**
 * The action: the one place where every ending becomes outputs plus, if need be, a failure.
 * The default runtime is for `@github/local-action`, which calls `run()` with no arguments.
 */
export async function run(deps: Runtime = githubRuntime()): Promise<void> {
  const { runner } = deps
  const setOutputs = outputWriter(runner)
  let outputs: Outputs | undefined
  try {
    const inputs = parseInputs(
      name => runner.getInput(name),
      deps.env,
      runner.setSecret,
      deps.clock.now()
    )
    const started = deps.clock.now()
    // A cleanup step must learn what was made even if the wait then fails or is cancelled.
    const onCreated = (snapshotId: string) => setOutputs({ 'snapshot-id': snapshotId })
    const tooOld = new Map<string, number>()
    const onTooOld = (instanceId: string, count: number) => tooOld.set(instanceId, count)
    const { outcomes, requests } = await checkWithClient(inputs, deps, { onCreated, onTooOld })
    const now = deps.clock.now()
    const step = { ...stepFacts(inputs, tooOld), requests, waitedMs: now - started, now }
    const { outputs: ended, snapshotsOmitted } = outputsFromOutcomes(outcomes, step)
    outputs = ended
    setOutputs(outputs)
    if (snapshotsOmitted) {
      runner.log.warning(
        `The snapshots output leaves out ${snapshotsOmitted} of ${outcomes.length} snapshots ` +
          '(successes first) to stay under the 1 MB limit of an output; the job summary counts them all'
      )
    }
    if (inputs.jobSummary) await writeJobSummary(outcomes, step, deps.env)

    const listedIn = inputs.jobSummary ? 'the job summary' : 'the snapshots output'
    reportEnding(outcomes, runner.log, listedIn)
  } catch (error) {
    // Bad inputs, or a bug: later steps still learn that this step ended in error.
    const cancelled = deps.signal?.aborted === true
    if (!outputs) setOutputs(outputsBeforeWait(cancelled ? 'cancelled' : 'error'))
    // Expected failures explain themselves; anything else is a bug, whose stack helps with debug on.
    const explained = [InputError, ApiError, CredentialsError].some(type => error instanceof type)
    if (!explained && error instanceof Error) {
      runner.log.debug(error.stack ?? '')
    }
    runner.log.fail(cancelled ? `Cancelled: ${errorMessage(error)}` : errorMessage(error))
  } finally {
    runner.log.closeWarnings()
  }
}

/**
 * Error annotations the failures may take: GitHub shows 10 per step, and failing the step takes
 * one of them.
 */
const FAILURE_ANNOTATIONS = ANNOTATIONS_PER_STEP - 1

/** The step's last word: the image of each success, or the failures as annotations and error. */
function reportEnding(outcomes: readonly WaitOutcome[], log: Log, listedIn: string): void {
  const failed = inReportOrder(outcomes).filter(o => o.result !== 'success')
  if (failed.length === 0) {
    for (const o of outcomes) log.info(`${o.message}: ${o.imageUrl}`)
  } else if (outcomes.length === 1) {
    log.fail(failed[0]!.message)
  } else {
    annotateFailures(failed, log, listedIn)
    const listed = failed.slice(0, MAX_LISTED_FAILURES).map(o => `- ${cut(o.message, 500)}`)
    if (failed.length > listed.length) listed.push(`- … and ${failed.length - listed.length} more`)
    log.fail(`${failed.length} of ${outcomes.length} snapshots did not succeed:`, ...listed)
  }
}

/** One annotation per failure, worst first, as many as GitHub shows; the last says what is left. */
function annotateFailures(failed: readonly WaitOutcome[], log: Log, listedIn: string): void {
  const shown = failed.slice(0, FAILURE_ANNOTATIONS)
  const more = failed.length - shown.length
  shown.forEach((o, i) => {
    const what = o.snapshotId ? `Snapshot ${o.snapshotId}` : `Instance ${o.instanceId ?? ''}`
    const last = more > 0 && i === shown.length - 1
    const note = last
      ? ` (and ${plural(more, 'more snapshot')} that did not succeed: ${listedIn} lists them all)`
      : ''
    log.error(`${o.message}${note}`, `${what} (${o.result})${last ? ` and ${more} more` : ''}`)
  })
}

/** What the summary and the outputs need to know of the step besides its outcomes. */
function stepFacts(inputs: Inputs, tooOld: ReadonlyMap<string, number>) {
  const { snapshots } = inputs
  const maxAgeMs =
    snapshots.kind === 'latest' || snapshots.kind === 'all' ? snapshots.maxAgeMs : undefined
  return {
    // One instance: its ID; several: each outcome names its own.
    instanceId: singleInstance(inputs.instances) ?? '',
    created: snapshots.kind === 'new' ? snapshots.snapshot : undefined,
    tooOld: maxAgeMs === undefined ? undefined : { maxAgeMs, byInstance: tooOld }
  }
}

async function checkWithClient(
  inputs: Inputs,
  deps: Runtime,
  hooks: Pick<CheckDependencies, 'onCreated' | 'onTooOld'>
): Promise<{ outcomes: WaitOutcome[]; requests: number }> {
  // One rate limit for every API call, and one deadline once the check starts: none after it.
  let deadline: Deadline | undefined
  const limiter = createRateLimiter(inputs.maxRequestsPerSecond, deps.clock)
  const transport = rateLimitedTransport(deps.createTransport(deps.env), limiter, () => deadline)
  const { runner } = deps
  const { log } = runner
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
  const what = `${describeSelection(inputs)} at ${inputs.endpoint.host}`
  log.info(
    inputs.timeoutMs === 0
      ? `Checking ${what} once (timeout 0: no waiting)`
      : `Waiting up to ${formatDuration(inputs.timeoutMs)} for ${what}`
  )
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
