import { type ServiceFailure, classifyTransient } from './service-errors.js'

/** What the hints can name: the inputs behind the call. */
export interface StsErrorContext {
  roleArn: string
  oidcProviderArn: string
  audience: string
  durationSeconds: number
  /** `owner/repo`, for an example `oidc:sub` condition. */
  repository?: string
}

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/**
 * Maps an STS error to what to do with it. Only throttling and server faults are worth another
 * try; the rest are configuration in RAM or in the workflow, and the hint says where.
 */
export function classifyStsError(
  httpStatus: number,
  code: string,
  context: StsErrorContext
): ServiceFailure {
  const transient = classifyTransient(httpStatus, code)
  if (transient) return transient
  if (code === 'InternalError') return { kind: 'server' }
  if (code.startsWith('InvalidTimeStamp')) {
    return { kind: 'clock', hint: "The runner's clock is off; fix its time synchronisation" }
  }
  if (code === 'AuthenticationFail.OIDCToken.AudienceNotMatch') {
    return {
      kind: 'auth',
      hint:
        `The audience input (${context.audience}) must be one of the Client IDs of the RAM OIDC ` +
        `provider ${context.oidcProviderArn}: add it there, or set audience to one of them`
    }
  }
  if (code === 'AuthenticationFail.OIDCToken.Expired') {
    return {
      kind: 'auth',
      hint: "The GitHub ID token had expired when STS checked it: check the runner's clock"
    }
  }
  if (code.startsWith('AuthenticationFail.OIDCToken')) {
    return {
      kind: 'auth',
      hint:
        `Check the RAM OIDC provider ${context.oidcProviderArn}: its issuer URL must be ` +
        `${GITHUB_ISSUER} (on GitHub Enterprise Server, your server's issuer) and its ` +
        'fingerprint the current one of that host'
    }
  }
  if (/^(?:AuthenticationFail|NoPermission|Forbidden)/.test(code) || httpStatus === 403) {
    return { kind: 'permission', hint: trustPolicyHint(context) }
  }
  if (code === 'EntityNotExist.Role') {
    return {
      kind: 'not-found',
      hint: `Check role-to-assume (${context.roleArn}): the account ID and role name must be those of an existing RAM role`
    }
  }
  if (code.startsWith('EntityNotExist')) {
    return { kind: 'not-found', hint: 'Check role-to-assume and oidc-provider-arn' }
  }
  if (code === 'InvalidParameter.DurationSeconds') {
    return {
      kind: 'validation',
      hint:
        `role-duration-seconds (${context.durationSeconds}) must be at least 900 and at most ` +
        "the role's maximum session duration (1 hour unless raised in RAM)"
    }
  }
  return {
    kind: 'validation',
    hint: 'Check role-to-assume, oidc-provider-arn and role-session-name'
  }
}

function trustPolicyHint({ oidcProviderArn, audience, repository }: StsErrorContext): string {
  const sub = `repo:${repository || '<owner>/<repo>'}:*`
  return (
    `The role's trust policy must let ${oidcProviderArn} assume it (check that ARN too), with ` +
    `conditions this job's ID token meets: oidc:aud = ${audience}, oidc:iss = ${GITHUB_ISSUER}, ` +
    `and oidc:sub like ${sub} (after the repository, the sub names the job's branch, tag, ` +
    'environment or pull_request)'
  )
}
