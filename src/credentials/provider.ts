import type { Clock } from '../clock.js'
import { type CredentialSource, describeCredentialSource } from './source.js'
import { formatDuration } from '../duration.js'
import type { Env } from './environment.js'
import { errorMessage } from '../errors.js'
import { type IdTokenFetcher, fetchGitHubIdToken } from './github-id-token.js'
import type { Transport } from '../http/transport.js'
import type { OidcRole } from './oidc-role.js'
import { type Credentials, formatAcsDate } from '../aliyun/signer.js'
import { assumeRoleWithOidc } from '../aliyun/sts-client.js'

/** What signs each request; the client asks it before every call, so it may renew in between. */
export interface CredentialProvider {
  /** Where the credentials come from, for the log; never a secret. */
  readonly description: string
  get(): Promise<Credentials>
}

export interface CredentialProviderDeps {
  transport: Transport
  clock: Clock
  getIDToken: IdTokenFetcher
  env: Env
  maskSecret: (secret: string) => void
  /** Budget for one STS call, retries included. */
  requestTimeoutMs: number
  log: { info(message: string): void; warning(message: string): void }
  signal?: AbortSignal
}

/** Renew this long before the credentials expire, or at half their life if that is shorter. */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000

export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(RENEW_BEFORE_EXPIRY_MS, lifetimeMs / 2)
}

export function createCredentialProvider(
  source: CredentialSource,
  deps: CredentialProviderDeps
): CredentialProvider {
  const description = describeCredentialSource(source)
  if (source.kind !== 'oidc') return { description, get: async () => source.credentials }
  const session = new OidcRoleSession(source.role, deps)
  return { description, get: () => session.credentials() }
}

interface Held {
  credentials: Credentials
  /** Local clock times. */
  expiresAt: number
  renewAt: number
}

/**
 * Temporary credentials for a role, assumed with a GitHub ID token and assumed again (with a fresh
 * ID token) before they expire, so that a wait can outlast one session.
 */
class OidcRoleSession {
  private held?: Held
  private renewing?: Promise<Credentials>

  constructor(
    private readonly role: OidcRole,
    private readonly deps: CredentialProviderDeps
  ) {}

  async credentials(): Promise<Credentials> {
    if (this.held && this.deps.clock.now() < this.held.renewAt) return this.held.credentials
    // Callers that ask while a renewal is under way share it.
    this.renewing ??= this.renew().finally(() => (this.renewing = undefined))
    return this.renewing
  }

  private async renew(): Promise<Credentials> {
    const { clock, log } = this.deps
    const previous = this.held
    try {
      this.held = await this.assume()
    } catch (error) {
      // A failed renewal need not stop the wait while the current credentials still work.
      if (!previous || clock.now() >= previous.expiresAt) throw error
      log.warning(
        `Could not renew the credentials of ${this.role.roleArn}: ${errorMessage(error)}. ` +
          `Going on with the current ones, which expire in ${formatDuration(previous.expiresAt - clock.now())}`
      )
      return previous.credentials
    }
    const { expiresAt } = this.held
    log.info(
      `${previous ? 'Renewed the credentials of' : 'Assumed'} ${this.role.roleArn}: ` +
        `valid for ${formatDuration(expiresAt - clock.now())} (until ${formatAcsDate(new Date(expiresAt))})`
    )
    return this.held.credentials
  }

  private async assume(): Promise<Held> {
    const { role, deps } = this
    const oidcToken = await fetchGitHubIdToken(
      deps.getIDToken,
      role.audience,
      deps.env,
      deps.maskSecret
    )
    const assumed = await assumeRoleWithOidc(
      { ...role, oidcToken },
      {
        endpoint: role.stsEndpoint,
        transport: deps.transport,
        clock: deps.clock,
        timeoutMs: deps.requestTimeoutMs,
        context: { ...role, repository: deps.env.GITHUB_REPOSITORY },
        signal: deps.signal
      }
    )
    deps.maskSecret(assumed.credentials.accessKeySecret)
    deps.maskSecret(assumed.credentials.securityToken)
    // Measured on the server's clock, so a runner clock that is off does not shift the renewal.
    const now = deps.clock.now()
    const lifetimeMs = Math.max(
      0,
      assumed.expiration.getTime() - (assumed.serverDate?.getTime() ?? now)
    )
    return {
      credentials: assumed.credentials,
      expiresAt: now + lifetimeMs,
      renewAt: now + lifetimeMs - renewalMarginMs(lifetimeMs)
    }
  }
}
