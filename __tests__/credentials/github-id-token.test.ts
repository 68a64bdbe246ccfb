// The GitHub ID token for AssumeRoleWithOIDC: asked for only when the runner offers one to the job,
// masked once got, and a failure kept on one line.
import { describe, expect, it } from '@jest/globals'
import { fetchGitHubIdToken } from '../../src/credentials/github-id-token.js'
import { CredentialsError } from '../../src/errors.js'

const RUNNER = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/idtoken?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
}

function fetcher(answer: (audience: string) => Promise<string>) {
  const audiences: string[] = []
  const masked: string[] = []
  const fetch = (env: Record<string, string>) =>
    fetchGitHubIdToken(
      async audience => {
        audiences.push(audience)
        return answer(audience)
      },
      'sts.aliyuncs.com',
      env,
      secret => masked.push(secret)
    )
  return { fetch, audiences, masked }
}

describe('fetchGitHubIdToken', () => {
  it('asks for the audience and masks the token', async () => {
    const { fetch, audiences, masked } = fetcher(async audience => `id-token-for-${audience}`)
    await expect(fetch(RUNNER)).resolves.toBe('id-token-for-sts.aliyuncs.com')
    expect(audiences).toEqual(['sts.aliyuncs.com'])
    expect(masked).toEqual(['id-token-for-sts.aliyuncs.com'])
  })

  it('says the job lacks id-token: write when the runner offers no token endpoint', async () => {
    const { fetch, audiences } = fetcher(async () => 'unused')
    const error = await fetch({}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CredentialsError)
    expect((error as Error).message).toBe(
      'Could not get a GitHub OIDC token to assume the role: the runner offers none to this job ' +
        "(ACTIONS_ID_TOKEN_REQUEST_URL is not set); give the job 'permissions: id-token: write' " +
        "(with 'contents: read' if it checks out code); jobs run for pull requests from forks " +
        'usually cannot get one'
    )
    expect(audiences).toEqual([])
  })

  it.each(Object.keys(RUNNER))('asks for nothing when only %s is missing', async missing => {
    const { fetch, audiences } = fetcher(async () => 'unused')
    const env: Record<string, string> = { ...RUNNER }
    delete env[missing]
    await expect(fetch(env)).rejects.toThrow("give the job 'permissions: id-token: write'")
    expect(audiences).toEqual([])
  })

  it('keeps a failure on one line, with nothing masked', async () => {
    const { fetch, masked } = fetcher(async () => {
      throw new Error('Error message: Failed to get ID Token. \n \n Error Code : 500\n')
    })
    const error = await fetch(RUNNER).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CredentialsError)
    expect((error as Error).message).toBe(
      'Could not get a GitHub OIDC token for audience sts.aliyuncs.com: ' +
        'Error message: Failed to get ID Token. Error Code : 500'
    )
    expect(masked).toEqual([])
  })
})
