import { type ServiceFailure, classifyTransient } from './service-errors.js'

/** Who asks STS for the role: what the hints can name besides the role. */
export type StsCaller =
  | {
      kind: 'github-oidc'
      oidcProviderArn: string
      audience: string
      /** `owner/repo`, for an example `oidc:sub` condition. */
      repository?: string
    }
  /** ACK's RRSA: a token file the cluster mounts into the pod. */
  | { kind: 'oidc-token-file'; oidcProviderArn: string; tokenFile: string }
  /** AssumeRole signed with a key; `source` says where the key came from. */
  | { kind: 'key'; source: string }

/** What the hints can name: the inputs behind the call. */
export interface StsErrorContext {
  roleArn: string
  durationSeconds: number
  caller: StsCaller
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
  if (code.startsWith('AuthenticationFail.OIDCToken')) {
    return { kind: 'auth', hint: oidcTokenHint(code, context.caller) }
  }
  if (code.startsWith('InvalidAccessKeyId') || code.startsWith('InvalidSecurityToken')) {
    return { kind: 'auth', hint: `Check the key that signs AssumeRole (${callerName(context)})` }
  }
  if (code === 'SignatureDoesNotMatch') {
    return {
      kind: 'auth',
      hint: `The AccessKey secret does not match its ID (${callerName(context)})`
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
    return { kind: 'not-found', hint: `Check ${rolesToCheck(context)}` }
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
    hint: `Check ${rolesToCheck(context)}, and the session name`
  }
}

function rolesToCheck({ roleArn, caller }: StsErrorContext): string {
  switch (caller.kind) {
    case 'github-oidc':
      return 'role-to-assume and oidc-provider-arn'
    case 'oidc-token-file':
      return `the role ${roleArn} and the OIDC provider ${caller.oidcProviderArn}`
    case 'key':
      return `the role ${roleArn}`
  }
}

function callerName({ caller }: StsErrorContext): string {
  return caller.kind === 'key' ? caller.source : caller.oidcProviderArn
}

function oidcTokenHint(code: string, caller: StsCaller): string {
  if (caller.kind === 'oidc-token-file') {
    return (
      `Check the OIDC token file ${caller.tokenFile} and the RAM OIDC provider ` +
      `${caller.oidcProviderArn}: the provider's issuer must be the cluster's RRSA issuer, and ` +
      "the token must be the one the cluster mounts and renews (check the runner's clock too)"
    )
  }
  if (caller.kind !== 'github-oidc') return 'Check the OIDC token'
  if (code === 'AuthenticationFail.OIDCToken.AudienceNotMatch') {
    return (
      `The audience input (${caller.audience}) must be one of the Client IDs of the RAM OIDC ` +
      `provider ${caller.oidcProviderArn}: add it there, or set audience to one of them`
    )
  }
  if (code === 'AuthenticationFail.OIDCToken.Expired') {
    return "The GitHub ID token had expired when STS checked it: check the runner's clock"
  }
  return (
    `Check the RAM OIDC provider ${caller.oidcProviderArn}: its issuer URL must be ` +
    `${GITHUB_ISSUER} (on GitHub Enterprise Server, your server's issuer) and its ` +
    'fingerprint the current one of that host'
  )
}

function trustPolicyHint({ caller }: StsErrorContext): string {
  switch (caller.kind) {
    case 'key':
      return (
        `The caller (${caller.source}) needs permission to call sts:AssumeRole on the role ` +
        "(the AliyunSTSAssumeRoleAccess policy, or a narrower one), and the role's trust policy " +
        "must name the caller's account or RAM user as a RAM principal"
      )
    case 'oidc-token-file':
      return (
        `The role's trust policy must let ${caller.oidcProviderArn} assume it, with conditions ` +
        "the pod's token meets (oidc:aud = sts.aliyuncs.com, oidc:iss = the cluster's issuer, " +
        'oidc:sub = system:serviceaccount:<namespace>:<service account>)'
      )
  }
  const sub = `repo:${caller.repository || '<owner>/<repo>'}:*`
  return (
    `The role's trust policy must let ${caller.oidcProviderArn} assume it (check that ARN too), ` +
    `with conditions this job's ID token meets: oidc:aud = ${caller.audience}, oidc:iss = ` +
    `${GITHUB_ISSUER}, and oidc:sub like ${sub} (after the repository, the sub names the ` +
    "job's branch, tag, environment or pull_request)"
  )
}
