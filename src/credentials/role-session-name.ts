import { InputError, got } from '../errors.js'
import type { Env } from './environment.js'

/** What STS accepts as RoleSessionName; the name shows in ActionTrail as who used the role. */
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/
const MAX_LENGTH = 64

export const ROLE_SESSION_NAME_FORMAT = '2 to 64 letters, digits and . @ _ -'

export function parseRoleSessionName(input: string, value: string): string {
  if (!SESSION_NAME.test(value)) {
    throw new InputError(input, `must be ${ROLE_SESSION_NAME_FORMAT}; ${got(value)}`)
  }
  return value
}

/**
 * `gha-octo-org.deploy-4242-1`: the repository, run ID and attempt, so an audit log leads back to
 * the run. Valid by construction: other characters become `_`, and the repository is shortened
 * (never the run) to fit 64 characters.
 */
export function defaultRoleSessionName(env: Env): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9.@_-]/g, '_')
  const prefix = 'gha-'
  const run = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT]
    .filter(Boolean)
    .map(part => clean(part!))
    .join('-')
    .slice(0, MAX_LENGTH - prefix.length)
  const room = Math.max(0, MAX_LENGTH - prefix.length - run.length - (run ? 1 : 0))
  const repository = clean((env.GITHUB_REPOSITORY ?? '').replace('/', '.')).slice(0, room)
  const name = [repository, run].filter(Boolean).join('-')
  return name ? `${prefix}${name}` : 'gha-session'
}
