import { CredentialsError } from '../errors.js'
import type { Env } from './environment.js'
import type { Transport } from '../http/transport.js'
import { isLoopbackHost } from '../http/loopback.js'
import { type ExpiringCredentials, parseExpiringCredentials } from './credentials-json.js'

export const CREDENTIALS_URI_VARIABLE = 'ALIBABA_CLOUD_CREDENTIALS_URI'

/** A credentials URI: where to ask, and how to name it without what it may hide. */
export interface CredentialsUri {
  href: string
  /** `scheme://host:port`: never the user info, path or query, which may carry a token. */
  shown: string
  /** Plain http:// (loopback only): sent directly, never through a proxy. */
  plain: boolean
}

/**
 * The credentials URI of the environment, if one is set: https://, or plain http:// to a
 * loopback host (a local agent), since what it answers is a secret.
 */
export function credentialsUri(env: Env): CredentialsUri | undefined {
  const value = env[CREDENTIALS_URI_VARIABLE]?.trim()
  if (!value) return undefined
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (!url || !/^https?:$/.test(url.protocol)) {
    // Unparsable, it cannot be shown in part: it is not shown at all.
    throw new CredentialsError(
      `${CREDENTIALS_URI_VARIABLE} must be an https:// URL (or http:// to a loopback host)`
    )
  }
  const shown = uriOrigin(url)
  const plain = url.protocol === 'http:'
  if (plain && !isLoopbackHost(url.hostname)) {
    throw new CredentialsError(
      `${CREDENTIALS_URI_VARIABLE} at ${shown} is plain http:// to a host that is not this ` +
        'machine: credentials would cross the network in clear. Use https://, or http:// to ' +
        'localhost, 127.0.0.1 or [::1]'
    )
  }
  if (url.username || url.password) {
    throw new CredentialsError(
      `${CREDENTIALS_URI_VARIABLE} at ${shown} carries a user name or password, which would be ` +
        'sent along and shown in logs: put what the agent needs in its path or query instead'
    )
  }
  return { href: url.href, shown, plain }
}

/** The scheme, host and port, the port always written out. */
function uriOrigin(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return `${url.protocol}//${url.hostname}:${port}`
}

/**
 * Asks the credentials URI (a sidecar or a local agent) for temporary credentials. `direct`
 * reaches plain-http agents without the proxy settings.
 */
export async function readCredentialsUri(
  uri: CredentialsUri,
  transports: { transport: Transport; direct: Transport },
  timeoutMs: number
): Promise<ExpiringCredentials> {
  const where = `The credentials URI (${CREDENTIALS_URI_VARIABLE}) at ${uri.shown}`
  const transport = uri.plain ? transports.direct : transports.transport
  const answer = await transport
    .send({ url: uri.href, method: 'GET', headers: { accept: 'application/json' }, timeoutMs })
    .catch((error: unknown) => {
      throw new CredentialsError(`${where} did not answer: ${networkFault(error)}`)
    })
  if (answer.status !== 200) throw new CredentialsError(`${where} answered HTTP ${answer.status}`)
  return parseExpiringCredentials(answer.body, where)
}

/** A transport error by its code alone: its message names the request's path. */
function networkFault(error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (code === 'TIMEOUT') return 'no complete response in time'
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'network error'
}
