import { CredentialsError, got } from '../errors.js'
import type { Credentials } from '../aliyun/signer.js'
import { checkedCredentials, parseExpiration } from '../aliyun/credential-fields.js'

export { checkedCredentials }

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
  return { credentials, expiration: parseExpiration(fields.Expiration, where) }
}
