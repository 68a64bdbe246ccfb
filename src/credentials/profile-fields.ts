import { type Endpoint, parseEndpoint, parseRegion } from '../aliyun/endpoint.js'
import { CredentialsError, errorMessage, got } from '../errors.js'
import type { Credentials } from '../aliyun/signer.js'
import { type Env, isSwitchedOn } from './environment.js'
import { checkedCredentials } from './credentials-json.js'
import { type MetadataSettings, isMetadataDisabled, metadataSettings } from './ecs-ram-role.js'
import {
  type ArnShape,
  type KeyRole,
  PROVIDER_ARN,
  ROLE_ARN,
  type RoleDefaults,
  parseDurationSeconds
} from './oidc-role.js'
import { parseRoleSessionName } from './role-session-name.js'
import type { TokenFileRole } from './oidc-token-file.js'

/** What a profile (of the aliyun CLI, or of the credentials file) gives. */
export type ProfileCredentials =
  | { kind: 'key'; credentials: Credentials }
  | { kind: 'assume-role'; role: KeyRole; base: ProfileCredentials }
  | { kind: 'ecs-ram-role'; metadata: MetadataSettings }
  | { kind: 'oidc-token-file'; role: TokenFileRole }

/** One profile's fields, as text, and what to name in errors (`Profile 'x' of <file>`). */
export interface ProfileFields {
  where: string
  field(key: string): string
  env: Env
  defaults: RoleDefaults
}

/**
 * A profile's fields are read as text: files hold numbers and booleans for some. Other types are
 * absent, as in the official chain.
 */
export function textOf(value: unknown): string {
  if (Number.isFinite(value)) return String(value)
  if (typeof value === 'boolean') return String(value)
  return typeof value === 'string' ? value.trim() : ''
}

export function keyOf(
  profile: ProfileFields,
  names: { id: string; secret: string; token?: string }
): ProfileCredentials {
  const { field, where } = profile
  const credentials = checkedCredentials(
    {
      accessKeyId: field(names.id),
      accessKeySecret: field(names.secret),
      securityToken: names.token ? field(names.token) : undefined
    },
    where
  )
  return { kind: 'key', credentials }
}

/** The metadata service for the role a profile names; off when the environment turns it off. */
export function ecsRoleOf(profile: ProfileFields, roleKey: string): ProfileCredentials {
  if (isMetadataDisabled(profile.env)) {
    throw new CredentialsError(
      `${profile.where} reads the ECS RAM role, but ALIBABA_CLOUD_ECS_METADATA_DISABLED is true: ` +
        'pick another profile, or let the action ask the metadata service'
    )
  }
  const name = profile.field(roleKey)
  const from = `the ${roleKey} of ${profile.where.replace(/^Profile/, 'profile')}`
  return { kind: 'ecs-ram-role', metadata: metadataSettings(profile.env, { name, from }) }
}

/** Which fields of a profile pick the STS endpoint (they vary by mode, as in the official chain). */
export interface StsFields {
  endpoint?: string
  region?: string
  vpc?: string
}

/** The role fields of a profile; what it leaves out comes from the role inputs. */
export function roleOf(
  profile: ProfileFields,
  names: { arn: string; session: string; seconds: readonly string[] },
  sts: StsFields
): KeyRole {
  const { field, defaults } = profile
  const seconds = names.seconds.map(field).find(Boolean)
  return inProfile(profile, () => ({
    roleArn: arnOf(profile, names.arn, ROLE_ARN),
    roleSessionName: field(names.session)
      ? parseRoleSessionName(names.session, field(names.session))
      : defaults.roleSessionName,
    durationSeconds:
      seconds && seconds !== '0'
        ? parseDurationSeconds(seconds, names.seconds[0])
        : defaults.durationSeconds,
    stsEndpoint: stsEndpointOf(profile, sts)
  }))
}

/**
 * As the official chain: a profile's STS endpoint, else its region (or the environment's,
 * ALIBABA_CLOUD_STS_REGION) gives `sts.<region>`, or `sts-vpc.<region>` when the profile's VPC
 * field or ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED is true; else the role inputs' endpoint.
 */
function stsEndpointOf(profile: ProfileFields, sts: StsFields): Endpoint {
  const { field, env } = profile
  if (sts.endpoint && field(sts.endpoint)) return parseEndpoint(sts.endpoint, field(sts.endpoint))
  const own = sts.region ? field(sts.region) : ''
  const vpc =
    (sts.vpc && isSwitchedOn(field(sts.vpc))) ||
    isSwitchedOn(env.ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED)
  const region = own || (vpc ? (env.ALIBABA_CLOUD_STS_REGION?.trim() ?? '') : '')
  if (!region) return profile.defaults.stsEndpoint
  const host = `sts${vpc ? '-vpc' : ''}.${parseRegion(own ? sts.region! : 'ALIBABA_CLOUD_STS_REGION', region)}.aliyuncs.com`
  return { protocol: 'https', host, origin: `https://${host}` }
}

/** A role assumed with an OIDC token file a profile names. */
export function tokenFileRoleOf(
  profile: ProfileFields,
  names: { arn: string; provider: string; file: string; session: string; seconds: string[] },
  sts: StsFields
): ProfileCredentials {
  const oidcProviderArn = inProfile(profile, () => arnOf(profile, names.provider, PROVIDER_ARN))
  const tokenFile = profile.field(names.file) || missing(profile, names.file)
  const role = { ...roleOf(profile, names, sts), oidcProviderArn, tokenFile }
  return { kind: 'oidc-token-file', role }
}

function arnOf(profile: ProfileFields, key: string, shape: ArnShape): string {
  const value = profile.field(key)
  if (!value) return missing(profile, key)
  if (!shape.pattern.test(value)) {
    throw new CredentialsError(
      `${profile.where} has a ${key} that is not ${shape.what} such as ${shape.example}; ${got(value)}`
    )
  }
  return value
}

export function missing(profile: ProfileFields, key: string): never {
  throw new CredentialsError(`${profile.where} has no ${key}`)
}

/** The parsers speak of inputs: here the same rule is about a field of the profile. */
function inProfile<T>(profile: ProfileFields, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof CredentialsError) throw error
    throw new CredentialsError(
      `${profile.where}: ${errorMessage(error).replace(/^Input '([^']+)'/, 'field $1')}`
    )
  }
}
