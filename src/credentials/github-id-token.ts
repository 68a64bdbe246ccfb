import type { Env } from './environment.js'
import { CredentialsError, errorMessage } from '../errors.js'

/** `@actions/core`'s getIDToken, injected so tests need no runner. */
export type IdTokenFetcher = (audience: string) => Promise<string>

const PERMISSION_HINT =
  "give the job 'permissions: id-token: write' (with 'contents: read' if it checks out code); " +
  'jobs run for pull requests from forks usually cannot get one'

/**
 * Asks GitHub for an ID token for `audience`. The runner offers the token endpoint only to jobs
 * with `id-token: write`, so its absence is reported as that missing permission.
 */
export async function fetchGitHubIdToken(
  getIDToken: IdTokenFetcher,
  audience: string,
  env: Env,
  maskSecret: (secret: string) => void
): Promise<string> {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new CredentialsError(
      'Could not get a GitHub OIDC token to assume the role: the runner offers none to this job ' +
        `(ACTIONS_ID_TOKEN_REQUEST_URL is not set); ${PERMISSION_HINT}`
    )
  }
  let token: string
  try {
    token = await getIDToken(audience)
  } catch (error) {
    // @actions/core spreads its message over several lines: keep the error on one.
    const reason = errorMessage(error).replace(/\s+/g, ' ').trim()
    throw new CredentialsError(
      `Could not get a GitHub OIDC token for audience ${audience}: ${reason}`
    )
  }
  maskSecret(token)
  return token
}
