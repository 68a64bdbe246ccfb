import { CredentialsError, got } from '../errors.js'
import { readCredentialFile } from './bounded-file.js'
import type { Env } from './environment.js'
import { PROVIDER_ARN, ROLE_ARN, type RoleDefaults } from './oidc-role.js'

/** A role assumed with an OIDC token from a file: ACK's RRSA mounts one into every pod. */
export interface TokenFileRole extends RoleDefaults {
  roleArn: string
  oidcProviderArn: string
  tokenFile: string
}

export const TOKEN_FILE_VARIABLES = {
  roleArn: 'ALIBABA_CLOUD_ROLE_ARN',
  oidcProviderArn: 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
  tokenFile: 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'
} as const

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/**
 * The role of the environment's OIDC token file, when its variables are set. The provider or the
 * file without the rest is a mistake, and an error; the role ARN alone belongs to other tools.
 */
export function tokenFileRole(env: Env, defaults: RoleDefaults): TokenFileRole | undefined {
  const value = (name: string) => env[name]?.trim() ?? ''
  const { roleArn, oidcProviderArn, tokenFile } = TOKEN_FILE_VARIABLES
  if (!value(oidcProviderArn) && !value(tokenFile)) return undefined
  const missing = Object.values(TOKEN_FILE_VARIABLES).filter(name => !value(name))
  if (missing.length > 0) {
    throw new CredentialsError(
      `The environment sets part of an OIDC token file's settings but not ${missing.join(' or ')}: ` +
        `set ${Object.values(TOKEN_FILE_VARIABLES).join(', ')} together (ACK's RRSA does), or unset them`
    )
  }
  return {
    roleArn: checkedArn(roleArn, value(roleArn), ROLE_ARN.pattern, ROLE_ARN.example),
    oidcProviderArn: checkedArn(
      oidcProviderArn,
      value(oidcProviderArn),
      PROVIDER_ARN.pattern,
      PROVIDER_ARN.example
    ),
    tokenFile: value(tokenFile),
    ...defaults
  }
}

function checkedArn(variable: string, value: string, pattern: RegExp, example: string): string {
  if (pattern.test(value)) return value
  throw new CredentialsError(`${variable} must be an ARN such as ${example}; ${got(value)}`)
}

/**
 * Reads the token afresh for every assumption: the cluster rotates the file. The token is masked
 * before anything can print it.
 */
export async function readOidcTokenFile(
  path: string,
  maskSecret: (secret: string) => void
): Promise<string> {
  const where = `The OIDC token file ${path} (${TOKEN_FILE_VARIABLES.tokenFile})`
  // Trimmed: a file written with a final line break holds the same token.
  const token = readCredentialFile(path, where).trim()
  if (token) maskSecret(token)
  if (!JWT.test(token)) throw new CredentialsError(`${where} does not hold a JWT`)
  return token
}
