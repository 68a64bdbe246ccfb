import * as core from '@actions/core'
import { PaiDswClient } from './client.js'
import { type Clock, systemClock } from './clock.js'
import { createCredentialProvider } from './credential-provider.js'
import { formatDuration } from './duration.js'
import { ApiError, CredentialsError, InputError, errorMessage } from './errors.js'
import type { IdTokenFetcher } from './github-id-token.js'
import { type Transport, createUndiciTransport } from './http.js'
import { type Env, type Inputs, parseInputs } from './inputs.js'
import { type Outputs, outputsBeforeWait, outputsFromOutcome } from './outputs.js'
import { writeJobSummary } from './summary.js'
import { type WaitOutcome, waitForSnapshot } from './waiter.js'

export interface RunDependencies {
  env: Env
  clock: Clock
  random: () => number
  createTransport: (env: Env) => Transport
  getIDToken: IdTokenFetcher
  /** Aborted when the runner cancels the job. */
  signal?: AbortSignal
}

const defaults: RunDependencies = {
  env: process.env,
  clock: systemClock,
  random: Math.random,
  createTransport: createUndiciTransport,
  getIDToken: audience => core.getIDToken(audience)
}

function setOutputs(outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

/** The action: the one place where every ending becomes outputs plus, if need be, `setFailed`. */
export async function run(overrides: Partial<RunDependencies> = {}): Promise<void> {
  const deps = { ...defaults, ...overrides }
  let outputs: Outputs | undefined
  try {
    const inputs = parseInputs(name => core.getInput(name), deps.env, core.setSecret)
    const outcome = await waitWithClient(inputs, deps)
    outputs = outputsFromOutcome(outcome, inputs)
    setOutputs(outputs)
    if (inputs.jobSummary) await writeJobSummary(outcome, inputs)
    if (outcome.result === 'success') core.info(`${outcome.message}: ${outcome.snapshot?.ImageUrl}`)
    else core.setFailed(outcome.message)
  } catch (error) {
    // Bad inputs, or a bug: later steps still learn that this step ended in error.
    if (!outputs) setOutputs(outputsBeforeWait('error'))
    // Expected failures explain themselves; anything else is a bug, whose stack helps with debug on.
    const explained = [InputError, ApiError, CredentialsError].some(type => error instanceof type)
    if (!explained && error instanceof Error) {
      core.debug(error.stack ?? '')
    }
    core.setFailed(errorMessage(error))
  }
}

async function waitWithClient(inputs: Inputs, deps: RunDependencies): Promise<WaitOutcome> {
  const transport = deps.createTransport(deps.env)
  const credentials = createCredentialProvider(inputs.credentials, {
    ...deps,
    transport,
    maskSecret: core.setSecret,
    requestTimeoutMs: inputs.requestTimeoutMs,
    log: { info: core.info, warning: core.warning }
  })
  const client = new PaiDswClient({
    endpoint: inputs.endpoint,
    credentials: () => credentials.get(),
    transport,
    requestTimeoutMs: inputs.requestTimeoutMs,
    signal: deps.signal
  })
  const subject = `snapshot ${inputs.snapshotId} of instance ${inputs.instanceId}`
  core.info(`Credentials: ${credentials.description}`)
  core.info(
    `Waiting up to ${formatDuration(inputs.timeoutMs)} for ${subject} at ${inputs.endpoint.host}`
  )
  try {
    // Credentials that cannot be had fail here, before any PAI-DSW request.
    await credentials.get()
    return await waitForSnapshot({
      subject,
      poll: () => client.getInstanceSnapshot(inputs.instanceId, inputs.snapshotId),
      successStatuses: inputs.successStatuses,
      failureStatuses: inputs.failureStatuses,
      timeoutMs: inputs.timeoutMs,
      pollIntervalMs: inputs.pollIntervalMs,
      maxPollIntervalMs: inputs.maxPollIntervalMs,
      clock: deps.clock,
      random: deps.random,
      log: { info: core.info, warning: core.warning, debug: core.debug },
      signal: deps.signal
    })
  } finally {
    await transport.close()
  }
}
