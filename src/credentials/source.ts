import {
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
import { CREDENTIALS_URI_VARIABLE, credentialsUri } from './credentials-uri.js'

export type InputReader = (name: string) => string
export type { Env }

/** Where the credentials come from, decided once before any request. Holds no network state. */
export type CredentialSource =
  | { kind: 'inputs'; credentials: Credentials }
  | { kind: 'environment'; family: EnvFamily; credentials: Credentials }
  | { kind: 'oidc'; role: OidcRole }
  | { kind: 'assume-role'; role: KeyRole; base: CredentialSource }
  | { kind: 'cli-profile'; profile: string; path: string; via: ProfileCredentials }
  | ProfileCredentials
  | { kind: 'credentials-uri'; uri: string }
  /**
   * Nothing configured: the runner's own identity, if it has one. The ECS metadata service is
   * probed (briefly); without an answer, the credentials URI is next, if set.
   */
  | { kind: 'runner-identity'; metadata: MetadataSettings; uri?: string }

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

/** The environment's sources, in the official chain's order, after the key inputs. */
function chainSource(
  env: Env,
  defaults: RoleDefaults,
  maskSecret: (secret: string) => void
): CredentialSource {
  const fromEnv = credentialsFromEnv(env)
  if (fromEnv) return { kind: 'environment', ...fromEnv }
  const tokenFile = tokenFileRole(env, defaults)
  if (tokenFile) return { kind: 'oidc-token-file', role: tokenFile }
  const profile = readCliProfile(env, defaults, maskSecret)
  if (profile)
    return { kind: 'cli-profile', profile: profile.name, path: profile.path, via: profile.via }
  const uri = credentialsUri(env)
  if (isMetadataDisabled(env)) {
    if (uri) return { kind: 'credentials-uri', uri }
    throw noCredentials(
      'ALIBABA_CLOUD_ECS_METADATA_DISABLED is true, so the ECS metadata service was not asked'
    )
  }
  const metadata = metadataSettings(env)
  // A role name set for the metadata service is configuration: it must answer.
  if (metadata.roleName) return { kind: 'ecs-ram-role', metadata }
  return { kind: 'runner-identity', metadata, uri }
}

/** How to configure each source the action tries, in its order. */
export function noCredentials(why: string): CredentialsError {
  return new CredentialsError(
    `No credentials: ${why}. The action tried, in order:\n` +
      '1. the inputs access-key-id and access-key-secret (from repository secrets); with ' +
      'role-to-assume and oidc-provider-arn instead, a RAM role through GitHub OIDC (the job needs ' +
      "'permissions: id-token: write')\n" +
      '2. ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment (or the ' +
      'ALIBABACLOUD_* or ALICLOUD_* names, as aliyun/configure-aliyun-credentials-action sets them)\n' +
      `3. an OIDC token file: ${Object.values(TOKEN_FILE_VARIABLES).join(', ')} (ACK's RRSA sets them in the pod)\n` +
      '4. a profile of the aliyun CLI in ~/.aliyun/config.json (the current one, or ALIBABA_CLOUD_PROFILE)\n' +
      `5. the RAM role of the ECS instance, from the metadata service at ${METADATA_ORIGIN} (attach a ` +
      'role to the runner instance; ALIBABA_CLOUD_ECS_METADATA names it)\n' +
      `6. ${CREDENTIALS_URI_VARIABLE}, a URL that answers with temporary credentials`
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
      return `profile ${source.profile} of ${source.path}: ${inner ?? describeCredentialSource(source.via)}`
    case 'ecs-ram-role':
      return `ECS RAM role ${source.metadata.roleName ?? '(attached to the instance)'} from the metadata service`
    case 'credentials-uri':
      // The URI's path or query may carry a token of the agent's: only its origin is shown.
      return `the credentials URI (${CREDENTIALS_URI_VARIABLE}) at ${new URL(source.uri).origin}`
    case 'runner-identity':
      return "the runner's own identity (ECS RAM role or credentials URI)"
  }
}
