import { CredentialsError, errorMessage, got } from '../errors.js'
import type { Env } from './environment.js'
import type { Transport } from '../http/transport.js'
import { type ExpiringCredentials, parseExpiringCredentials } from './credentials-json.js'

export const CREDENTIALS_URI_VARIABLE = 'ALIBABA_CLOUD_CREDENTIALS_URI'

/** The credentials URI of the environment, if one is set: an http(s) URL without user info. */
export function credentialsUri(env: Env): string | undefined {
  const value = env[CREDENTIALS_URI_VARIABLE]?.trim()
  if (!value) return undefined
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password) {
    throw new CredentialsError(
      `${CREDENTIALS_URI_VARIABLE} must be an http:// or https:// URL without a user name or ` +
        `password; ${got(value)}`
    )
  }
  return url.href
}

/** Asks the credentials URI (a sidecar or a local agent) for temporary credentials. */
export async function readCredentialsUri(
  uri: string,
  transport: Transport,
  timeoutMs: number
): Promise<ExpiringCredentials> {
  const where = `The credentials URI (${CREDENTIALS_URI_VARIABLE})`
  const answer = await transport
    .send({ url: uri, method: 'GET', headers: { accept: 'application/json' }, timeoutMs })
    .catch((error: unknown) => {
      throw new CredentialsError(`${where} did not answer: ${errorMessage(error)}`)
    })
  if (answer.status !== 200) throw new CredentialsError(`${where} answered HTTP ${answer.status}`)
  return parseExpiringCredentials(answer.body, where)
}
