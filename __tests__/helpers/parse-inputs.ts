import { type Inputs, parseInputs } from '../../src/action/inputs.js'

/** The step's clock when the inputs are read: it names a snapshot made outside a workflow run. */
export const NOW = Date.UTC(2026, 11, 7, 12)

/** parseInputs on a plain record of inputs, as the runner would pass them (no masking here). */
export const parseGiven = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  parseInputs(
    name => inputs[name] ?? '',
    env,
    () => undefined,
    NOW
  )

/** The InputError message parseInputs throws for these inputs (a test fails if none is thrown). */
export function inputErrorOf(inputs: Record<string, string>, env: Record<string, string> = {}) {
  let parsed: Inputs
  try {
    parsed = parseGiven(inputs, env)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`expected parseInputs to throw, got ${JSON.stringify(parsed.snapshots)}`)
}
