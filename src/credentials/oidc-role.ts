import { type Endpoint, REGION_FORMAT, parseEndpoint, parseRegion } from '../aliyun/endpoint.js'
import { type Env, isSwitchedOn } from './environment.js'
import { CredentialsError, InputError, got } from '../errors.js'
import { defaultRoleSessionName, parseRoleSessionName } from './role-session-name.js'

/** How every role the action assumes is asked for, whoever asks: the role inputs' settings. */
export interface RoleDefaults {
  roleSessionName: string
  durationSeconds: number
  stsEndpoint: Endpoint
}

/** How to get temporary credentials with GitHub's OIDC token: everything AssumeRoleWithOIDC needs. */
export interface OidcRole extends RoleDefaults {
  roleArn: string
  oidcProviderArn: string
  /** Requested for the GitHub ID token; must be a Client ID of the RAM OIDC provider. */
  audience: string
}

/** A role assumed with AssumeRole, signed by a key from another source. */
export interface KeyRole extends RoleDefaults {
  roleArn: string
}

/** What the role inputs ask for: a role with GitHub OIDC, a role with a key, or no role. */
export type RoleInputs =
  { kind: 'none' } | { kind: 'oidc'; role: OidcRole } | { kind: 'key'; roleArn: string }

/** STS accepts 15 minutes up to the role's MaxSessionDuration, which RAM caps at 12 hours. */
export const MIN_DURATION_S = 900
export const MAX_DURATION_S = 43_200
/** action.yml's default for sts-endpoint: left as it is, the environment may pick a region. */
const DEFAULT_STS_HOST = 'sts.aliyuncs.com'

export interface ArnShape {
  what: string
  pattern: RegExp
  example: string
}

export const ROLE_ARN: ArnShape = {
  what: 'a RAM role ARN',
  pattern: /^acs:ram::\d+:role\/[A-Za-z0-9._-]{1,64}$/,
  example: 'acs:ram::123456789012:role/github-deploy'
}
export const PROVIDER_ARN: ArnShape = {
  what: 'a RAM OIDC provider ARN',
  pattern: /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/,
  example: 'acs:ram::123456789012:oidc-provider/GitHub'
}

/**
 * Reads every role input (so each is validated even when unused): a role with its OIDC provider
 * is assumed with GitHub's token, a role alone with a key. A provider without a role is an error.
 */
export function readRoleInputs(read: (name: string) => string, env: Env): RoleInputs {
  const roleArn = read('role-to-assume')
  const oidcProviderArn = read('oidc-provider-arn')
  const audience = parseAudience(read('audience'))
  const defaults = readRoleDefaults(read, env)
  if (!roleArn && !oidcProviderArn) return { kind: 'none' }
  if (!roleArn) throw new InputError('role-to-assume', 'is required when oidc-provider-arn is set')
  const role = parseArn('role-to-assume', roleArn, ROLE_ARN, PROVIDER_ARN)
  if (!oidcProviderArn) return { kind: 'key', roleArn: role }
  return {
    kind: 'oidc',
    role: {
      roleArn: role,
      oidcProviderArn: parseArn('oidc-provider-arn', oidcProviderArn, PROVIDER_ARN, ROLE_ARN),
      audience,
      ...defaults
    }
  }
}

/**
 * The session name, duration and STS endpoint inputs, which apply to every role assumed. The
 * session name may also come from ALIBABA_CLOUD_ROLE_SESSION_NAME, as in the official chain.
 */
export function readRoleDefaults(read: (name: string) => string, env: Env): RoleDefaults {
  const sessionName = read('role-session-name')
  const envSessionName = env.ALIBABA_CLOUD_ROLE_SESSION_NAME?.trim()
  return {
    roleSessionName: sessionName
      ? parseRoleSessionName('role-session-name', sessionName)
      : envSessionName
        ? parseRoleSessionName('role-session-name', envSessionName)
        : defaultRoleSessionName(env),
    durationSeconds: parseDurationSeconds(read('role-duration-seconds')),
    stsEndpoint: stsEndpoint(read('sts-endpoint'), env)
  }
}

/**
 * The sts-endpoint input; left at its default, ALIBABA_CLOUD_STS_REGION (and
 * ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED) pick the regional endpoint, as the official chain does.
 */
function stsEndpoint(value: string, env: Env): Endpoint {
  const region = env.ALIBABA_CLOUD_STS_REGION?.trim()
  if (value && value !== DEFAULT_STS_HOST) {
    return parseEndpoint('sts-endpoint', value, 'sts.cn-hangzhou.aliyuncs.com')
  }
  if (!region) return parseEndpoint('sts-endpoint', DEFAULT_STS_HOST)
  const vpc = isSwitchedOn(env.ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED)
  const host = `sts${vpc ? '-vpc' : ''}.${envRegion(region)}.aliyuncs.com`
  return { protocol: 'https', host, origin: `https://${host}` }
}

function envRegion(value: string): string {
  try {
    return parseRegion('sts-endpoint', value)
  } catch {
    throw new CredentialsError(
      `The environment variable ALIBABA_CLOUD_STS_REGION must be ${REGION_FORMAT}; ${got(value)}`
    )
  }
}

/** `other` is the ARN the user may have put here by mistake: the error then says so. */
export function parseArn(input: string, value: string, shape: ArnShape, other: ArnShape): string {
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

export function parseDurationSeconds(value: string, input = 'role-duration-seconds'): number {
  const seconds = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(seconds >= MIN_DURATION_S && seconds <= MAX_DURATION_S)) {
    throw new InputError(
      input,
      `must be a whole number of seconds from ${MIN_DURATION_S} to ${MAX_DURATION_S} ` +
        `(and at most the role's maximum session duration); ${got(value)}`
    )
  }
  return seconds
}
