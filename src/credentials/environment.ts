import { CredentialsError } from '../errors.js'
import type { Credentials } from '../aliyun/signer.js'

export type Env = Record<string, string | undefined>

/** An on/off switch of the official chain (`ALIBABA_CLOUD_*_DISABLED`, `enable_vpc`): on only as `true`, case aside. */
export const isSwitchedOn = (value: string | undefined): boolean =>
  value?.trim().toLowerCase() === 'true'

/** One naming scheme for a key pair and its token in the environment. */
export interface EnvFamily {
  label: string
  keyId: string
  keySecret: string
  token: string
}

/**
 * Read in this order. The official credential chain (@alicloud/credentials 2.4.7) reads only the
 * first; the `aliyun` CLI reads the others too, and aliyun/configure-aliyun-credentials-action
 * exports all three, with the same values.
 */
export const ENV_FAMILIES: readonly EnvFamily[] = [
  {
    label: 'ALIBABA_CLOUD_*',
    keyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    keySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    token: 'ALIBABA_CLOUD_SECURITY_TOKEN'
  },
  {
    label: 'ALIBABACLOUD_*',
    keyId: 'ALIBABACLOUD_ACCESS_KEY_ID',
    keySecret: 'ALIBABACLOUD_ACCESS_KEY_SECRET',
    token: 'ALIBABACLOUD_SECURITY_TOKEN'
  },
  {
    label: 'ALICLOUD_*',
    keyId: 'ALICLOUD_ACCESS_KEY',
    keySecret: 'ALICLOUD_SECRET_KEY',
    token: 'ALICLOUD_SECURITY_TOKEN'
  }
]

export interface EnvCredentials {
  family: EnvFamily
  credentials: Credentials
}

/**
 * The first family whose key ID and secret are both set. A family with only part of a pair (or
 * a token without one) is an error, not a reason to look further: a half-set pair is a mistake.
 */
export function credentialsFromEnv(env: Env): EnvCredentials | undefined {
  const value = (name: string) => envValue(env, name)
  for (const family of ENV_FAMILIES) {
    const keyId = value(family.keyId)
    const keySecret = value(family.keySecret)
    const token = value(family.token)
    if (keyId && keySecret) return { family, credentials: withToken(keyId, keySecret, token) }
    if (keyId || keySecret || token) {
      const missing = [family.keyId, family.keySecret].filter(name => !value(name))
      const set = [family.keyId, family.keySecret, family.token].filter(name => value(name))
      throw new CredentialsError(
        `The environment sets ${set.join(' and ')} but not ${missing.join(' or ')}: ` +
          'set the whole key pair (and the token, for temporary credentials), or unset them'
      )
    }
  }
  return undefined
}

/** Masks every key secret and token of every family that is set, used or not. */
export function maskEnvSecrets(env: Env, maskSecret: (secret: string) => void): void {
  for (const family of ENV_FAMILIES) {
    for (const name of [family.keySecret, family.token]) {
      if (envValue(env, name)) maskSecret(envValue(env, name))
    }
  }
}

function envValue(env: Env, name: string): string {
  return env[name]?.trim() ?? ''
}

export function withToken(
  accessKeyId: string,
  accessKeySecret: string,
  token: string
): Credentials {
  return token
    ? { accessKeyId, accessKeySecret, securityToken: token }
    : { accessKeyId, accessKeySecret }
}
