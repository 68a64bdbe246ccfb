import { describe, expect, it } from '@jest/globals'
import { INPUT_DEFAULTS, parseInputs } from '../../src/action/inputs.js'
import { readActionYml } from '../../scripts/local-runner.mjs'
import { NOW } from '../helpers/parse-inputs.js'

const valid: Record<string, string> = {
  'instance-id': 'dsw-730xxxxxxxxxx',
  'snapshot-id': 'snp-05cexxxxxxxxx',
  region: 'cn-hangzhou',
  'access-key-id': 'AKID',
  'access-key-secret': 'the-secret'
}

function parse(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const masked: string[] = []
  const read = (name: string) => inputs[name] ?? ''
  return { inputs: parseInputs(read, env, s => masked.push(s), NOW), masked }
}

function errorOf(inputs: Record<string, string>, env: Record<string, string> = {}): string {
  try {
    parse(inputs, env)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected parseInputs to throw')
}

describe('parseInputs', () => {
  it('builds typed inputs with the action.yml defaults', () => {
    const { inputs } = parse(valid)
    expect(inputs).toEqual({
      instances: { kind: 'ids', ids: ['dsw-730xxxxxxxxxx'] },
      snapshots: { kind: 'ids', ids: ['snp-05cexxxxxxxxx'] },
      maxRequestsPerSecond: 5,
      region: 'cn-hangzhou',
      endpoint: {
        protocol: 'https',
        host: 'pai-dsw.cn-hangzhou.aliyuncs.com',
        origin: 'https://pai-dsw.cn-hangzhou.aliyuncs.com'
      },
      credentials: {
        kind: 'inputs',
        credentials: { accessKeyId: 'AKID', accessKeySecret: 'the-secret' }
      },
      timeoutMs: 1_800_000,
      pollIntervalMs: 5000,
      maxPollIntervalMs: 30_000,
      requestTimeoutMs: 30_000,
      notFoundTimeoutMs: 60_000,
      successStatuses: ['Saved'],
      failureStatuses: ['Failed'],
      jobSummary: true,
      historyAwarePolling: true
    })
    expect(parse({ ...valid, 'history-aware-polling': 'false' }).inputs.historyAwarePolling).toBe(
      false
    )
    expect(errorOf({ ...valid, 'history-aware-polling': 'maybe' })).toContain(
      "Input 'history-aware-polling'"
    )
  })

  it('masks the secret and token as soon as they are read', () => {
    const { masked } = parse({ ...valid, 'security-token': 'tok' })
    expect(masked).toEqual(['the-secret', 'tok'])
  })

  it('falls back to the ALIBABA_CLOUD_* environment for credentials and region', () => {
    const { inputs, masked } = parse(
      { 'instance-id': 'dsw-1', 'snapshot-id': 'snp-1' },
      {
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'envid',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'envsecret',
        ALIBABA_CLOUD_SECURITY_TOKEN: 'envtoken',
        ALIBABA_CLOUD_REGION_ID: 'ap-southeast-1'
      }
    )
    expect(inputs.credentials).toMatchObject({
      kind: 'environment',
      credentials: { accessKeyId: 'envid', accessKeySecret: 'envsecret', securityToken: 'envtoken' }
    })
    expect(inputs.endpoint.host).toBe('pai-dsw.ap-southeast-1.aliyuncs.com')
    expect(masked).toEqual(['envsecret', 'envtoken'])
  })

  it('prefers inputs over the environment', () => {
    const { inputs } = parse(valid, {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'envid',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'envsecret',
      ALIBABA_CLOUD_REGION_ID: 'ap-southeast-1'
    })
    expect(inputs.credentials).toMatchObject({
      kind: 'inputs',
      credentials: { accessKeyId: 'AKID' }
    })
    expect(inputs.region).toBe('cn-hangzhou')
  })

  it('accepts an endpoint without a region, and custom status lists', () => {
    const { inputs } = parse({
      ...valid,
      region: '',
      endpoint: 'http://127.0.0.1:4000',
      'success-statuses': 'Saved, Available\nPushed',
      'failure-statuses': 'Failed,CommitFailed',
      timeout: '0',
      'job-summary': 'false'
    })
    expect(inputs.endpoint.origin).toBe('http://127.0.0.1:4000')
    expect(inputs.successStatuses).toEqual(['Saved', 'Available', 'Pushed'])
    expect(inputs.failureStatuses).toEqual(['Failed', 'CommitFailed'])
    expect(inputs.timeoutMs).toBe(0)
    expect(inputs.jobSummary).toBe(false)
  })

  it.each([
    [{ 'instance-id': '' }, "Input 'instance-id' is required"],
    [{ 'snapshot-id': '' }, "Input 'snapshot-id' is required"],
    [{ 'instance-id': '../dsw-1' }, "Input 'instance-id' must be a plain ID"],
    [{ 'snapshot-id': 'snp-1/../../x' }, "Input 'snapshot-id' must be a plain ID"],
    [{ 'snapshot-id': 'snp%2F1' }, "Input 'snapshot-id' must be a plain ID"],
    [{ 'snapshot-id': 'snp-1?x=1' }, "Input 'snapshot-id' must be a plain ID"],
    [{ 'snapshot-id': 'snp 1' }, "Input 'snapshot-id' must be a plain ID"],
    [{ 'snapshot-id': 'snp\u00001' }, "Input 'snapshot-id' must be a plain ID"],
    [{ region: '' }, "Input 'region' is required"],
    [{ region: 'evil.com' }, "Input 'region' must be a region ID"],
    [
      { endpoint: 'http://example.com' },
      "Input 'endpoint' may use plain http:// only for loopback"
    ],
    [
      { 'access-key-secret': '' },
      "Input 'access-key-secret' is required when access-key-id is set"
    ],
    [{ 'access-key-id': '' }, "Input 'access-key-id' is required when access-key-secret is set"],
    [{ timeout: '10 minutes' }, "Input 'timeout' must be a duration"],
    [{ 'poll-interval': '0' }, "Input 'poll-interval' must be greater than zero"],
    [{ 'max-poll-interval': '1s' }, "Input 'max-poll-interval' must be at least poll-interval"],
    [{ 'request-timeout': '0s' }, "Input 'request-timeout' must be greater than zero"],
    [
      { 'success-statuses': 'Saved;rm -rf' },
      "Input 'success-statuses' must be status names such as Saved, separated by commas or newlines"
    ],
    [{ 'failure-statuses': 'saved' }, "Input 'failure-statuses' must not repeat a status"],
    [{ 'job-summary': 'yes' }, "Input 'job-summary' must be true or false"]
  ])('rejects %p', (override, message) => {
    expect(errorOf({ ...valid, ...override })).toContain(message)
  })

  it('accepts several IDs, latest and all, with filters for the latter two', () => {
    const ids = parse({ ...valid, 'snapshot-id': 'snp-1, snp-2\nsnp-3,snp-1' }).inputs.snapshots
    expect(ids).toEqual({ kind: 'ids', ids: ['snp-1', 'snp-2', 'snp-3'] })
    expect(parse({ ...valid, 'snapshot-id': 'LATEST' }).inputs.snapshots).toEqual({
      kind: 'latest',
      filter: { namePrefix: undefined, labels: {} }
    })
    const all = parse({
      ...valid,
      'snapshot-id': 'all',
      'snapshot-name-prefix': 'nightly-',
      'snapshot-labels': 'team=ml, env = prod'
    }).inputs.snapshots
    expect(all).toEqual({
      kind: 'all',
      filter: { namePrefix: 'nightly-', labels: { team: 'ml', env: 'prod' } }
    })
    expect(parse({ ...valid, 'max-requests-per-second': '0.5' }).inputs.maxRequestsPerSecond).toBe(
      0.5
    )
  })

  it('takes rates of several digits, decimals of several digits, and 100 IDs, all at the edge', () => {
    const rate = (value: string) =>
      parse({ ...valid, 'max-requests-per-second': value }).inputs.maxRequestsPerSecond
    expect([rate('100'), rate('12'), rate('10.25'), rate('0.1')]).toEqual([100, 12, 10.25, 0.1])
    const hundred = Array.from({ length: 100 }, (_, i) => `snp-${i}`)
    const ids = parse({ ...valid, 'snapshot-id': hundred.join(',') }).inputs.snapshots
    expect(ids).toEqual({ kind: 'ids', ids: hundred })
  })

  it.each(['+5', '1e1', '0x10', '5.', '.5', '5/s'])(
    'takes a rate written only in plain decimals, not %s',
    value => {
      expect(() => parse({ ...valid, 'max-requests-per-second': value })).toThrow(
        "Input 'max-requests-per-second' must be a number of requests per second from 0.1 to 100"
      )
    }
  )

  it.each([
    [{ 'snapshot-id': 'latest, snp-1' }, "Input 'snapshot-id' must be 'latest' alone"],
    [{ 'snapshot-id': 'snp-1, ../x' }, "Input 'snapshot-id' must be a plain ID"],
    [{ 'snapshot-id': ' , ' }, "Input 'snapshot-id' is required"],
    [
      { 'snapshot-id': Array.from({ length: 101 }, (_, i) => `snp-${i}`).join(',') },
      'at most 100 are accepted'
    ],
    [
      { 'snapshot-name-prefix': 'nightly' },
      "Input 'snapshot-name-prefix' and snapshot-labels filter only"
    ],
    [
      { 'snapshot-id': 'all', 'snapshot-labels': 'team' },
      "Input 'snapshot-labels' must be key=value pairs separated by commas or newlines"
    ],
    [
      { 'snapshot-id': 'all', 'snapshot-labels': `team=${'x'.repeat(257)}` },
      'values of at most 256'
    ],
    [
      { 'snapshot-id': 'all', 'snapshot-labels': 'team=ml\u001b[31m' },
      "no control characters); got 'team=ml\\u001b[31m'"
    ],
    [
      {
        'snapshot-id': 'all',
        'snapshot-labels': Array.from({ length: 21 }, (_, i) => `k${i}=v`).join(',')
      },
      'lists 21 labels; at most 20 are accepted'
    ],
    [
      {
        'snapshot-id': 'latest',
        'snapshot-name-prefix': 'nightly\n::set-output name=image-url::x'
      },
      "Input 'snapshot-name-prefix' must be the start of a snapshot name: at most 128 characters, no control characters; got 'nightly\\n::set-output"
    ],
    [
      { 'snapshot-id': 'latest', 'snapshot-name-prefix': 'n'.repeat(129) },
      "Input 'snapshot-name-prefix' must be the start of a snapshot name"
    ],
    [{ 'max-requests-per-second': '0' }, "Input 'max-requests-per-second' must be a number"],
    [{ 'max-requests-per-second': '1000' }, "Input 'max-requests-per-second' must be a number"],
    [{ 'max-requests-per-second': 'fast' }, "Input 'max-requests-per-second' must be a number"]
  ])('rejects the selection %p', (override, message) => {
    expect(errorOf({ ...valid, ...override })).toContain(message)
  })

  it('rejects a token without a key pair, and no credentials at all, saying how to fix it', () => {
    const { 'access-key-id': _id, 'access-key-secret': _secret, ...noKeys } = valid
    expect(errorOf({ ...noKeys, 'security-token': 't' })).toContain(
      "Input 'security-token' needs access-key-id and access-key-secret"
    )
    // With the metadata service ruled out, nothing is left to probe: the error comes at once.
    const missing = errorOf(noKeys, {
      HOME: '/nonexistent',
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true'
    })
    expect(missing).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID')
    expect(missing).toContain('access-key-id')
    expect(missing).toContain('role-to-assume')
  })

  it('shows control characters in errors instead of printing them', () => {
    const message = errorOf({ ...valid, 'instance-id': 'dsw\r::set-output name=x::y' })
    expect(message).not.toContain('\r')
    expect(message).toContain('dsw\\r::set-output')
  })
})

describe('input limits and the errors users read', () => {
  const labels = (count: number) => Array.from({ length: count }, (_, i) => `k${i}=v`).join(',')
  const all = (more: Record<string, string>) => ({ ...valid, 'snapshot-id': 'all', ...more })

  it('takes every YAML 1.2 spelling of true and false', () => {
    for (const [text, value] of [
      ['true', true],
      ['True', true],
      ['TRUE', true],
      ['false', false],
      ['False', false],
      ['FALSE', false]
    ] as const) {
      expect(parse({ ...valid, 'job-summary': text }).inputs.jobSummary).toBe(value)
    }
  })

  it('refuses a status list with no status, naming what it accepts', () => {
    expect(errorOf({ ...valid, 'success-statuses': ' , \n' })).toBe(
      "Input 'success-statuses' must list at least one status, separated by commas or newlines (e.g. Saved)"
    )
  })

  it('takes status names of up to 64 characters, and no longer', () => {
    const longest = `S${'a'.repeat(63)}`
    expect(parse({ ...valid, 'success-statuses': longest }).inputs.successStatuses).toEqual([
      longest
    ])
    expect(errorOf({ ...valid, 'success-statuses': `${longest}a` })).toBe(
      "Input 'success-statuses' must be status names such as Saved, separated by commas or " +
        `newlines; got '${longest}a'`
    )
  })

  it('names failure-statuses when its statuses are refused, and lists every overlap', () => {
    expect(errorOf({ ...valid, 'failure-statuses': 'Failed;x' })).toBe(
      "Input 'failure-statuses' must be status names such as Saved, separated by commas or " +
        "newlines; got 'Failed;x'"
    )
    expect(
      errorOf({
        ...valid,
        'success-statuses': 'Saved, Failed',
        'failure-statuses': 'Failed, Saved'
      })
    ).toBe(
      "Input 'failure-statuses' must not repeat a status from success-statuses; both list 'Saved, Failed'"
    )
  })

  it('takes up to 20 labels, keys of up to 128 characters and values of up to 256', () => {
    const filter = (more: Record<string, string>) => parse(all(more)).inputs.snapshots
    expect(filter({ 'snapshot-labels': labels(20) })).toMatchObject({
      filter: { labels: { k0: 'v', k19: 'v' } }
    })
    const key = 'k'.repeat(128)
    const value = 'v'.repeat(256)
    expect(filter({ 'snapshot-labels': `${key}=${value}` })).toMatchObject({
      filter: { labels: { [key]: value } }
    })
    expect(errorOf(all({ 'snapshot-labels': `${key}k=v` }))).toBe(
      "Input 'snapshot-labels' must be key=value pairs separated by commas or newlines, such as " +
        'team=ml (keys of at most 128 characters, values of at most 256, no control characters); ' +
        `got '${key.slice(0, 80)}… (51 more characters cut)'`
    )
    const name = 'n'.repeat(128)
    expect(filter({ 'snapshot-name-prefix': name })).toMatchObject({ filter: { namePrefix: name } })
  })

  it('reads a padded ALIBABA_CLOUD_REGION_ID, and leaves region empty with only an endpoint', () => {
    const { region: _region, ...noRegion } = valid
    const padded = parse(noRegion, { ALIBABA_CLOUD_REGION_ID: ' ap-southeast-1\n' }).inputs
    expect(padded.region).toBe('ap-southeast-1')
    const local = parse({ ...noRegion, endpoint: 'http://127.0.0.1:4000' }).inputs
    expect(local.region).toBe('')
  })

  it('takes max-poll-interval equal to poll-interval, and names both when it is less', () => {
    const equal = parse({ ...valid, 'poll-interval': '10s', 'max-poll-interval': '10s' }).inputs
    expect(equal.maxPollIntervalMs).toBe(10_000)
    expect(errorOf({ ...valid, 'poll-interval': '10s', 'max-poll-interval': '9s' })).toBe(
      "Input 'max-poll-interval' must be at least poll-interval (10s); got '9s'"
    )
  })

  it('names not-found-timeout when its duration is refused', () => {
    expect(errorOf({ ...valid, 'not-found-timeout': 'a minute' })).toMatch(
      /^Input 'not-found-timeout' must be a duration such as .*; got 'a minute'$/
    )
  })
})

describe('action.yml contract', () => {
  const action = readActionYml()

  it('declares exactly the inputs the code reads', () => {
    const read = new Set<string>()
    parseInputs(
      name => {
        read.add(name)
        return valid[name] ?? ''
      },
      {},
      () => undefined,
      NOW
    )
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('declares the same defaults the code falls back to', () => {
    const declared = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, input]) => input.default !== undefined)
        .map(([name, input]) => [name, String(input.default)])
    )
    expect(declared).toEqual(INPUT_DEFAULTS)
  })
})

describe('max-age', () => {
  it.each([
    ['26h', 26 * 3_600_000],
    ['7d', 7 * 86_400_000],
    ['90d', 90 * 86_400_000],
    ['1d12h', 36 * 3_600_000]
  ])('reads %p on latest and all', (text, ms) => {
    for (const kind of ['latest', 'all'] as const) {
      const { snapshots } = parse({ ...valid, 'snapshot-id': kind, 'max-age': text }).inputs
      expect(snapshots).toEqual({ kind, filter: { labels: {} }, maxAgeMs: ms })
    }
  })

  it('is absent unless given', () => {
    const { snapshots } = parse({ ...valid, 'snapshot-id': 'latest' }).inputs
    expect(snapshots).not.toHaveProperty('maxAgeMs')
  })

  it.each([
    ['0', "Input 'max-age' must be greater than zero; got '0'"],
    ['0d', "Input 'max-age' must be greater than zero; got '0d'"],
    ['-1d', "Input 'max-age' must be a duration such as 90s, 20m, 1h30m, 2d or 500ms"],
    ['a week', "Input 'max-age' must be a duration such as"],
    ['367d', "Input 'max-age' must be at most 366d; got '367d'"]
  ])('refuses %p, naming the input', (text, message) => {
    expect(errorOf({ ...valid, 'snapshot-id': 'latest', 'max-age': text })).toContain(message)
  })

  it('is refused with snapshot IDs and with new', () => {
    const refused = "Input 'max-age' applies only to snapshot-id 'latest' or 'all'"
    expect(errorOf({ ...valid, 'max-age': '26h' })).toContain(refused)
    expect(
      errorOf({
        ...valid,
        'snapshot-id': 'new',
        'image-url': 'registry.cn-hangzhou.aliyuncs.com/team/env:v1',
        'max-age': '26h'
      })
    ).toContain(refused)
  })
})
