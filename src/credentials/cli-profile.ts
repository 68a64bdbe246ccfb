import { homedir } from 'node:os'
import { join } from 'node:path'
import { CredentialsError } from '../errors.js'
import { quoted } from '../text.js'
import { type Env, isSwitchedOn } from './environment.js'
import type { RoleDefaults } from './oidc-role.js'
import { FileAbsent, readCredentialFile } from './bounded-file.js'
import {
  type ProfileCredentials,
  type ProfileFields,
  ecsRoleOf,
  keyOf,
  missing,
  roleOf,
  textOf,
  tokenFileRoleOf
} from './profile-fields.js'

export type { ProfileCredentials }

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
/** A chain of profiles longer than this is a loop or a mistake. */
const MAX_CHAIN = 5
const ROLE_FIELDS = {
  arn: 'ram_role_arn',
  session: 'ram_session_name',
  seconds: ['expired_seconds', 'duration_seconds']
}

type Fields = Record<string, unknown>

export function cliConfigPath(env: Env): string {
  return join(env.HOME?.trim() || homedir(), '.aliyun', 'config.json')
}

/**
 * The current profile of the aliyun CLI (`~/.aliyun/config.json`), or the one
 * ALIBABA_CLOUD_PROFILE names. No file, ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true, or a profile
 * named by ALIBABA_CLOUD_PROFILE that the file lacks: none here (the credentials file is next,
 * where a named profile must then be). A file that is there but unusable is an error.
 */
export function readCliProfile(
  env: Env,
  defaults: RoleDefaults,
  maskSecret: (secret: string) => void
): CliProfile | undefined {
  if (isSwitchedOn(env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED)) return undefined
  const path = cliConfigPath(env)
  const named = env.ALIBABA_CLOUD_PROFILE?.trim()
  const config = forProfile(named, () => readConfig(path))
  if (!config) return undefined
  const profiles = Array.isArray(config.profiles) ? (config.profiles as unknown[]) : []
  const name = named || textOf(config.current) || 'default'
  if (!findProfile(profiles, name) && (named || profiles.length === 0)) return undefined
  const context = { path, profiles, defaults, env, maskSecret }
  return { name, path, via: profileCredentials(name, context, 0) }
}

/** A file that cannot be read names the profile it was read for, when one was named. */
export function forProfile<T>(named: string | undefined, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (!named || error instanceof FileAbsent || !(error instanceof CredentialsError)) throw error
    throw new CredentialsError(
      `${error.message}, so profile ${quoted(named)} (ALIBABA_CLOUD_PROFILE) cannot be read from it`
    )
  }
}

function readConfig(path: string): Fields | undefined {
  let text: string
  try {
    text = readCredentialFile(path, `The aliyun CLI config ${path}`)
  } catch (error) {
    if (error instanceof FileAbsent) return undefined
    throw error
  }
  const config: unknown = parseJson(text)
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

function findProfile(profiles: unknown[], name: string): Fields | undefined {
  return profiles.find(
    (p): p is Fields => !!p && typeof p === 'object' && (p as Fields).name === name
  )
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
  const fields = findProfile(context.profiles, name)
  if (!fields) throw new CredentialsError(`${where} does not exist`)
  const field = (key: string) => textOf(fields[key])
  for (const key of ['access_key_secret', 'sts_token']) {
    if (field(key)) context.maskSecret(field(key))
  }
  const profile: ProfileFields = { where, field, env: context.env, defaults: context.defaults }
  const mode = field('mode') || 'AK'
  if (mode === 'ChainableRamRoleArn') {
    if (depth >= MAX_CHAIN) {
      throw new CredentialsError(`${where} starts a chain of more than ${MAX_CHAIN} profiles`)
    }
    const source = field('source_profile') || missing(profile, 'source_profile')
    const base = profileCredentials(source, context, depth + 1)
    // As the official chain: its own region, but no endpoint or VPC field of its own.
    return {
      kind: 'assume-role',
      role: roleOf(profile, ROLE_FIELDS, { region: 'sts_region' }),
      base
    }
  }
  return modeCredentials(mode, profile)
}

/** The modes that need no other profile. */
function modeCredentials(mode: string, profile: ProfileFields): ProfileCredentials {
  const key = { id: 'access_key_id', secret: 'access_key_secret' }
  switch (mode) {
    case 'AK':
      return keyOf(profile, key)
    case 'StsToken':
      return keyOf(profile, { ...key, token: 'sts_token' })
    case 'RamRoleArn': {
      const sts = { endpoint: 'sts_endpoint', region: 'sts_region', vpc: 'enable_vpc' }
      return {
        kind: 'assume-role',
        role: roleOf(profile, ROLE_FIELDS, sts),
        base: keyOf(profile, key)
      }
    }
    case 'EcsRamRole':
      return ecsRoleOf(profile, 'ram_role_name')
    case 'OIDC': {
      const names = { ...ROLE_FIELDS, provider: 'oidc_provider_arn', file: 'oidc_token_file' }
      return tokenFileRoleOf(profile, names, { region: 'sts_region', vpc: 'enable_vpc' })
    }
  }
  throw new CredentialsError(
    `${profile.where} has mode ${quoted(mode)}, which this action does not support; ` +
      `it supports ${SUPPORTED_MODES.join(', ')}`
  )
}
