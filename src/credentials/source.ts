import {
  ENV_FAMILIES,
  type Env,
  type EnvFamily,
  credentialsFromEnv,
  maskEnvSecrets,
  withToken
} from './environment.js'
import { CredentialsError, InputError } from '../errors.js'
import {
  type KeyRole,
  type OidcRole,
  type RoleDefaults,
  readRoleDefaults,
  readRoleInputs
} from './oidc-role.js'
import type { Credentials } from '../aliyun/signer.js'
import { type ProfileCredentials, readCliProfile } from './cli-profile.js'
import { TOKEN_FILE_VARIABLES, tokenFileRole } from './oidc-token-file.js'
import {
  METADATA_ORIGIN,
  type MetadataSettings,
  isMetadataDisabled,
  metadataSettings
} from './ecs-ram-role.js'
import { CREDENTIALS_URI_VARIABLE, type CredentialsUri, credentialsUri } from './credentials-uri.js'
import { CREDENTIALS_FILE_VARIABLE, readCredentialsFile } from './credentials-file.js'

export type InputReader = (name: string) => string
export type { Env }

/** Where the credentials come from, decided once before any request. Holds no network state. */
export type CredentialSource =
  | { kind: 'inputs'; credentials: Credentials }
  | { kind: 'environment'; family: EnvFamily; credentials: Credentials }
  | { kind: 'oidc'; role: OidcRole }
  | { kind: 'assume-role'; role: KeyRole; base: CredentialSource }
  | { kind: 'cli-profile'; profile: string; path: string; via: ProfileCredentials }
  | { kind: 'credentials-file'; profile: string; path: string; via: ProfileCredentials }
  | ProfileCredentials
  | { kind: 'credentials-uri'; uri: CredentialsUri }
  /**
   * Nothing configured: the runner's own identity, if it has one. The ECS metadata service is
   * probed (briefly); without an answer, the credentials URI is next, if set.
   */
  | { kind: 'runner-identity'; metadata: MetadataSettings; uri?: CredentialsUri }

/** What a source's detection sees: the environment, and the role settings a profile may use. */
interface ChainContext {
  env: Env
  defaults: RoleDefaults
  maskSecret: (secret: string) => void
}

/** One row of the chain: what it is, how it is found, what it reads, how to set it up. */
export interface SourceRow {
  /** Its name, as the README's list of sources gives it. */
  source: string
  /** How the action tells that it is configured. */
  detection: string
  /** The environment variables it reads. */
  env: readonly string[]
  /** How to configure it, for the "No credentials" error. */
  description: string
  /** The source, when configured (the inputs' rows are read before the chain). */
  detect?: (context: ChainContext) => CredentialSource | undefined
}

/**
 * The official chain's order, after the inputs; the first source configured is used, and one
 * configured but broken is an error naming it, never a reason to try the next. The ECS RAM role
 * is probed when no role is named, then the credentials URI is tried, if set.
 */
export const CREDENTIAL_SOURCES: readonly SourceRow[] = [
  {
    source: 'Key inputs',
    detection: 'access-key-id or access-key-secret is given',
    env: [],
    description: 'the inputs access-key-id and access-key-secret (from repository secrets)'
  },
  {
    source: 'OIDC inputs',
    detection: 'role-to-assume and oidc-provider-arn are given',
    env: ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'],
    description:
      "role-to-assume and oidc-provider-arn, a RAM role through GitHub OIDC (the job needs 'permissions: id-token: write')"
  },
  {
    source: 'Environment keys',
    detection: 'a key ID, secret or token of one family is set',
    env: ENV_FAMILIES.flatMap(family => [family.keyId, family.keySecret, family.token]),
    description:
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment (or the ' +
      'ALIBABACLOUD_* or ALICLOUD_* names, as aliyun/configure-aliyun-credentials-action sets them)',
    detect: ({ env }) => {
      const fromEnv = credentialsFromEnv(env)
      return fromEnv && { kind: 'environment', ...fromEnv }
    }
  },
  {
    source: 'An OIDC token file',
    detection: 'the provider ARN or the token file variable is set',
    env: [...Object.values(TOKEN_FILE_VARIABLES), 'ALIBABA_CLOUD_ROLE_SESSION_NAME'],
    description: `an OIDC token file: ${Object.values(TOKEN_FILE_VARIABLES).join(', ')} (ACK's RRSA sets them in the pod)`,
    detect: ({ env, defaults }) => {
      const role = tokenFileRole(env, defaults)
      return role && { kind: 'oidc-token-file', role }
    }
  },
  {
    source: 'A profile of the aliyun CLI',
    detection: '~/.aliyun/config.json exists (and has the profile named)',
    env: ['ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED', 'HOME'],
    description:
      'a profile of the aliyun CLI in ~/.aliyun/config.json (the current one, or ALIBABA_CLOUD_PROFILE)',
    detect: ({ env, defaults, maskSecret }) => {
      const found = readCliProfile(env, defaults, maskSecret)
      return found && { kind: 'cli-profile', profile: found.name, path: found.path, via: found.via }
    }
  },
  {
    source: 'The credentials file',
    detection: 'the file has the profile named, or `default`',
    env: [CREDENTIALS_FILE_VARIABLE, 'ALIBABA_CLOUD_PROFILE', 'HOME'],
    description: `a profile of the credentials file ~/.alibabacloud/credentials (or ${CREDENTIALS_FILE_VARIABLE}): ALIBABA_CLOUD_PROFILE, or default`,
    detect: ({ env, defaults, maskSecret }) => {
      const found = readCredentialsFile(env, defaults, maskSecret)
      return (
        found && { kind: 'credentials-file', profile: found.name, path: found.path, via: found.via }
      )
    }
  },
  {
    source: 'The ECS RAM role',
    detection: 'a role is named, or the metadata service answers a probe',
    env: [
      'ALIBABA_CLOUD_ECS_METADATA',
      'ALIBABA_CLOUD_ECS_METADATA_DISABLED',
      'ALIBABA_CLOUD_IMDSV1_DISABLED'
    ],
    description: `the RAM role of the ECS instance, from the metadata service at ${METADATA_ORIGIN} (attach a role to the runner instance; ALIBABA_CLOUD_ECS_METADATA names it)`,
    detect: ({ env }) => {
      if (isMetadataDisabled(env)) return undefined
      const metadata = metadataSettings(env)
      // A role name set for the metadata service is configuration: it must answer.
      if (metadata.roleName) return { kind: 'ecs-ram-role', metadata }
      return { kind: 'runner-identity', metadata, uri: credentialsUri(env) }
    }
  },
  {
    source: 'A credentials URI',
    detection: `${CREDENTIALS_URI_VARIABLE} is set`,
    env: [CREDENTIALS_URI_VARIABLE],
    description: `${CREDENTIALS_URI_VARIABLE}, an https:// URL (or http:// on loopback) that answers with temporary credentials`,
    detect: ({ env }) => {
      const uri = credentialsUri(env)
      return uri && { kind: 'credentials-uri', uri }
    }
  }
]

/**
 * With role-to-assume, the role is assumed: with GitHub OIDC when oidc-provider-arn is given,
 * otherwise with AssumeRole, signed by the key the rest of the chain finds. Without it, the
 * official chain's order: key inputs, environment keys, OIDC token file, CLI profile, ECS RAM
 * role, credentials URI. The first source that is configured is used; one configured but broken
 * is an error naming it, never a reason to try the next.
 */
export function resolveCredentialSource(
  read: InputReader,
  env: Env,
  maskSecret: (secret: string) => void
): CredentialSource {
  const keyInputs = readKeyInputs(read, maskSecret)
  // Mask before anything else can echo them (validation errors included).
  maskEnvSecrets(env, maskSecret)
  const role = readRoleInputs(read, env)
  if (role.kind === 'oidc') {
    if (keyInputs) {
      throw new InputError(
        'oidc-provider-arn',
        'cannot be combined with access-key-id, access-key-secret or security-token: ' +
          'give either a role to assume with GitHub OIDC or an AccessKey pair (which may ' +
          'assume role-to-assume without oidc-provider-arn), not both'
      )
    }
    return { kind: 'oidc', role: role.role }
  }
  const defaults = readRoleDefaults(read, env)
  const base = keyInputs ?? chainSource(env, defaults, maskSecret)
  if (role.kind === 'none') return base
  return { kind: 'assume-role', role: { roleArn: role.roleArn, ...defaults }, base }
}

function readKeyInputs(
  read: InputReader,
  maskSecret: (secret: string) => void
): CredentialSource | undefined {
  const keyId = read('access-key-id')
  const keySecret = read('access-key-secret')
  const token = read('security-token')
  if (keySecret) maskSecret(keySecret)
  if (token) maskSecret(token)
  if (!keyId && !keySecret && !token) return undefined
  if (!keyId && !keySecret) {
    throw new InputError('security-token', 'needs access-key-id and access-key-secret with it')
  }
  if (!keyId) throw new InputError('access-key-id', 'is required when access-key-secret is set')
  if (!keySecret) throw new InputError('access-key-secret', 'is required when access-key-id is set')
  return { kind: 'inputs', credentials: withToken(keyId, keySecret, token) }
}

/** The environment's sources, in the table's order, after the key inputs. */
function chainSource(
  env: Env,
  defaults: RoleDefaults,
  maskSecret: (secret: string) => void
): CredentialSource {
  for (const row of CREDENTIAL_SOURCES) {
    const found = row.detect?.({ env, defaults, maskSecret })
    if (found) return found
  }
  throw noCredentials(
    'ALIBABA_CLOUD_ECS_METADATA_DISABLED is true, so the ECS metadata service was not asked'
  )
}

/** How to configure each source the action tries, in the table's order. */
export function noCredentials(why: string): CredentialsError {
  const list = CREDENTIAL_SOURCES.map((row, index) => `${index + 1}. ${row.description}`)
  return new CredentialsError(
    `No credentials: ${why}. The action tried, in order:\n${list.join('\n')}`
  )
}

/**
 * For the log: where the credentials come from, never what they are. `inner` describes what a
 * role or a profile goes through, once it is known (the runner's identity is found by probing).
 */
export function describeCredentialSource(source: CredentialSource, inner?: string): string {
  const token = (credentials: Credentials) =>
    credentials.securityToken ? ', with a security token' : ''
  switch (source.kind) {
    case 'inputs':
      return `AccessKey from the inputs${token(source.credentials)}`
    case 'environment':
      return `AccessKey from the ${source.family.label} environment variables${token(source.credentials)}`
    case 'key':
      return `AccessKey${token(source.credentials)}`
    case 'oidc':
      return (
        `RAM role ${source.role.roleArn} through GitHub OIDC ` +
        `(session ${source.role.roleSessionName}, STS at ${source.role.stsEndpoint.host})`
      )
    case 'oidc-token-file':
      return (
        `RAM role ${source.role.roleArn} through the OIDC token file ${source.role.tokenFile} ` +
        `(session ${source.role.roleSessionName}, STS at ${source.role.stsEndpoint.host})`
      )
    case 'assume-role':
      return (
        `RAM role ${source.role.roleArn} through AssumeRole (session ${source.role.roleSessionName}, ` +
        `STS at ${source.role.stsEndpoint.host}), signed with ${inner ?? describeCredentialSource(source.base)}`
      )
    case 'cli-profile':
    case 'credentials-file':
      return `profile ${source.profile} of ${source.path}: ${inner ?? describeCredentialSource(source.via)}`
    case 'ecs-ram-role':
      return `ECS RAM role ${source.metadata.roleName ?? '(attached to the instance)'} from the metadata service`
    case 'credentials-uri':
      // The URI's path or query may carry a token of the agent's: only its origin is shown.
      return `the credentials URI (${CREDENTIALS_URI_VARIABLE}) at ${source.uri.shown}`
    case 'runner-identity':
      return "the runner's own identity (ECS RAM role or credentials URI)"
  }
}
