import { type Endpoint, parseEndpoint } from '../aliyun/endpoint.js'
import type { Env } from './environment.js'
import { InputError, got } from '../errors.js'
import { defaultRoleSessionName, parseRoleSessionName } from './role-session-name.js'

/** How to get temporary credentials with GitHub's OIDC token: everything AssumeRoleWithOIDC needs. */
export interface OidcRole {
  roleArn: string
  oidcProviderArn: string
  /** Requested for the GitHub ID token; must be a Client ID of the RAM OIDC provider. */
  audience: string
  roleSessionName: string
  durationSeconds: number
  stsEndpoint: Endpoint
}

/** STS accepts 15 minutes up to the role's MaxSessionDuration, which RAM caps at 12 hours. */
const MIN_DURATION_S = 900
const MAX_DURATION_S = 43_200

interface ArnShape {
  what: string
  pattern: RegExp
  example: string
}

const ROLE_ARN: ArnShape = {
  what: 'a RAM role ARN',
  pattern: /^acs:ram::\d+:role\/[A-Za-z0-9._-]{1,64}$/,
  example: 'acs:ram::123456789012:role/github-deploy'
}
const PROVIDER_ARN: ArnShape = {
  what: 'a RAM OIDC provider ARN',
  pattern: /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/,
  example: 'acs:ram::123456789012:oidc-provider/GitHub'
}

/**
 * Reads every OIDC input (so each is validated even when unused) and returns the role to assume,
 * or undefined when no role is given. A role without its provider, or the reverse, is an error.
 */
export function readOidcRole(read: (name: string) => string, env: Env): OidcRole | undefined {
  const roleArn = read('role-to-assume')
  const oidcProviderArn = read('oidc-provider-arn')
  const sessionName = read('role-session-name')
  const audience = parseAudience(read('audience'))
  const durationSeconds = parseDurationSeconds(read('role-duration-seconds'))
  const stsEndpoint = parseEndpoint(
    'sts-endpoint',
    read('sts-endpoint'),
    'sts.cn-hangzhou.aliyuncs.com'
  )

  if (!roleArn && !oidcProviderArn) {
    if (sessionName) {
      throw new InputError(
        'role-session-name',
        'is used only with role-to-assume and oidc-provider-arn'
      )
    }
    return undefined
  }
  if (!roleArn) throw new InputError('role-to-assume', 'is required when oidc-provider-arn is set')
  if (!oidcProviderArn) {
    throw new InputError('oidc-provider-arn', 'is required when role-to-assume is set')
  }
  return {
    roleArn: parseArn('role-to-assume', roleArn, ROLE_ARN, PROVIDER_ARN),
    oidcProviderArn: parseArn('oidc-provider-arn', oidcProviderArn, PROVIDER_ARN, ROLE_ARN),
    audience,
    roleSessionName: sessionName
      ? parseRoleSessionName('role-session-name', sessionName)
      : defaultRoleSessionName(env),
    durationSeconds,
    stsEndpoint
  }
}

/** `other` is the ARN the user may have put here by mistake: the error then says so. */
function parseArn(input: string, value: string, shape: ArnShape, other: ArnShape): string {
  if (shape.pattern.test(value)) return value
  const swapped = other.pattern.test(value) ? ` (that is ${other.what})` : ''
  throw new InputError(
    input,
    `must be ${shape.what} such as ${shape.example}; ${got(value)}${swapped}`
  )
}

function parseAudience(value: string): string {
  if (!/^[\x21-\x7e]{1,256}$/.test(value)) {
    throw new InputError(
      'audience',
      `must be the Client ID configured on the RAM OIDC provider, such as sts.aliyuncs.com (no spaces); ${got(value)}`
    )
  }
  return value
}

function parseDurationSeconds(value: string): number {
  const seconds = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(seconds >= MIN_DURATION_S && seconds <= MAX_DURATION_S)) {
    throw new InputError(
      'role-duration-seconds',
      `must be a whole number of seconds from ${MIN_DURATION_S} to ${MAX_DURATION_S} ` +
        `(and at most the role's maximum session duration); ${got(value)}`
    )
  }
  return seconds
}
