import { describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { type Runner, type Runtime, githubRuntime, run } from '../src/main.js'
import type { HttpRequest, HttpResponse } from '../src/http/transport.js'
import { fakeTransport, jsonResponse } from './helpers/fake-transport.js'
import { VirtualClock } from './helpers/virtual-clock.js'

/** Each input's default, as the runner fills them in from action.yml. */
const defaults: Record<string, string> = Object.fromEntries(
  Object.entries(
    (parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> })
      .inputs
  ).map(([name, input]) => [name, input.default ?? ''])
)

const SECRET = 'the-secret-of-this-key'
const given = {
  'instance-id': 'dsw-1',
  'snapshot-id': 'snp-1',
  region: 'cn-hangzhou',
  'access-key-id': 'LTAI-test',
  'access-key-secret': SECRET,
  'job-summary': 'false'
}

/** Everything a run told the runner, in order. */
function recordingRunner(inputs: Record<string, string>) {
  const outputs: Record<string, string> = {}
  const lines: string[] = []
  const failures: string[] = []
  const secrets: string[] = []
  const runner: Runner = {
    getInput: name => inputs[name] ?? defaults[name] ?? '',
    setOutput: (name, value) => {
      lines.push(`output ${name}`)
      outputs[name] = value
    },
    setSecret: secret => secrets.push(secret),
    getIDToken: async () => {
      if (inputs['role-to-assume']) return 'the-github-id-token'
      throw new Error('no OIDC here')
    },
    log: {
      info: text => lines.push(`info ${text}`),
      warning: text => lines.push(`warning ${text}`),
      debug: text => lines.push(`debug ${text}`),
      error: (text, title) => lines.push(`error ${title}: ${text}`),
      group: (title, folded) => lines.push(`group ${title}`, ...folded.map(l => `  ${l}`)),
      fail: (...text) => failures.push(text.join('\n'))
    }
  }
  return { runner, outputs, lines, failures, secrets }
}

type Answer = (request: HttpRequest) => HttpResponse | Error

/** One run of the action on the virtual clock, the service played by `answer`. */
async function runWith(
  inputs: Record<string, string>,
  answer: Answer,
  extra: Partial<Runtime> = {}
) {
  const recorded = recordingRunner({ ...given, ...inputs })
  const { transport, sent } = fakeTransport(answer)
  const clock = new VirtualClock(Date.parse('2026-12-01T00:00:00Z'))
  await run({
    env: {},
    clock,
    random: () => 0,
    createTransport: () => transport,
    runner: recorded.runner,
    ...extra
  })
  return { ...recorded, sent, clock }
}

const snapshot = (fields: Record<string, unknown>) => (request: HttpRequest) =>
  jsonResponse(200, {
    RequestId: 'req-1',
    InstanceId: 'dsw-1',
    SnapshotId: request.url.split('/').pop(),
    ...fields
  })

describe('run()', () => {
  it('sets the outputs of a saved snapshot and ends with its image', async () => {
    const image = 'registry.example.com/team/app:v1'
    const { outputs, failures, lines, sent } = await runWith(
      {},
      snapshot({ Status: 'Saved', ImageUrl: image, ImageId: 'img-1' })
    )
    expect(failures).toEqual([])
    expect(sent).toHaveLength(1)
    expect(sent[0]!.url).toBe(
      'https://pai-dsw.cn-hangzhou.aliyuncs.com/api/v2/instances/dsw-1/snapshots/snp-1'
    )
    expect(outputs).toMatchObject({
      result: 'success',
      status: 'Saved',
      'image-url': image,
      'image-id': 'img-1',
      'snapshot-id': 'snp-1',
      'instance-id': 'dsw-1',
      'request-id': 'req-1',
      attempts: '1',
      'waited-seconds': '0'
    })
    expect(lines.at(-1)).toBe(`info Snapshot snp-1 of instance dsw-1 is Saved: ${image}`)
  })

  it('masks the key secret before any request', async () => {
    const { secrets, sent } = await runWith({}, snapshot({ Status: 'Saved', ImageUrl: 'r.io/a:b' }))
    expect(secrets).toContain(SECRET)
    expect(JSON.stringify(sent)).not.toContain(SECRET)
  })

  it('fails with the service reason and still sets every output it knows', async () => {
    const { outputs, failures } = await runWith(
      {},
      snapshot({ Status: 'Failed', ReasonCode: 'PushFailed', ReasonMessage: 'quota exceeded' })
    )
    expect(outputs).toMatchObject({ result: 'failure', status: 'Failed', 'image-url': '' })
    expect(failures).toHaveLength(1)
    expect(failures[0]).toContain('PushFailed')
    expect(failures[0]).toContain('quota exceeded')
  })

  it('refuses bad inputs before any request, naming the input', async () => {
    const { outputs, failures, sent } = await runWith(
      { timeout: 'soon' },
      snapshot({ Status: 'Saved' })
    )
    expect(sent).toHaveLength(0)
    expect(outputs).toEqual({ result: 'error', attempts: '0', 'waited-seconds': '0' })
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatch(/^Input 'timeout'/)
  })

  it('times out on the injected clock, polling until the deadline', async () => {
    const { outputs, failures, clock, sent } = await runWith(
      { timeout: '2m' },
      snapshot({ Status: 'Pushing' })
    )
    expect(outputs.result).toBe('timeout')
    expect(outputs['waited-seconds']).toBe('120')
    expect(outputs.attempts).toBe(String(sent.length))
    // 5 s doubling to 30 s, the last sleep cut to land on the deadline.
    expect(clock.sleeps).toEqual([5000, 10000, 20000, 30000, 30000, 25000])
    expect(failures[0]).toContain('Pushing')
  })

  it('says cancelled when the job is cancelled during the wait', async () => {
    const cancel = new AbortController()
    const { outputs, failures } = await runWith(
      {},
      request => {
        cancel.abort()
        return snapshot({ Status: 'Pushing' })(request)
      },
      { signal: cancel.signal }
    )
    expect(outputs.result).toBe('cancelled')
    expect(failures[0]).toMatch(/cancel/i)
  })

  it('annotates each failed snapshot, the worst first, and lists them in the error', async () => {
    const { lines, failures, outputs } = await runWith(
      { 'snapshot-id': 'snp-bad,snp-gone,snp-ok', 'not-found-timeout': '0s' },
      request => {
        const id = request.url.split('/').pop()
        if (id === 'snp-gone') {
          return jsonResponse(404, { Code: 'SnapshotNotFound', Message: 'no such', RequestId: 'r' })
        }
        return snapshot(
          id === 'snp-bad' ? { Status: 'Failed' } : { Status: 'Saved', ImageUrl: 'r.io/a:b' }
        )(request)
      }
    )
    expect(outputs.result).toBe('error')
    const annotations = lines.filter(line => line.startsWith('error '))
    expect(annotations.map(line => line.split(':')[0])).toEqual([
      'error Snapshot snp-gone (error)',
      'error Snapshot snp-bad (failure)'
    ])
    expect(failures[0]!.split('\n')[0]).toBe('2 of 3 snapshots did not succeed:')
  })

  it('starts no request after the deadline, however many are queued under the rate limit', async () => {
    // 5 requests a second: after the instance listing (at 0 s), a 3 s timeout has turns for 15 of
    // the 50 snapshot listings (0.2 s to 3 s, the last exactly at the deadline); 35 are never sent.
    const clock = new VirtualClock(Date.parse('2026-12-01T00:00:00Z'))
    const deadline = clock.now() + 3000
    const sentAt: number[] = []
    const instances = Array.from({ length: 50 }, (_, i) => ({ InstanceId: `dsw-${i}` }))
    const { outputs, sent } = await runWith(
      { 'instance-id': 'all', 'snapshot-id': 'latest', timeout: '3s' },
      request => {
        sentAt.push(clock.now())
        const path = new URL(request.url).pathname
        if (path === '/api/v2/instances') {
          return jsonResponse(200, { RequestId: 'L', Instances: instances, TotalCount: 50 })
        }
        const instanceId = path.split('/')[4]
        return jsonResponse(200, {
          RequestId: 'S',
          TotalCount: 1,
          Snapshots: [
            {
              InstanceId: instanceId,
              SnapshotId: `snp-${instanceId}`,
              Status: 'Saved',
              ImageUrl: 'r.io/a:b'
            }
          ]
        })
      },
      { clock }
    )
    expect(sentAt.every(at => at <= deadline)).toBe(true)
    expect(sent.length).toBe(1 + 15)
    expect(outputs.attempts).toBe(String(sent.length))
    expect(outputs.result).toBe('timeout')
    const entries = JSON.parse(outputs.snapshots!) as { result: string; message: string }[]
    expect(entries.filter(e => e.result === 'success')).toHaveLength(15)
    const refused = entries.filter(e => e.result === 'timeout')
    expect(refused).toHaveLength(35)
    expect(refused[0]!.message).toMatch(
      /^Could not find the latest snapshot of instance dsw-\d+: ListInstanceSnapshot \(snapshots of instance dsw-\d+\) failed: not sent: the step's timeout \(3s\) had passed/
    )
  })

  it('sends no poll its timer woke for too late, and times out on the last status seen', async () => {
    // Every timer fires 150 ms late: the final poll, due at the deadline, would leave after it.
    class LateClock extends VirtualClock {
      override async sleep(ms: number): Promise<void> {
        await super.sleep(ms + 150)
      }
    }
    const clock = new LateClock(Date.parse('2026-12-01T00:00:00Z'))
    const deadline = clock.now() + 20_000
    const sentAt: number[] = []
    const { outputs, failures, sent } = await runWith(
      { timeout: '20s' },
      request => {
        sentAt.push(clock.now())
        return snapshot({ Status: 'Pushing' })(request)
      },
      { clock }
    )
    expect(sentAt.every(at => at <= deadline)).toBe(true)
    // Polls at 0, 5.15 s and 15.3 s; the one due at 20 s would have left at 20.15 s.
    expect(sent).toHaveLength(3)
    expect(outputs).toMatchObject({ result: 'timeout', attempts: '3' })
    expect(failures[0]).toMatch(/its last status was Pushing .*\(3 requests; raise the timeout/)
    expect(failures[0]).not.toContain('not sent')
  })

  it('turns a bug into a failed step with its stack at debug level', async () => {
    const { outputs, failures, lines } = await runWith({}, snapshot({}), {
      createTransport: () => {
        throw new TypeError('broken transport')
      }
    })
    expect(outputs.result).toBe('error')
    expect(failures).toEqual(['broken transport'])
    expect(lines.some(line => line.startsWith('debug TypeError: broken transport'))).toBe(true)
  })
  it('says what it checks and with which credentials before its first request', async () => {
    const { lines } = await runWith(
      { timeout: '10m' },
      snapshot({ Status: 'Saved', ImageUrl: 'r.io/a:b' })
    )
    expect(lines.slice(0, 2)).toEqual([
      'info Waiting up to 10m for snapshot snp-1 of instance dsw-1 at pai-dsw.cn-hangzhou.aliyuncs.com',
      'info Credentials: AccessKey from the inputs'
    ])
  })

  it('masks what its credential source reads: the GitHub ID token and the STS session', async () => {
    const { secrets, outputs } = await runWith(
      {
        'access-key-id': '',
        'access-key-secret': '',
        'role-to-assume': 'acs:ram::123456789012:role/deploy',
        'oidc-provider-arn': 'acs:ram::123456789012:oidc-provider/GitHub'
      },
      request =>
        new URL(request.url).host.startsWith('sts.')
          ? jsonResponse(200, {
              RequestId: 'sts-1',
              Credentials: {
                AccessKeyId: 'STS.key',
                AccessKeySecret: 'the-sts-secret',
                SecurityToken: 'the-sts-token',
                Expiration: '2026-12-01T01:00:00Z'
              }
            })
          : snapshot({ Status: 'Saved', ImageUrl: 'r.io/a:b' })(request),
      {
        env: {
          GITHUB_REPOSITORY: 'octo-org/deploy',
          ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/idtoken?api-version=2.0',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
        }
      }
    )
    expect(outputs.result).toBe('success')
    expect(secrets).toEqual(
      expect.arrayContaining(['the-github-id-token', 'the-sts-secret', 'the-sts-token'])
    )
  })

  it('names the snapshot it created even when the step then ends in an error', async () => {
    const created = 'snp-made-here'
    const { outputs, failures } = await runWith(
      { 'snapshot-id': 'new', 'image-url': 'registry.example.com/team/app:v2' },
      () => new Error('not this transport'),
      {
        createTransport: () => ({
          send: async request => {
            if (request.method === 'POST') {
              return jsonResponse(200, { RequestId: 'c-1', SnapshotId: created })
            }
            return jsonResponse(200, {
              RequestId: 'g-1',
              InstanceId: 'dsw-1',
              SnapshotId: created,
              Status: 'Saved',
              ImageUrl: 'registry.example.com/team/app:v2'
            })
          },
          // The connections could not be closed: a bug after the verdict was reached.
          close: async () => {
            throw new Error('could not close')
          }
        })
      }
    )
    expect(outputs).toMatchObject({ result: 'error', 'snapshot-id': created })
    expect(failures).toEqual(['could not close'])
  })

  it('ends as cancelled when the job is cancelled and the step ends by an error', async () => {
    const cancel = new AbortController()
    const { outputs, failures } = await runWith({}, snapshot({}), {
      signal: cancel.signal,
      createTransport: () => {
        cancel.abort()
        throw new Error('the runner is going away')
      }
    })
    expect(outputs.result).toBe('cancelled')
    expect(failures).toEqual(['Cancelled: the runner is going away'])
  })

  it('counts the snapshots left out for max-age in the job summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'main-'))
    const file = join(dir, 'summary.md')
    writeFileSync(file, '')
    process.env.GITHUB_STEP_SUMMARY = file
    try {
      const listed = (id: string, created: string) => ({
        InstanceId: 'dsw-1',
        SnapshotId: id,
        Status: 'Saved',
        ImageUrl: 'r.io/a:b',
        GmtCreateTime: created,
        GmtModifiedTime: created
      })
      const { outputs } = await runWith(
        { 'snapshot-id': 'all', 'max-age': '1d', 'job-summary': 'true' },
        request =>
          new URL(request.url).pathname.endsWith('/snapshots')
            ? jsonResponse(200, {
                RequestId: 'l-1',
                TotalCount: 3,
                Snapshots: [
                  listed('snp-new', '2026-11-30T20:00:00Z'),
                  listed('snp-old', '2026-11-20T00:00:00Z'),
                  listed('snp-older', '2026-11-10T00:00:00Z')
                ]
              })
            : snapshot({ Status: 'Saved', ImageUrl: 'r.io/a:b' })(request),
        { env: { GITHUB_STEP_SUMMARY: file } }
      )
      expect(outputs).toMatchObject({ result: 'success', 'snapshot-id': 'snp-new' })
      expect(readFileSync(file, 'utf8')).toContain('2 snapshots older than max-age 1d')
    } finally {
      delete process.env.GITHUB_STEP_SUMMARY
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('closes its log with the warnings GitHub had no annotation left for', async () => {
    // Twelve snapshots, each first in a status of its own that the action does not know.
    const ids = Array.from({ length: 12 }, (_, i) => `snp-${i}`)
    const seen = new Set<string>()
    const { lines, outputs } = await runWith({ 'snapshot-id': ids.join(',') }, request => {
      const id = request.url.split('/').pop()!
      const first = !seen.has(id)
      seen.add(id)
      return snapshot(
        first ? { Status: `Unheard${id.slice(4)}` } : { Status: 'Saved', ImageUrl: 'r.io/a:b' }
      )(request)
    })
    expect(outputs.result).toBe('success')
    expect(lines.filter(line => line.startsWith('warning '))).toHaveLength(10)
    expect(lines.at(-1)).toMatch(/^warning \d+ more warnings? in the log/)
  })
})

describe('githubRuntime()', () => {
  it('sets outputs in the GITHUB_OUTPUT file and masks secrets with a workflow command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runtime-'))
    const file = join(dir, 'output')
    writeFileSync(file, '')
    process.env.GITHUB_OUTPUT = file
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const { runner } = githubRuntime()
      runner.setOutput('image-url', 'r.io/a:b')
      runner.setSecret('hush')
      expect(readFileSync(file, 'utf8')).toMatch(/^image-url<<(\S+)\nr\.io\/a:b\n\1\n$/)
      expect(write.mock.calls.map(([text]) => String(text))).toContain('::add-mask::hush\n')
    } finally {
      write.mockRestore()
      delete process.env.GITHUB_OUTPUT
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
