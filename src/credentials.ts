import type { Credentials } from './signer.js'
import { InputError } from './errors.js'

export type InputReader = (name: string) => string
export type Env = Record<string, string | undefined>

/** Environment names the official credential chain and the `aliyun` CLI use. */
const ENV_KEY_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID'
const ENV_KEY_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'
const ENV_TOKEN = 'ALIBABA_CLOUD_SECURITY_TOKEN'

/**
 * Explicit inputs win over the environment; a key ID and its secret must come from the same place,
 * so a half-given pair is an error rather than a silent mix.
 */
export function resolveCredentials(
  read: InputReader,
  env: Env,
  maskSecret: (secret: string) => void
): Credentials {
  const fromInputs = {
    accessKeyId: read('access-key-id'),
    accessKeySecret: read('access-key-secret'),
    securityToken: read('security-token')
  }
  // Mask before anything else can echo them (validation errors included).
  if (fromInputs.accessKeySecret) maskSecret(fromInputs.accessKeySecret)
  if (fromInputs.securityToken) maskSecret(fromInputs.securityToken)

  if (fromInputs.accessKeyId || fromInputs.accessKeySecret) {
    if (!fromInputs.accessKeyId) {
      throw new InputError('access-key-id', 'is required when access-key-secret is set')
    }
    if (!fromInputs.accessKeySecret) {
      throw new InputError('access-key-secret', 'is required when access-key-id is set')
    }
    return withToken(fromInputs.accessKeyId, fromInputs.accessKeySecret, fromInputs.securityToken)
  }
  if (fromInputs.securityToken) {
    throw new InputError('security-token', 'needs access-key-id and access-key-secret with it')
  }

  const envId = env[ENV_KEY_ID]?.trim() ?? ''
  const envSecret = env[ENV_KEY_SECRET]?.trim() ?? ''
  const envToken = env[ENV_TOKEN]?.trim() ?? ''
  if (envSecret) maskSecret(envSecret)
  if (envToken) maskSecret(envToken)
  if (envId && envSecret) return withToken(envId, envSecret, envToken)

  throw new InputError(
    'access-key-id',
    'and access-key-secret are required: pass them as inputs (from repository secrets), ' +
      `or set ${ENV_KEY_ID} and ${ENV_KEY_SECRET} in the environment`
  )
}

function withToken(accessKeyId: string, accessKeySecret: string, token: string): Credentials {
  return token
    ? { accessKeyId, accessKeySecret, securityToken: token }
    : { accessKeyId, accessKeySecret }
}
