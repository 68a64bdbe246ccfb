import { homedir } from 'node:os'
import { join } from 'node:path'
import { CredentialsError } from '../errors.js'
import { quoted } from '../text.js'
import type { Env } from './environment.js'
import type { RoleDefaults } from './oidc-role.js'
import { cliConfigPath, forProfile } from './cli-profile.js'
import { FileAbsent, readCredentialFile } from './bounded-file.js'
import {
  type ProfileCredentials,
  type ProfileFields,
  ecsRoleOf,
  keyOf,
  roleOf,
  tokenFileRoleOf
} from './profile-fields.js'

export const CREDENTIALS_FILE_VARIABLE = 'ALIBABA_CLOUD_CREDENTIALS_FILE'
export const CREDENTIALS_FILE_TYPES = [
  'access_key',
  'ecs_ram_role',
  'ram_role_arn',
  'oidc_role_arn'
] as const

export interface FileProfile {
  name: string
  path: string
  via: ProfileCredentials
}

type Sections = Map<string, Map<string, string>>

/**
 * The profile of the credentials file (`~/.alibabacloud/credentials`, or the file
 * ALIBABA_CLOUD_CREDENTIALS_FILE names) that ALIBABA_CLOUD_PROFILE names, or `default`. The
 * default file absent, or without a `default` profile: none. A named file or profile that is
 * not there is an error, as is a profile that is there but unusable.
 */
export function readCredentialsFile(
  env: Env,
  defaults: RoleDefaults,
  maskSecret: (secret: string) => void
): FileProfile | undefined {
  const named = env[CREDENTIALS_FILE_VARIABLE]?.trim()
  const path = named || join(env.HOME?.trim() || homedir(), '.alibabacloud', 'credentials')
  const what = `The credentials file ${path}${named ? ` (${CREDENTIALS_FILE_VARIABLE})` : ''}`
  const profileName = env.ALIBABA_CLOUD_PROFILE?.trim()
  let sections: Sections | undefined
  try {
    sections = forProfile(profileName, () => parseIni(readCredentialFile(path, what)))
  } catch (error) {
    if (!(error instanceof FileAbsent) || named) throw error
  }
  const name = profileName || 'default'
  const section = sections?.get(name)
  if (!section) {
    if (!profileName) return undefined
    throw new CredentialsError(
      `Profile ${quoted(name)}, named by ALIBABA_CLOUD_PROFILE, is neither in the aliyun CLI ` +
        `config ${cliConfigPath(env)} nor in the credentials file ${path}` +
        `${sections ? '' : ' (which does not exist)'}: ` +
        'add it to one of them, or unset ALIBABA_CLOUD_PROFILE'
    )
  }
  const field = (key: string) => section.get(key) ?? ''
  if (field('access_key_secret')) maskSecret(field('access_key_secret'))
  const where = `Profile ${quoted(name)} of the credentials file ${path}`
  return { name, path, via: typeCredentials({ where, field, env, defaults }) }
}

function typeCredentials(profile: ProfileFields): ProfileCredentials {
  const key = { id: 'access_key_id', secret: 'access_key_secret' }
  const role = { arn: 'role_arn', session: 'role_session_name', seconds: [] }
  const type = profile.field('type')
  switch (type) {
    case 'access_key':
      return keyOf(profile, key)
    case 'ecs_ram_role':
      return ecsRoleOf(profile, 'role_name')
    case 'ram_role_arn':
      return { kind: 'assume-role', role: roleOf(profile, role, {}), base: keyOf(profile, key) }
    case 'oidc_role_arn': {
      const names = { ...role, provider: 'oidc_provider_arn', file: 'oidc_token_file_path' }
      return tokenFileRoleOf(profile, names, {})
    }
  }
  throw new CredentialsError(
    `${profile.where} has ${type ? `type ${quoted(type)}` : 'no type'}; ` +
      `the types this action reads are ${CREDENTIALS_FILE_TYPES.join(', ')}`
  )
}

/**
 * The ini of the credentials file: `[section]` lines, `key = value` lines, `;` and `#` comments;
 * a value in quotes loses them.
 */
export function parseIni(text: string): Sections {
  const sections: Sections = new Map()
  let current: Map<string, string> | undefined
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith(';') || line.startsWith('#')) continue
    const header = /^\[(.*)\]$/.exec(line)
    if (header) {
      const name = header[1]!.trim()
      current = sections.get(name) ?? new Map()
      sections.set(name, current)
      continue
    }
    const equals = line.indexOf('=')
    if (equals <= 0 || !current) continue
    const value = line.slice(equals + 1).trim()
    const unquoted = /^(["'])(.*)\1$/.exec(value)
    current.set(line.slice(0, equals).trim(), unquoted ? unquoted[2]! : value)
  }
  return sections
}
