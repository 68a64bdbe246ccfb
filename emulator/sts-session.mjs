// What STS AssumeRole and AssumeRoleWithOIDC share: their error codes, the session name and
// duration rules, and the answer that hands out the role's credentials.
import { randomText } from './credential-issuer.mjs'

export const STS_VERSION = '2015-04-01'
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/
const MIN_DURATION_S = 900
const DEFAULT_DURATION_S = 3600
const DEFAULT_MAX_SESSION_S = 3600

/** STS's own codes, with the status and wording of its error code list (see README.md). */
const STS_ERRORS = /** @type {const} */ ({
  MissingParameter: [400, 'A mandatory parameter is not supplied.'],
  'InvalidParameter.RoleSessionName': [400, 'The parameter RoleSessionName is wrongly formed.'],
  'InvalidParameter.DurationSeconds': [400, 'The Min/Max value of DurationSeconds is 15min/1hr.'],
  'AuthenticationFail.OIDCToken.Invalid': [
    401,
    'The Jwt content is invalid that cannot be recognized.'
  ],
  'AuthenticationFail.OIDCToken.InvalidSignature': [
    401,
    'OIDC token validate failed: invalid signature.'
  ],
  'AuthenticationFail.OIDCToken.Expired': [401, 'This JsonWebToken is expired.'],
  'AuthenticationFail.OIDCToken.IssuerNotMatch': [401, 'Invalid issuer.'],
  'AuthenticationFail.OIDCToken.AudienceNotMatch': [401, 'Invalid audience.'],
  'AuthenticationFail.NoPermission': [401, 'There is no permission'],
  NoPermission: [403, 'You are not authorized to do this action. You should be authorized by RAM.'],
  'EntityNotExist.Role': [404, 'The role not exists.']
})

/**
 * @param {keyof typeof STS_ERRORS} code
 * @param {string} [message] instead of the standard one
 * @returns {{ error: import('./api-errors.mjs').ApiError }}
 */
export function refuse(code, message) {
  const [status, standard] = STS_ERRORS[code]
  return { error: { status, code, message: message ?? standard } }
}

/**
 * The first mandatory parameter missing (or empty), refused.
 * @param {Record<string, string>} params
 * @param {string[]} names
 */
export function missingParameter(params, names) {
  const missing = names.find(name => !params[name])
  if (missing === undefined) return undefined
  return refuse(
    'MissingParameter',
    `The input parameter "${missing}" that is mandatory for processing this request is not supplied.`
  )
}

/** @param {string | undefined} sessionName */
export function sessionNameError(sessionName) {
  return SESSION_NAME.test(sessionName ?? '')
    ? undefined
    : refuse('InvalidParameter.RoleSessionName')
}

/**
 * DurationSeconds (default 3600) within 900 and the role's maximum.
 * @param {string | undefined} text
 * @param {import('./types.mjs').RoleSpec} role
 * @returns {{ seconds: number } | { error: import('./api-errors.mjs').ApiError }}
 */
export function sessionDuration(text, role) {
  const maxSession = role.maxSessionDurationSeconds ?? DEFAULT_MAX_SESSION_S
  const seconds = Number(text ?? DEFAULT_DURATION_S)
  if (Number.isInteger(seconds) && seconds >= MIN_DURATION_S && seconds <= maxSession) {
    return { seconds }
  }
  return refuse(
    'InvalidParameter.DurationSeconds',
    `The Min/Max value of DurationSeconds is 15min/${maxSession / 3600}hr.`
  )
}

/**
 * Issues the role's credentials for a session of `params.DurationSeconds` (checked against the
 * role's maximum): they live `credentialLifetimeMs` (the role's, else the one given) when set,
 * else the session's duration.
 * @param {import('./credential-issuer.mjs').CredentialIssuer} issuer
 * @param {import('./types.mjs').RoleSpec} role
 * @param {Record<string, string>} params the call's RoleSessionName and DurationSeconds
 * @param {number | undefined} credentialLifetimeMs
 * @param {string} requestId
 * @returns {{ body: Record<string, unknown> } | { error: import('./api-errors.mjs').ApiError }}
 */
export function assumedRoleAnswer(issuer, role, params, credentialLifetimeMs, requestId) {
  const duration = sessionDuration(params.DurationSeconds, role)
  if ('error' in duration) return duration
  const sessionName = params.RoleSessionName ?? ''
  const lifetimeMs = role.credentialLifetimeMs ?? credentialLifetimeMs ?? duration.seconds * 1000
  const issued = issuer.issue(lifetimeMs)
  const account = role.arn.match(/^acs:ram::(\d+):/)?.[1] ?? '0'
  const body = {
    RequestId: requestId,
    Credentials: issuer.fields(issued),
    AssumedRoleUser: {
      AssumedRoleId: `${account}${randomText(6)}:${sessionName}`,
      Arn: `${role.arn.replace(':role/', ':assumed-role/')}/${sessionName}`
    }
  }
  return { body }
}

/**
 * STS takes its parameters from the query and, for a POST, the form body
 * (`application/x-www-form-urlencoded`); the query wins where both name one.
 * @param {import('./received-request.mjs').ReceivedRequest} received
 * @returns {Record<string, string>}
 */
export function stsParameters(received) {
  const type = received.headers.get('content-type')?.[0] ?? ''
  const form = type.startsWith('application/x-www-form-urlencoded')
    ? Object.fromEntries(new URLSearchParams(received.body.toString('utf8')))
    : {}
  return { ...form, ...received.query }
}
