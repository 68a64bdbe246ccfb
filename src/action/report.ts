import type { InstanceSelection } from '../check/instances.js'
import { singleInstance } from '../check/instances.js'
import type { WaitOutcome } from '../check/waiter.js'
import { ApiError, CredentialsError, InputError, errorMessage } from '../errors.js'
import { cut } from '../text.js'
import { formatDuration } from '../duration.js'
import type { Env, Inputs } from './inputs.js'
import type { Log } from './log.js'
import { type ReportLog, annotateFailures, cappedLog, firstThatFits } from './github-limits.js'
import { type Outputs, outputsBeforeWait, outputsFromOutcomes } from './outputs.js'
import { inReportOrder } from './report-order.js'

/** Longest list of failed snapshots in the final error; the summary and `snapshots` have all. */
const MAX_LISTED_FAILURES = 20
import { type StepFacts, writeJobSummary } from './summary.js'

/** The runner's side the report writes to. */
export interface ReportTarget {
  setOutput(name: string, value: string): void
  log: Log
}

/**
 * The step's report: its outputs, job summary, annotations and final word, each within GitHub's
 * limits. Outputs are set on every path, each value once (one set early, as a created
 * snapshot's ID, is not repeated), and every value passes the one size rule on the final string.
 */
export class StepReport {
  readonly log: ReportLog
  private readonly written = new Map<string, string>()
  private ended = false

  constructor(private readonly target: ReportTarget) {
    this.log = cappedLog(target.log)
  }

  setOutputs(outputs: Outputs): void {
    for (const [name, full] of Object.entries(outputs)) {
      const value = firstThatFits([full])
      if (this.written.get(name) === value) continue
      this.written.set(name, value)
      this.target.setOutput(name, value)
    }
  }

  /** The ending of a check: outputs, the job summary, and the image or the failures. */
  async checked(outcomes: readonly WaitOutcome[], step: StepFacts, inputs: Inputs, env: Env) {
    const { outputs, snapshotsOmitted } = outputsFromOutcomes(outcomes, step)
    this.ended = true
    this.setOutputs(outputs)
    if (snapshotsOmitted) {
      this.log.warning(
        `The snapshots output leaves out ${snapshotsOmitted} of ${outcomes.length} snapshots ` +
          '(successes first) to stay under the 1 MB limit of an output; the job summary counts them all'
      )
    }
    if (inputs.jobSummary) await writeJobSummary(outcomes, step, env, this.log)
    this.ending(outcomes, inputs.jobSummary ? 'the job summary' : 'the snapshots output')
  }

  /** An ending without a verdict (bad inputs, credentials, a bug, a cancel): still outputs. */
  failed(error: unknown, cancelled: boolean): void {
    if (!this.ended) this.setOutputs(outputsBeforeWait(cancelled ? 'cancelled' : 'error'))
    // Expected failures explain themselves; anything else is a bug, whose stack helps with debug on.
    const explained = [InputError, ApiError, CredentialsError].some(type => error instanceof type)
    if (!explained && error instanceof Error && error.stack) this.log.debug(error.stack)
    this.log.fail(cancelled ? `Cancelled: ${errorMessage(error)}` : errorMessage(error))
  }

  close(): void {
    this.log.closeWarnings()
  }

  /** The step's last word: the image of each success, or the failures as annotations and error. */
  private ending(outcomes: readonly WaitOutcome[], listedIn: string): void {
    const failed = inReportOrder(outcomes).filter(o => o.result !== 'success')
    if (failed.length === 0) {
      for (const o of outcomes) this.log.info(`${o.message}: ${o.imageUrl}`)
    } else if (outcomes.length === 1) {
      this.log.fail(failed[0]!.message)
    } else {
      annotateFailures(this.log, failed, listedIn)
      const listed = failed.slice(0, MAX_LISTED_FAILURES).map(o => `- ${cut(o.message, 500)}`)
      if (failed.length > listed.length)
        listed.push(`- … and ${failed.length - listed.length} more`)
      this.log.fail(`${failed.length} of ${outcomes.length} snapshots did not succeed:`, ...listed)
    }
  }
}

/** The instances of the step, for the log: `instance dsw-1`, `instances dsw-1, dsw-2`. */
function describeInstances(instances: InstanceSelection): string {
  if (instances.kind === 'all') return 'every instance selected'
  const [only, ...more] = instances.ids
  return more.length ? `instances ${instances.ids.join(', ')}` : `instance ${only}`
}

/** The step's first line: what it waits for, where, and for how long. */
export function startLine(inputs: Inputs): string {
  const what = `${describeSelection(inputs)} at ${inputs.endpoint.host}`
  return inputs.timeoutMs === 0
    ? `Checking ${what} once (timeout 0: no waiting)`
    : `Waiting up to ${formatDuration(inputs.timeoutMs)} for ${what}`
}

/** What the step waits for. */
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

/** What the summary and the outputs need to know of the step besides its outcomes. */
export function stepFacts(inputs: Inputs, tooOld: ReadonlyMap<string, number>) {
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
