import {
  type Env,
  type EnvFamily,
  credentialsFromEnv,
  maskEnvSecrets,
  withToken
} from './environment.js'
import { CredentialsError, InputError } from '../errors.js'
import { type OidcRole, readOidcRole } from './oidc-role.js'
import type { Credentials } from '../aliyun/signer.js'

export type InputReader = (name: string) => string
export type { Env }

/** Where the credentials come from, decided once before any request. Holds no network state. */
export type CredentialSource =
  | { kind: 'inputs'; credentials: Credentials }
  | { kind: 'oidc'; role: OidcRole }
  | { kind: 'environment'; family: EnvFamily; credentials: Credentials }

/**
 * Explicit key inputs, then OIDC inputs, then the environment. Inputs that contradict each other,
 * or give half of what they need, are errors rather than a silent choice.
 */
export function resolveCredentialSource(
  read: InputReader,
  env: Env,
  maskSecret: (secret: string) => void
): CredentialSource {
  const keyId = read('access-key-id')
  const keySecret = read('access-key-secret')
  const token = read('security-token')
  // Mask before anything else can echo them (validation errors included).
  if (keySecret) maskSecret(keySecret)
  if (token) maskSecret(token)
  maskEnvSecrets(env, maskSecret)
  const role = readOidcRole(read, env)

  if (keyId || keySecret || token) {
    if (role) {
      throw new InputError(
        'role-to-assume',
        'cannot be combined with access-key-id, access-key-secret or security-token: ' +
          'give either a role to assume with OIDC or an AccessKey pair, not both'
      )
    }
    if (!keyId && !keySecret) {
      throw new InputError('security-token', 'needs access-key-id and access-key-secret with it')
    }
    if (!keyId) throw new InputError('access-key-id', 'is required when access-key-secret is set')
    if (!keySecret) {
      throw new InputError('access-key-secret', 'is required when access-key-id is set')
    }
    return { kind: 'inputs', credentials: withToken(keyId, keySecret, token) }
  }
  if (role) return { kind: 'oidc', role }
  const fromEnv = credentialsFromEnv(env)
  if (fromEnv) return { kind: 'environment', ...fromEnv }
  throw new CredentialsError(
    'No credentials: give the action a RAM role to assume with GitHub OIDC (inputs role-to-assume ' +
      "and oidc-provider-arn, and 'permissions: id-token: write' on the job), or an AccessKey pair " +
      '(inputs access-key-id and access-key-secret from repository secrets, or ' +
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment, as ' +
      'aliyun/configure-aliyun-credentials-action sets them)'
  )
}

/** For the log: where the credentials come from, never what they are. */
export function describeCredentialSource(source: CredentialSource): string {
  switch (source.kind) {
    case 'inputs':
      return `AccessKey from the inputs${source.credentials.securityToken ? ', with a security token' : ''}`
    case 'environment':
      return (
        `AccessKey from the ${source.family.label} environment variables` +
        (source.credentials.securityToken ? ', with a security token' : '')
      )
    case 'oidc':
      return (
        `RAM role ${source.role.roleArn} through GitHub OIDC ` +
        `(session ${source.role.roleSessionName}, STS at ${source.role.stsEndpoint.host})`
      )
  }
}
