import type { Clock } from '../clock.js'
import type { Credentials } from '../aliyun/signer.js'
import { errorMessage } from '../errors.js'
import { formatDuration } from '../duration.js'
import { formatAcsDate } from '../aliyun/signer.js'

/** Temporary credentials and when they end, on the local clock. */
export interface Lease {
  credentials: Credentials
  expiresAt: number
}

export interface SessionDeps {
  clock: Clock
  maskSecret: (secret: string) => void
  log: { info(message: string): void; warning(message: string): void }
}

/** Renew this long before the credentials expire, or at half their life if that is shorter. */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000

/**
 * However soon credentials say they end, they are not asked for again within this long: an
 * answer that looks expired at once (a wrong clock, a bad Expiration) must not turn every API
 * call into a request to the source.
 */
export const MIN_RENEWAL_INTERVAL_MS = 60_000

export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(RENEW_BEFORE_EXPIRY_MS, lifetimeMs / 2)
}

/**
 * A lease from a stated expiry. Measured on the server's clock when it gave its time (a `Date`
 * header), so a runner clock that is off does not shift the renewal.
 */
export function leaseUntil(
  credentials: Credentials,
  expiration: Date,
  now: number,
  serverDate?: Date
): Lease {
  const lifetimeMs = Math.max(0, expiration.getTime() - (serverDate?.getTime() ?? now))
  return { credentials, expiresAt: now + lifetimeMs }
}

/** What a session is of, for its log lines: `Assumed <role>` or `Got the credentials of <what>`. */
export interface SessionSubject {
  name: string
  /** A role assumed through STS, rather than credentials handed out as they are. */
  assumed: boolean
}

/**
 * Temporary credentials from any source, got again before they expire so that a wait can outlast
 * one session. Every secret is masked as soon as it arrives, before anything can print it.
 */
export class TemporarySession {
  private held?: Lease & { renewAt: number }
  private renewing?: Promise<Credentials>
  /** When the source was last asked, answered or not. */
  private askedAt = -Infinity

  constructor(
    private readonly subject: SessionSubject,
    private readonly obtain: () => Promise<Lease>,
    private readonly deps: SessionDeps
  ) {}

  async credentials(): Promise<Credentials> {
    const now = this.deps.clock.now()
    const spaced = now < this.askedAt + MIN_RENEWAL_INTERVAL_MS
    if (this.held && (spaced || now < this.held.renewAt)) return this.held.credentials
    // Callers that ask while a renewal is under way share it.
    this.renewing ??= this.renew().finally(() => (this.renewing = undefined))
    return this.renewing
  }

  private async renew(): Promise<Credentials> {
    const { clock, log } = this.deps
    const { name } = this.subject
    const previous = this.held
    this.askedAt = clock.now()
    try {
      this.held = this.hold(await this.obtain())
    } catch (error) {
      // A failed renewal need not stop the wait while the current credentials still work.
      if (!previous || clock.now() >= previous.expiresAt) throw error
      log.warning(
        `Could not renew the credentials of ${name}: ${errorMessage(error)}. ` +
          `Going on with the current ones, which expire in ${formatDuration(previous.expiresAt - clock.now())}`
      )
      return previous.credentials
    }
    const { expiresAt } = this.held
    if (expiresAt - clock.now() < MIN_RENEWAL_INTERVAL_MS) {
      log.warning(
        `The credentials of ${name} are valid for less than a minute ` +
          `(until ${formatAcsDate(new Date(expiresAt))}); they are not asked for again within a minute`
      )
    }
    const first = this.subject.assumed ? 'Assumed' : 'Got the credentials of'
    log.info(
      `${previous ? 'Renewed the credentials of' : first} ${name}: ` +
        `valid for ${formatDuration(expiresAt - clock.now())} (until ${formatAcsDate(new Date(expiresAt))})`
    )
    return this.held.credentials
  }

  private hold(lease: Lease): Lease & { renewAt: number } {
    const { accessKeySecret, securityToken } = lease.credentials
    this.deps.maskSecret(accessKeySecret)
    if (securityToken) this.deps.maskSecret(securityToken)
    const lifetimeMs = Math.max(0, lease.expiresAt - this.deps.clock.now())
    return { ...lease, renewAt: lease.expiresAt - renewalMarginMs(lifetimeMs) }
  }
}
