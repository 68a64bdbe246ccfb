// One ordered table of credential sources (issue 29, item 7): the chain's order, the "No
// credentials" error and the README's list are derived from it or checked against it here.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CREDENTIAL_SOURCES, noCredentials } from '../../src/credentials/source.js'
import { resolveSource } from '../helpers/credential-sources.js'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const section = README.slice(
  README.indexOf('### Where the credentials come from'),
  README.indexOf('### Keyless access with GitHub OIDC')
)
const scratch = mkdtempSync(join(tmpdir(), 'source-table-'))
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzIn0.c2ln'
const ROLE = 'acs:ram::123456789012:role/r'

/** A home whose CLI config and credentials file each hold a usable profile, when asked. */
function home(cli: boolean, file: boolean): string {
  const dir = mkdtempSync(join(scratch, 'home-'))
  mkdirSync(join(dir, '.aliyun'))
  mkdirSync(join(dir, '.alibabacloud'))
  const ak = { name: 'default', mode: 'AK', access_key_id: 'cli-id', access_key_secret: 's' }
  if (cli) writeFileSync(join(dir, '.aliyun', 'config.json'), JSON.stringify({ profiles: [ak] }))
  const ini = '[default]\ntype = access_key\naccess_key_id = file-id\naccess_key_secret = s\n'
  if (file) writeFileSync(join(dir, '.alibabacloud', 'credentials'), ini)
  return dir
}

/** Each chain source configured alone, and the kind of source it resolves to. */
const CONFIGURED: Record<
  string,
  { env: Record<string, string>; cli?: true; file?: true; kind: string }
> = {
  'Environment keys': {
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' },
    kind: 'environment'
  },
  'An OIDC token file': {
    env: {
      ALIBABA_CLOUD_ROLE_ARN: ROLE,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::123456789012:oidc-provider/p',
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: join(scratch, 'token')
    },
    kind: 'oidc-token-file'
  },
  'A profile of the aliyun CLI': { env: {}, cli: true, kind: 'cli-profile' },
  'The credentials file': { env: {}, file: true, kind: 'credentials-file' },
  'The ECS RAM role': { env: { ALIBABA_CLOUD_ECS_METADATA: 'runner-role' }, kind: 'ecs-ram-role' },
  // Not named, the ECS RAM role is probed first, then the URI (provider.ts decides at run time).
  'A credentials URI': {
    env: { ALIBABA_CLOUD_CREDENTIALS_URI: 'https://agent.test/c' },
    kind: 'runner-identity'
  }
}
writeFileSync(join(scratch, 'token'), JWT)

const chainRows = CREDENTIAL_SOURCES.filter(row => row.detect)
const resolveWith = (names: string[], inputs: Record<string, string> = {}) => {
  const rows = names.map(name => CONFIGURED[name]!)
  const env = Object.assign({}, ...rows.map(row => row.env)) as Record<string, string>
  const dir = home(
    rows.some(row => row.cli),
    rows.some(row => row.file)
  )
  return resolveSource(inputs, env, dir).source.kind
}

describe('the table of credential sources', () => {
  it('is the README list, in its order', () => {
    const listed = [...section.matchAll(/^\d+\. \*\*(.+?)\*\*/gm)].map(match => match[1])
    expect(listed).toEqual(CREDENTIAL_SOURCES.map(row => row.source))
  })

  it('names in the README every variable each source reads', () => {
    for (const row of CREDENTIAL_SOURCES) {
      for (const name of row.env.filter(name => name !== 'HOME' && !name.startsWith('ACTIONS_'))) {
        expect([row.source, section.includes(name)]).toEqual([row.source, true])
      }
    }
  })

  it('gives the "No credentials" error its list, in order', () => {
    const lines = noCredentials('nothing').message.split('\n').slice(1)
    expect(lines).toEqual(CREDENTIAL_SOURCES.map((row, i) => `${i + 1}. ${row.description}`))
  })

  it('has a test configuration for every source of the chain', () => {
    expect(chainRows.map(row => row.source)).toEqual(Object.keys(CONFIGURED))
    for (const row of chainRows)
      expect(resolveWith([row.source])).toBe(CONFIGURED[row.source]!.kind)
  })

  it('is the order of the chain: of any two sources configured, the earlier row wins', () => {
    for (const [i, first] of chainRows.entries()) {
      for (const later of chainRows.slice(i + 1)) {
        const names = [first.source, later.source]
        expect([names, resolveWith(names)]).toEqual([names, CONFIGURED[first.source]!.kind])
      }
    }
  })

  it('puts the inputs before every source of the chain', () => {
    const key = { 'access-key-id': 'in-id', 'access-key-secret': 's' }
    const oidc = { 'role-to-assume': ROLE, 'oidc-provider-arn': 'acs:ram::1:oidc-provider/GitHub' }
    for (const row of chainRows) {
      expect(resolveWith([row.source], key)).toBe('inputs')
      expect(resolveWith([row.source], oidc)).toBe('oidc')
    }
  })
})
