import { CredentialsError, got } from '../errors.js'
import type { Credentials } from './signer.js'

/**
 * Credential fields from outside (STS, the metadata service, a credentials URI, a file) go into
 * request headers: printable ASCII without spaces, commas or quotes, and bounded, so none can
 * split a header, add a field to `Authorization` or flood a log.
 */
const KEY_ID = /^[A-Za-z0-9._-]{1,128}$/
/** `!`, `#`–`&`, `(`–`+`, `-`–`~`: printable ASCII but the space, `"`, `'` and `,`. */
const HEADER_SAFE = /^[!#-&(-+\--~]+$/
export const MAX_SECRET_LENGTH = 256
export const MAX_TOKEN_LENGTH = 16_384

const isHeaderSafe = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max && HEADER_SAFE.test(value)

/** A key pair (with its token, when it has one), checked field by field; `where` names the source. */
export function checkedCredentials(
  fields: { accessKeyId: unknown; accessKeySecret: unknown; securityToken?: unknown },
  where: string
): Credentials {
  const { accessKeyId, accessKeySecret, securityToken } = fields
  // The ID is not secret: an error may show it; the secret and token are never shown.
  if (typeof accessKeyId !== 'string' || !KEY_ID.test(accessKeyId)) {
    const shown = typeof accessKeyId === 'string' ? got(accessKeyId) : 'got none'
    throw new CredentialsError(`${where} has no valid AccessKeyId (${shown})`)
  }
  if (!isHeaderSafe(accessKeySecret, MAX_SECRET_LENGTH)) {
    throw new CredentialsError(`${where} has no valid AccessKeySecret for ${accessKeyId}`)
  }
  if (securityToken === undefined || securityToken === null || securityToken === '') {
    return { accessKeyId, accessKeySecret }
  }
  if (!isHeaderSafe(securityToken, MAX_TOKEN_LENGTH)) {
    throw new CredentialsError(`${where} has a SecurityToken that is not valid for ${accessKeyId}`)
  }
  return { accessKeyId, accessKeySecret, securityToken }
}

/** ISO 8601 with seconds, optional fraction, and a zone: `Z` or an explicit offset. */
const EXPIRATION = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/

/**
 * When temporary credentials end. A time without a zone would be read in the runner's local
 * time (off by hours with TZ set), so it is refused rather than guessed.
 */
export function parseExpiration(value: unknown, where: string): Date {
  const text = typeof value === 'string' ? value.trim() : ''
  const date = EXPIRATION.test(text) ? new Date(text) : undefined
  if (date && !Number.isNaN(date.getTime())) return date
  const shown = typeof value === 'string' ? got(value) : 'got none'
  throw new CredentialsError(
    `${where} gave credentials without a valid Expiration (a UTC time such as ` +
      `2026-12-31T10:00:00Z, or one with an offset; ${shown})`
  )
}
