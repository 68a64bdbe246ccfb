import { describe, expect, it } from '@jest/globals'
import {
  defaultRoleSessionName,
  parseRoleSessionName
} from '../../src/credentials/role-session-name.js'

const VALID = /^[A-Za-z0-9.@_-]{2,64}$/

describe('defaultRoleSessionName', () => {
  it('names the repository, run and attempt', () => {
    expect(
      defaultRoleSessionName({
        GITHUB_REPOSITORY: 'octo-org/deploy',
        GITHUB_RUN_ID: '4242',
        GITHUB_RUN_ATTEMPT: '2'
      })
    ).toBe('gha-octo-org.deploy-4242-2')
  })

  it('shortens a long repository name, never the run, to fit 64 characters', () => {
    const name = defaultRoleSessionName({
      GITHUB_REPOSITORY: `octo-org/${'very-long-repository-name-'.repeat(4)}`,
      GITHUB_RUN_ID: '12345678901',
      GITHUB_RUN_ATTEMPT: '1'
    })
    expect(name).toHaveLength(64)
    expect(name).toMatch(VALID)
    expect(name.endsWith('-12345678901-1')).toBe(true)
  })

  it.each([
    [{}, 'gha-session'],
    [{ GITHUB_RUN_ID: '7' }, 'gha-7'],
    [{ GITHUB_REPOSITORY: 'o/r' }, 'gha-o.r'],
    [{ GITHUB_REPOSITORY: 'ö+wner/re po', GITHUB_RUN_ID: '1' }, 'gha-__wner.re_po-1'],
    [{ GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9'.repeat(80) }, `gha-${'9'.repeat(60)}`]
  ])('is valid by construction for %p', (env, expected) => {
    const name = defaultRoleSessionName(env)
    expect(name).toBe(expected)
    expect(name).toMatch(VALID)
  })
})

describe('parseRoleSessionName', () => {
  it.each(['ab', 'deploy@octo-org.prod_1', 'x'.repeat(64)])('accepts %p', name => {
    expect(parseRoleSessionName('role-session-name', name)).toBe(name)
  })

  it.each(['a', 'x'.repeat(65), 'deploy by ci', 'déploiement', 'a/b'])('rejects %p', name => {
    expect(() => parseRoleSessionName('role-session-name', name)).toThrow(
      "Input 'role-session-name' must be 2 to 64 letters, digits and . @ _ -"
    )
  })
})
