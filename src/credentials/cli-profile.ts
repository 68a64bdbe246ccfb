import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseEndpoint, parseRegion } from '../aliyun/endpoint.js'
import { CredentialsError, errorMessage, got } from '../errors.js'
import type { Credentials } from '../aliyun/signer.js'
import { quoted } from '../text.js'
import type { Env } from './environment.js'
import { checkedCredentials } from './credentials-json.js'
import { type MetadataSettings, metadataSettings } from './ecs-ram-role.js'
import {
  type KeyRole,
  PROVIDER_ARN,
  ROLE_ARN,
  type RoleDefaults,
  parseDurationSeconds
} from './oidc-role.js'
import { parseRoleSessionName } from './role-session-name.js'
import type { TokenFileRole } from './oidc-token-file.js'

/** What a profile of the aliyun CLI gives: a key, or how to get temporary credentials. */
export type ProfileCredentials =
  | { kind: 'key'; credentials: Credentials }
  | { kind: 'assume-role'; role: KeyRole; base: ProfileCredentials }
  | { kind: 'ecs-ram-role'; metadata: MetadataSettings }
  | { kind: 'oidc-token-file'; role: TokenFileRole }

export interface CliProfile {
  name: string
  path: string
  via: ProfileCredentials
}

export const SUPPORTED_MODES = [
  'AK',
  'StsToken',
  'RamRoleArn',
  'ChainableRamRoleArn',
  'EcsRamRole',
  'OIDC'
] as const
/** The CLI's config is a few KiB; a chain of profiles longer than this is a loop or a mistake. */
const MAX_CONFIG_BYTES = 1024 * 1024
const MAX_CHAIN = 5

type Fields = Record<string, unknown>

/**
 * The current profile of the aliyun CLI (`~/.aliyun/config.json`), or the one
 * ALIBABA_CLOUD_PROFILE names. No file, or ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true: no profile.
 * A file that is there but unusable is an error naming the profile and what is wrong.
 */
export function readCliProfile(
  env: Env,
  defaults: RoleDefaults,
  maskSecret: (secret: string) => void
): CliProfile | undefined {
  if (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.trim().toLowerCase() === 'true') return undefined
  const path = join(env.HOME?.trim() || homedir(), '.aliyun', 'config.json')
  const config = readConfig(path)
  if (!config) return undefined
  const name = env.ALIBABA_CLOUD_PROFILE?.trim() || stringOf(config.current) || 'default'
  const profiles = Array.isArray(config.profiles) ? (config.profiles as unknown[]) : []
  const context = { path, profiles, defaults, env, maskSecret }
  return { name, path, via: profileCredentials(name, context, 0) }
}

function readConfig(path: string): Fields | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new CredentialsError(
      `The aliyun CLI config ${path} cannot be read: ${errorMessage(error)}`
    )
  }
  const config: unknown = text.length <= MAX_CONFIG_BYTES ? parseJson(text) : undefined
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw new CredentialsError(`The aliyun CLI config ${path} is not a JSON object of profiles`)
  }
  return config as Fields
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

interface ProfileContext {
  path: string
  profiles: unknown[]
  defaults: RoleDefaults
  env: Env
  maskSecret: (secret: string) => void
}

function profileCredentials(
  name: string,
  context: ProfileContext,
  depth: number
): ProfileCredentials {
  const where = `Profile ${quoted(name)} of the aliyun CLI config ${context.path}`
  const fields = context.profiles.find(
    (p): p is Fields => !!p && typeof p === 'object' && (p as Fields).name === name
  )
  if (!fields) throw new CredentialsError(`${where} does not exist`)
  const field = (key: string) => stringOf(fields[key])
  for (const key of ['access_key_secret', 'sts_token']) {
    if (field(key)) context.maskSecret(field(key))
  }
  const mode = field('mode') || 'AK'
  if (mode === 'ChainableRamRoleArn') {
    if (depth >= MAX_CHAIN) {
      throw new CredentialsError(`${where} starts a chain of more than ${MAX_CHAIN} profiles`)
    }
    const base = profileCredentials(field('source_profile'), context, depth + 1)
    return { kind: 'assume-role', role: profileRole(fields, context, where), base }
  }
  return modeCredentials(mode, field, { ...context, where, fields })
}

/** The modes that need no other profile. */
function modeCredentials(
  mode: string,
  field: (key: string) => string,
  context: ProfileContext & { where: string; fields: Fields }
): ProfileCredentials {
  const { where, fields } = context
  const key = (withToken: boolean) => ({
    kind: 'key' as const,
    credentials: checkedCredentials(
      {
        accessKeyId: field('access_key_id'),
        accessKeySecret: field('access_key_secret'),
        securityToken: withToken ? field('sts_token') : undefined
      },
      where
    )
  })
  switch (mode) {
    case 'AK':
      return key(false)
    case 'StsToken':
      return key(true)
    case 'RamRoleArn':
      return { kind: 'assume-role', role: profileRole(fields, context, where), base: key(false) }
    case 'EcsRamRole': {
      const metadata = metadataSettings(context.env)
      return {
        kind: 'ecs-ram-role',
        metadata: { ...metadata, roleName: field('ram_role_name') || undefined }
      }
    }
    case 'OIDC': {
      const oidcProviderArn = arnField(fields, 'oidc_provider_arn', PROVIDER_ARN.pattern, where)
      const tokenFile = field('oidc_token_file') || missing(where, 'oidc_token_file')
      const role = { ...profileRole(fields, context, where), oidcProviderArn, tokenFile }
      return { kind: 'oidc-token-file', role }
    }
  }
  throw new CredentialsError(
    `${where} has mode ${quoted(mode)}, which this action does not support; ` +
      `it supports ${SUPPORTED_MODES.join(', ')}`
  )
}

/** The role fields of a profile; what it leaves out comes from the role inputs. */
function profileRole(fields: Fields, context: ProfileContext, where: string): KeyRole {
  const field = (key: string) => stringOf(fields[key])
  const seconds = field('expired_seconds') || field('duration_seconds')
  const region = field('sts_region')
  const endpoint = field('sts_endpoint')
  let stsEndpoint = context.defaults.stsEndpoint
  try {
    if (endpoint) stsEndpoint = parseEndpoint('sts_endpoint', endpoint)
    else if (region)
      stsEndpoint = parseEndpoint(
        'sts_region',
        `sts.${parseRegion('sts_region', region)}.aliyuncs.com`
      )
    return {
      roleArn: arnField(fields, 'ram_role_arn', ROLE_ARN.pattern, where),
      roleSessionName: field('ram_session_name')
        ? parseRoleSessionName('ram_session_name', field('ram_session_name'))
        : context.defaults.roleSessionName,
      durationSeconds:
        seconds && seconds !== '0'
          ? parseDurationSeconds(seconds, 'expired_seconds')
          : context.defaults.durationSeconds,
      stsEndpoint
    }
  } catch (error) {
    if (error instanceof CredentialsError) throw error
    // The parsers speak of inputs: here the same rule is about a field of the profile.
    throw new CredentialsError(
      `${where}: ${errorMessage(error).replace(/^Input '([^']+)'/, 'field $1')}`
    )
  }
}

function arnField(fields: Fields, key: string, pattern: RegExp, where: string): string {
  const value = stringOf(fields[key])
  if (!value) return missing(where, key)
  if (!pattern.test(value))
    throw new CredentialsError(`${where} has a ${key} that is not an ARN; ${got(value)}`)
  return value
}

function missing(where: string, key: string): never {
  throw new CredentialsError(`${where} has no ${key}`)
}

/** The CLI writes numbers for some fields: both are read as text. */
function stringOf(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return typeof value === 'string' ? value.trim() : ''
}
