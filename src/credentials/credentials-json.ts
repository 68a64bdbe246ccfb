import { CredentialsError, got } from '../errors.js'
import type { Credentials } from '../aliyun/signer.js'

/**
 * Credential fields from outside (a metadata answer, a credentials URI, a profile) go into
 * request headers: printable ASCII only, bounded, so none can split a header or flood a log.
 */
const KEY_ID = /^[A-Za-z0-9._-]{1,128}$/
const SECRET = /^[\x21-\x7e]{1,256}$/
const TOKEN = /^[\x21-\x7e]{1,16384}$/

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
  if (typeof accessKeySecret !== 'string' || !SECRET.test(accessKeySecret)) {
    throw new CredentialsError(`${where} has no valid AccessKeySecret for ${accessKeyId}`)
  }
  if (securityToken === undefined || securityToken === null || securityToken === '') {
    return { accessKeyId, accessKeySecret }
  }
  if (typeof securityToken !== 'string' || !TOKEN.test(securityToken)) {
    throw new CredentialsError(`${where} has a SecurityToken that is not valid for ${accessKeyId}`)
  }
  return { accessKeyId, accessKeySecret, securityToken }
}

/** Temporary credentials as the ECS metadata service and credentials URIs give them. */
export interface ExpiringCredentials {
  credentials: Credentials
  expiration: Date
}

/**
 * `{ Code, AccessKeyId, AccessKeySecret, SecurityToken, Expiration }`: a `Code` other than
 * `Success` is a refusal, whose code (never the rest of the body) the error names.
 */
export function parseExpiringCredentials(text: string, where: string): ExpiringCredentials {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new CredentialsError(`${where} answered with something that is not JSON`)
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new CredentialsError(`${where} answered with JSON that is not an object`)
  }
  const fields = body as Record<string, unknown>
  if (fields.Code !== undefined && fields.Code !== null && fields.Code !== 'Success') {
    const code = typeof fields.Code === 'string' ? got(fields.Code) : 'got no string'
    throw new CredentialsError(
      `${where} refused to give credentials: Code is not Success (${code})`
    )
  }
  const credentials = checkedCredentials(
    {
      accessKeyId: fields.AccessKeyId,
      accessKeySecret: fields.AccessKeySecret,
      securityToken: fields.SecurityToken
    },
    where
  )
  const expiration = typeof fields.Expiration === 'string' ? new Date(fields.Expiration) : undefined
  if (!expiration || Number.isNaN(expiration.getTime())) {
    throw new CredentialsError(`${where} gave credentials without a valid Expiration`)
  }
  return { credentials, expiration }
}
