import { ApiError, CredentialsError, got } from '../errors.js'
import { type Env, isSwitchedOn } from './environment.js'
import type { HttpResponse, Transport } from '../http/transport.js'
import { isLoopbackHost } from '../http/loopback.js'
import { type ExpiringCredentials, parseExpiringCredentials } from './credentials-json.js'

/** The ECS instance metadata service, reachable only from the instance itself. */
export const METADATA_ORIGIN = 'http://100.100.100.200'
/**
 * Tests only: another origin for the metadata service, on loopback (never a real host, so it
 * cannot send a runner's requests anywhere else).
 */
export const TEST_METADATA_ORIGIN_VARIABLE = 'WAIT_FOR_PAI_DSW_TEST_METADATA_ORIGIN'
/** Outside Alibaba Cloud the address does not answer: a probe waits this long, no more. */
export const METADATA_PROBE_TIMEOUT_MS = 1000
/** Once the service has answered, a slower answer is still worth waiting for. */
const METADATA_TIMEOUT_MS = 5000
/** The longest metadata token there is (6 hours); one is asked for at every renewal anyway. */
const TOKEN_TTL_SECONDS = '21600'
const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/'
const ROLE_NAME = /^[A-Za-z0-9._-]{1,64}$/

export interface MetadataSettings {
  origin: string
  /** From ALIBABA_CLOUD_ECS_METADATA; otherwise the service says which role is attached. */
  roleName?: string
  /** ALIBABA_CLOUD_IMDSV1_DISABLED: never read metadata without a token. */
  tokenRequired: boolean
  /** Who named the role, for errors: the variable, or the profile. */
  roleFrom?: string
}

/** How to stop the action asking the metadata service, for errors that send the user away. */
export const TURN_METADATA_OFF =
  'set ALIBABA_CLOUD_ECS_METADATA_DISABLED=true to turn this source off'

export function isMetadataDisabled(env: Env): boolean {
  return isSwitchedOn(env.ALIBABA_CLOUD_ECS_METADATA_DISABLED)
}

/**
 * The metadata service's settings of the environment. `role` is a role named elsewhere (a
 * profile's, with `from` naming it), which takes the place of ALIBABA_CLOUD_ECS_METADATA.
 */
export function metadataSettings(
  env: Env,
  role?: { name: string; from: string }
): MetadataSettings {
  const fromEnv = env.ALIBABA_CLOUD_ECS_METADATA?.trim()
  const roleFrom = role?.name ? role.from : fromEnv ? 'ALIBABA_CLOUD_ECS_METADATA' : undefined
  const roleName = role?.name || fromEnv || undefined
  if (roleName && !ROLE_NAME.test(roleName)) {
    throw new CredentialsError(
      `${roleFrom} must name the instance's RAM role (letters, digits and . _ -, up to 64); ` +
        got(roleName)
    )
  }
  return {
    origin: metadataOrigin(env),
    roleName,
    tokenRequired: isSwitchedOn(env.ALIBABA_CLOUD_IMDSV1_DISABLED),
    ...(roleFrom && { roleFrom })
  }
}

function metadataOrigin(env: Env): string {
  const override = env[TEST_METADATA_ORIGIN_VARIABLE]?.trim()
  if (!override) return METADATA_ORIGIN
  const url = URL.canParse(override) ? new URL(override) : undefined
  if (
    !url ||
    url.protocol !== 'http:' ||
    !isLoopbackHost(url.hostname) ||
    url.origin !== override
  ) {
    throw new CredentialsError(
      `${TEST_METADATA_ORIGIN_VARIABLE} (for tests) must be an http:// origin on loopback; ${got(override)}`
    )
  }
  return url.origin
}

/**
 * The metadata service did not answer at all: this runner is not on ECS. An error of its own,
 * since with no role named the chain goes on; with one, it explains itself.
 */
export class NoMetadataService extends CredentialsError {
  constructor(settings: MetadataSettings, timeoutMs: number, cause: ApiError) {
    const why =
      cause.code === 'TIMEOUT'
        ? `did not answer within ${timeoutMs / 1000} s`
        : `could not be reached (${cause.code ?? cause.kind})`
    const role = settings.roleName
      ? `, so the RAM role ${settings.roleName} (named by ${settings.roleFrom}) cannot be read. ` +
        'Run the step on the ECS instance that role is attached to, or ' +
        (settings.roleFrom === 'ALIBABA_CLOUD_ECS_METADATA'
          ? `unset ALIBABA_CLOUD_ECS_METADATA or ${TURN_METADATA_OFF}`
          : `use another source: ${TURN_METADATA_OFF}`)
      : ''
    super(`The ECS metadata service at ${settings.origin} ${why}${role}`)
  }
}
/** The service answered, but the instance has no RAM role attached. */
export class NoRoleAttached extends CredentialsError {
  constructor(settings: MetadataSettings) {
    super(
      `The ECS metadata service at ${settings.origin} answered, but this instance has no RAM ` +
        'role attached'
    )
  }
}

/**
 * Reads the instance's RAM role credentials the hardened way (IMDSv2): a session token first,
 * then the role name and its credentials with that token. The first request is the probe: no
 * answer within `firstTimeoutMs` means no metadata service (NoMetadataService).
 */
export async function readEcsRamRole(
  settings: MetadataSettings,
  transport: Transport,
  maskSecret: (secret: string) => void,
  firstTimeoutMs = METADATA_PROBE_TIMEOUT_MS
): Promise<ExpiringCredentials & { roleName: string }> {
  const token = await metadataToken(settings, transport, firstTimeoutMs)
  // The session token reads the role's credentials: a secret like them.
  if (token) maskSecret(token)
  const headers: Record<string, string> = token ? { 'x-aliyun-ecs-metadata-token': token } : {}
  const get = (path: string) =>
    send(transport, { url: `${settings.origin}${path}`, method: 'GET', headers })
  const roleName =
    settings.roleName ?? (await attachedRoleName(settings, await get(CREDENTIALS_PATH)))
  const answer = await get(`${CREDENTIALS_PATH}${roleName}`)
  const where = `The ECS metadata service, for RAM role ${roleName},`
  if (answer.status !== 200) {
    throw new CredentialsError(
      `${where} answered HTTP ${answer.status}` +
        (answer.status === 404 ? ': check that this role is the one attached to the instance' : '')
    )
  }
  return { ...parseExpiringCredentials(answer.body, where), roleName }
}

async function metadataToken(
  settings: MetadataSettings,
  transport: Transport,
  timeoutMs: number
): Promise<string | undefined> {
  let answer: HttpResponse
  try {
    answer = await transport.send({
      url: `${settings.origin}/latest/api/token`,
      method: 'PUT',
      headers: { 'x-aliyun-ecs-metadata-token-ttl-seconds': TOKEN_TTL_SECONDS },
      timeoutMs
    })
  } catch (error) {
    if (error instanceof ApiError && error.httpStatus === undefined) {
      throw new NoMetadataService(settings, timeoutMs, error)
    }
    throw error
  }
  const token = answer.body.trim()
  if (answer.status === 200 && /^[\x21-\x7e]{1,1024}$/.test(token)) return token
  // An older service without tokens may still serve metadata, unless the runner forbids that.
  if (!settings.tokenRequired) return undefined
  throw new CredentialsError(
    `The ECS metadata service gave no session token (HTTP ${answer.status}), and ` +
      'ALIBABA_CLOUD_IMDSV1_DISABLED forbids reading metadata without one'
  )
}

async function attachedRoleName(settings: MetadataSettings, answer: HttpResponse): Promise<string> {
  const name = answer.body.trim().split('\n')[0]?.trim() ?? ''
  if (answer.status === 404 || (answer.status === 200 && !name)) {
    throw new NoRoleAttached(settings)
  }
  if (answer.status !== 200 || !ROLE_NAME.test(name)) {
    throw new CredentialsError(
      `The ECS metadata service did not name the instance's RAM role (HTTP ${answer.status}` +
        `${answer.status === 200 ? `, ${got(name)}` : ''})`
    )
  }
  return name
}

function send(
  transport: Transport,
  request: { url: string; method: string; headers: Record<string, string> }
): Promise<HttpResponse> {
  return transport.send({ ...request, timeoutMs: METADATA_TIMEOUT_MS }).catch((error: unknown) => {
    // What went wrong only: the network error's hints are about the endpoint inputs.
    const what = error instanceof ApiError ? (error.serviceMessage ?? error.kind) : 'no answer'
    throw new CredentialsError(`The ECS metadata service stopped answering: ${what}`)
  })
}
