/** What a run showed the world: its log, its outputs and its job summary. */
export interface RunOutput {
  log: string
  outputs: Record<string, string>
  summary: string
}

/** Inputs and environment variables whose values are secrets, by name. */
const SECRET_INPUTS = ['access-key-secret', 'security-token']
const SECRET_VARIABLE = /SECRET|TOKEN$/

/** The secrets a run was handed: key secrets and tokens among its inputs and environment. */
export function secretsGiven(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {}
): string[] {
  return [
    ...SECRET_INPUTS.map(name => inputs[name] ?? ''),
    ...Object.entries(env)
      .filter(([name]) => SECRET_VARIABLE.test(name))
      .map(([, value]) => value ?? '')
  ].filter(Boolean)
}

/**
 * Where any of `secrets` shows in a run outside the `::add-mask::` commands that hide it: the
 * runner masks what follows those, but nothing else may carry a secret.
 */
export function secretLeaks(run: RunOutput, secrets: readonly string[]): string[] {
  const places = {
    log: run.log
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n'),
    outputs: JSON.stringify(run.outputs),
    summary: run.summary
  }
  return [...new Set(secrets)]
    .filter(secret => secret.length >= 4)
    .flatMap(secret =>
      Object.entries(places)
        .filter(([, text]) => text.includes(secret))
        .map(([place]) => `${place} shows ${secret.slice(0, 3)}…`)
    )
}
