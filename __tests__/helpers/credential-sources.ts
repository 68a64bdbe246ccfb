import { INPUT_DEFAULTS } from '../../src/action/inputs.js'
import { resolveCredentialSource } from '../../src/credentials/source.js'

/**
 * Resolves the credential source of these inputs (an empty one takes its action.yml default, as
 * parseInputs reads them) and environment; `HOME` is a directory without an aliyun CLI config
 * unless the environment gives one, so no profile of whoever runs the tests takes part.
 */
export function resolveSource(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  home = '/nonexistent'
) {
  const masked: string[] = []
  const read = (name: string) => inputs[name] || INPUT_DEFAULTS[name] || ''
  const source = resolveCredentialSource(read, { HOME: home, ...env }, secret =>
    masked.push(secret)
  )
  return { source, masked }
}

/** The message resolveSource throws with. */
export function resolveError(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  home?: string
): string {
  try {
    resolveSource(inputs, env, home)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected resolveCredentialSource to throw')
}
