// Health checks across instances (issue 13) through `node dist/index.js`: a list of instance IDs,
// or `instance-id: all` listed with ListInstances, with one report and one rate limit.
import { describe, expect, it } from '@jest/globals'
import type { ActionRun } from '../../scripts/local-runner.mjs'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'
import { callsTo, errorLine, errorLines } from '../helpers/run-inspection.js'
import { signedGet } from '../emulator/signed-request.js'

const KEY = { accessKeyId: 'instances-key-id', accessKeySecret: 'instances-key-secret-0123456789' }
// Every run has debug logging on, and its output is scanned for secrets after each test.
const { startEmulator: startTestEmulator, runAction } = secretScannedRuns()

type SnapshotSpec = NonNullable<EmulatorOptions['snapshots']>[number]
type InstanceSpec = Exclude<NonNullable<EmulatorOptions['instances']>[number], string>
type Timeline = SnapshotSpec['timeline']

interface Entry {
  instanceId: string
  snapshotId: string
  result: string
  status: string
  reasonCode?: string
  message?: string
}

const SAVED: Timeline = [{ status: 'Saved' }]

/** Snapshot `n` of an instance, created `n` minutes after midnight: a higher `n` is newer. */
function snapshot(
  instanceId: string,
  snapshotId: string,
  n: number,
  timeline: Timeline = SAVED,
  extra: Partial<SnapshotSpec> = {}
): SnapshotSpec {
  return {
    instanceId,
    snapshotId,
    snapshotName: `env-${n}`,
    imageUrl: `registry.example/team/${instanceId}:v${n}`,
    imageId: `image-${snapshotId}`,
    gmtCreateTime: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString().replace('.000Z', 'Z'),
    timeline,
    ...extra
  }
}

function emulate(options: EmulatorOptions): Promise<Emulator> {
  return startTestEmulator({ credentials: [KEY], ...options })
}

function run(emu: Emulator, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({
    endpoint: emu.url,
    'access-key-id': KEY.accessKeyId,
    'access-key-secret': KEY.accessKeySecret,
    'poll-interval': '50ms',
    'max-poll-interval': '100ms',
    'max-requests-per-second': '100',
    'not-found-timeout': '0',
    timeout: '5s',
    ...inputs
  })
}

const calls = (emu: Emulator, action: string) => callsTo(emu, action).length

/** The instance whose snapshots each ListInstanceSnapshot request listed, in request order. */
const listedInstances = (emu: Emulator): string[] =>
  callsTo(emu, 'ListInstanceSnapshot').map(request => {
    const match = /^\/api\/v2\/instances\/([^/]+)\/snapshots$/.exec(request.path)
    return decodeURIComponent(match?.[1] ?? `unexpected path ${request.path}`)
  })

const entriesOf = (result: ActionRun): Entry[] => JSON.parse(result.outputs.snapshots ?? 'null')

const byInstance = (entries: Entry[]) =>
  Object.fromEntries(
    [...new Set(entries.map(e => e.instanceId))].map(id => [
      id,
      entries.filter(e => e.instanceId === id)
    ])
  )

/**
 * The shortest time a run sending `requests` requests at `perSecond` can take: the limiter holds
 * each request to its slot, so the last one cannot leave before `requests - 1` slots have passed.
 * A lower bound on the run's own wall time, which a busy machine only lengthens: no spacing is
 * measured (spacing itself is tested on the injected clock, in rate-limiter.test.ts). The rates are
 * low enough that a run without the limiter would end well before it.
 */
function slotsOf(requests: number, perSecond: number): number {
  // Timers may fire a millisecond early; slots are absolute, so that never adds up.
  return ((requests - 1) * 1000) / perSecond - 10
}

const MIB = 1024 * 1024

/** Direct ListInstances calls, to check a fixture is what a test assumes (not through the action). */
async function listDirectly(emu: Emulator, query: Record<string, string>) {
  const answer = await signedGet(emu.url, {
    path: '/api/v2/instances',
    action: 'ListInstances',
    caller: KEY,
    query: { PageSize: '1000', ...query }
  })
  expect(answer.status).toBe(200)
  const instances = answer.json.Instances as { InstanceId: string }[]
  return { total: answer.json.TotalCount, ids: instances.map(i => i.InstanceId).sort() }
}

// ---------------------------------------------------------------------------------------------
// Fixtures

/** Three instances, two snapshots each; dsw-list-2's newest is still pushing for two reads. */
const THREE_INSTANCES: EmulatorOptions = {
  snapshots: [
    snapshot('dsw-list-1', 'snp-list-1a', 1),
    snapshot('dsw-list-1', 'snp-list-1b', 2),
    snapshot('dsw-list-2', 'snp-list-2a', 3),
    snapshot('dsw-list-2', 'snp-list-2b', 4, [
      { status: 'Pushing', polls: 2 },
      { status: 'Saved' }
    ]),
    // An older failure: `latest` must not look at it.
    snapshot('dsw-list-3', 'snp-list-3a', 5, [{ status: 'Failed' }], {
      reasonCode: 'CommitFailed',
      reasonMessage: 'old failure'
    }),
    snapshot('dsw-list-3', 'snp-list-3b', 6)
  ]
}

const IDLE = Array.from({ length: 99 }, (_, i) => `dsw-idle-${String(i + 1).padStart(3, '0')}`)
const BUSY_OK = 'dsw-busy-ok'
const BUSY_FAILING = 'dsw-busy-failing'
const FAILED_SNAPSHOT = 'snp-failing-17'

/**
 * 101 instances in the default workspace, so two ListInstances pages of 100: 99 without
 * snapshots, and two with thirty each; one of those (a subscription instance, listed only with
 * ResourceId=ALL) has one Failed snapshot with a reason.
 */
const TWO_PAGES: EmulatorOptions = {
  instances: [
    ...IDLE.map((instanceId, i) => ({
      instanceId,
      gmtCreateTime: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString().replace('.000Z', 'Z')
    })),
    { instanceId: BUSY_OK, gmtCreateTime: '2025-12-01T00:00:00Z' },
    { instanceId: BUSY_FAILING, paymentType: 'Subscription', gmtCreateTime: '2025-11-01T00:00:00Z' }
  ],
  snapshots: Array.from({ length: 30 }, (_, i) => i + 1).flatMap(n => {
    const id = String(n).padStart(2, '0')
    return [
      snapshot(BUSY_OK, `snp-ok-${id}`, n),
      n === 17
        ? snapshot(BUSY_FAILING, FAILED_SNAPSHOT, n, [{ status: 'Failed' }], {
            reasonCode: 'ImagePushFailed',
            reasonMessage: 'registry quota exceeded'
          })
        : snapshot(BUSY_FAILING, `snp-failing-${id}`, n)
    ]
  })
}

/**
 * Two workspaces (ws-a the default), names and labels mixed, both payment types. IDs differ from
 * names, so a prefix compared with the ID matches nothing.
 */
const FILTERED_INSTANCES: InstanceSpec[] = [
  // ws-b: the first two match `train-` + team=ml; the rest miss one condition each.
  {
    instanceId: 'dsw-b-match',
    instanceName: 'train-resnet',
    workspaceId: 'ws-b',
    labels: [{ Key: 'team', Value: 'ml' }]
  },
  {
    instanceId: 'dsw-b-match-sub',
    instanceName: 'train-bert',
    workspaceId: 'ws-b',
    paymentType: 'Subscription',
    labels: [
      { Key: 'tier', Value: 'gpu' },
      { Key: 'team', Value: 'ml' }
    ]
  },
  {
    instanceId: 'dsw-b-other-team',
    instanceName: 'train-web',
    workspaceId: 'ws-b',
    labels: [{ Key: 'team', Value: 'web' }]
  },
  {
    instanceId: 'dsw-b-team-mlops',
    instanceName: 'train-ops',
    workspaceId: 'ws-b',
    labels: [{ Key: 'team', Value: 'mlops' }]
  },
  {
    instanceId: 'dsw-b-no-labels',
    instanceName: 'train-bare',
    workspaceId: 'ws-b',
    paymentType: 'Subscription'
  },
  {
    instanceId: 'dsw-b-wrong-name',
    instanceName: 'infer-resnet',
    workspaceId: 'ws-b',
    labels: [{ Key: 'team', Value: 'ml' }]
  },
  // ws-a (default): all would match the ws-b filters but are in the other workspace.
  {
    instanceId: 'dsw-a-gpu',
    instanceName: 'train-a-gpu',
    labels: [
      { Key: 'team', Value: 'ml' },
      { Key: 'tier', Value: 'gpu' }
    ]
  },
  {
    instanceId: 'dsw-a-gpu-sub',
    instanceName: 'notebook-a',
    paymentType: 'Subscription',
    labels: [
      { Key: 'tier', Value: 'gpu' },
      { Key: 'team', Value: 'ml' }
    ]
  },
  {
    instanceId: 'dsw-a-cpu',
    instanceName: 'train-a-cpu',
    labels: [{ Key: 'team', Value: 'ml' }]
  }
]

const FILTERED: EmulatorOptions = {
  defaultWorkspaceId: 'ws-a',
  instances: FILTERED_INSTANCES,
  snapshots: FILTERED_INSTANCES.map((instance, i) =>
    snapshot(instance.instanceId, `snp-of-${instance.instanceId.slice(4)}`, i + 1)
  )
}

const FIVE = Array.from({ length: 5 }, (_, i) => `dsw-rate-${i + 1}`)
const FIVE_INSTANCES: EmulatorOptions = {
  instances: FIVE,
  snapshots: FIVE.flatMap((id, i) => [
    snapshot(id, `snp-rate-${i + 1}a`, 2 * i),
    snapshot(id, `snp-rate-${i + 1}b`, 2 * i + 1)
  ])
}

// ---------------------------------------------------------------------------------------------

describe('the fixtures (checked directly against the emulator)', () => {
  it('two pages: 101 instances with ResourceId=ALL, 100 without; 30 snapshots on two', async () => {
    const emu = await emulate(TWO_PAGES)
    const all = await listDirectly(emu, { ResourceId: 'ALL' })
    expect(all.total).toBe(101)
    expect(all.ids).toEqual([...IDLE, BUSY_OK, BUSY_FAILING].sort())
    expect((await listDirectly(emu, {})).total).toBe(100)
    expect(TWO_PAGES.snapshots?.filter(s => s.instanceId === BUSY_OK)).toHaveLength(30)
    expect(TWO_PAGES.snapshots?.filter(s => s.instanceId === BUSY_FAILING)).toHaveLength(30)
  })

  it('filters: ws-b with ResourceId=ALL lists six, the default workspace (ws-a) three', async () => {
    const emu = await emulate(FILTERED)
    expect((await listDirectly(emu, { WorkspaceId: 'ws-b', ResourceId: 'ALL' })).ids).toEqual([
      'dsw-b-match',
      'dsw-b-match-sub',
      'dsw-b-no-labels',
      'dsw-b-other-team',
      'dsw-b-team-mlops',
      'dsw-b-wrong-name'
    ])
    expect((await listDirectly(emu, { ResourceId: 'ALL' })).ids).toEqual([
      'dsw-a-cpu',
      'dsw-a-gpu',
      'dsw-a-gpu-sub'
    ])
    // Without ResourceId=ALL, the subscription instances would be missed.
    expect((await listDirectly(emu, { WorkspaceId: 'ws-b' })).ids).not.toContain('dsw-b-match-sub')
  })
})

describe('a list of instances', () => {
  it('waits for the newest snapshot of each of three, without listing instances', async () => {
    const emu = await emulate(THREE_INSTANCES)
    const result = await run(emu, {
      'instance-id': 'dsw-list-1, dsw-list-2\ndsw-list-3',
      'snapshot-id': 'latest'
    })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs.result).toBe('success')

    const entries = entriesOf(result)
    expect(entries).toHaveLength(3)
    const newest = Object.fromEntries(entries.map(e => [e.instanceId, [e.snapshotId, e.result]]))
    expect(newest).toEqual({
      'dsw-list-1': ['snp-list-1b', 'success'],
      'dsw-list-2': ['snp-list-2b', 'success'],
      'dsw-list-3': ['snp-list-3b', 'success']
    })
    expect(entries.find(e => e.instanceId === 'dsw-list-2')?.status).toBe('Saved')

    // IDs given: no ListInstances. One listing per instance, Gets only for the one still pushing.
    expect(calls(emu, 'ListInstances')).toBe(0)
    expect(listedInstances(emu).sort()).toEqual(['dsw-list-1', 'dsw-list-2', 'dsw-list-3'])
    const gets = callsTo(emu, 'GetInstanceSnapshot')
    expect(gets.map(r => r.path)).toEqual([
      '/api/v2/instances/dsw-list-2/snapshots/snp-list-2b',
      '/api/v2/instances/dsw-list-2/snapshots/snp-list-2b'
    ])
    expect(result.outputs.attempts).toBe(String(emu.requests.length))
    expect(emu.requests).toHaveLength(5)

    for (const id of ['dsw-list-1', 'dsw-list-2', 'dsw-list-3'])
      expect(result.summary).toContain(id)
  })

  it('fails on an instance without snapshots under latest, still checking the other', async () => {
    const emu = await emulate({
      instances: ['dsw-empty'],
      snapshots: [
        snapshot('dsw-full', 'snp-full-1', 1),
        snapshot('dsw-full', 'snp-full-2', 2, [
          { status: 'Pushing', polls: 1 },
          { status: 'Saved' }
        ])
      ]
    })
    const result = await run(emu, { 'instance-id': 'dsw-empty\ndsw-full', 'snapshot-id': 'latest' })
    expect(result.exitCode).toBe(1)
    expect(['failure', 'error']).toContain(result.outputs.result)

    // The other instance is still checked to the end and reported.
    expect(listedInstances(emu).sort()).toEqual(['dsw-empty', 'dsw-full'])
    const full = entriesOf(result).filter(e => e.instanceId === 'dsw-full')
    expect(full).toEqual([
      expect.objectContaining({ snapshotId: 'snp-full-2', result: 'success', status: 'Saved' })
    ])
    expect(result.outputs.attempts).toBe(String(emu.requests.length))

    const error = errorLine(result.log)
    expect(error).toContain('dsw-empty')
    expect(error).toMatch(/no snapshot/i)
    expect(result.summary).toContain('dsw-empty')
    expect(result.summary).toMatch(/no snapshot/i)
    expect(result.summary).toContain('dsw-full')
  })
})

describe('instance-id: all', () => {
  it('checks every snapshot of 101 instances on two pages in 2 + 101 requests', async () => {
    const emu = await emulate(TWO_PAGES)
    const result = await run(emu, { 'instance-id': 'all', 'snapshot-id': 'all', timeout: '0' })

    // Two ListInstances pages of 100, every payment type, no workspace named.
    const pages = callsTo(emu, 'ListInstances')
    expect(pages).toHaveLength(2)
    expect(pages.map(p => p.query.PageNumber)).toEqual(['1', '2'])
    for (const page of pages) {
      expect(page.query).toMatchObject({ ResourceId: 'ALL', PageSize: '100' })
      expect(page.query).not.toHaveProperty('WorkspaceId')
    }
    // One snapshot page per instance, nothing else.
    expect(listedInstances(emu).sort()).toEqual([...IDLE, BUSY_OK, BUSY_FAILING].sort())
    expect(calls(emu, 'GetInstanceSnapshot')).toBe(0)
    expect(emu.requests).toHaveLength(2 + 101)
    expect(result.outputs.attempts).toBe('103')

    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('failure')

    // Sixty entries, each tagged with its instance; the idle instances contribute nothing.
    const entries = entriesOf(result)
    expect(entries).toHaveLength(60)
    const grouped = byInstance(entries)
    expect(Object.keys(grouped).sort()).toEqual([BUSY_FAILING, BUSY_OK])
    expect(grouped[BUSY_OK]?.map(e => e.snapshotId).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `snp-ok-${String(i + 1).padStart(2, '0')}`)
    )
    expect(grouped[BUSY_FAILING]?.map(e => e.snapshotId).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `snp-failing-${String(i + 1).padStart(2, '0')}`)
    )
    expect(entries.filter(e => e.result !== 'success')).toEqual([
      expect.objectContaining({
        instanceId: BUSY_FAILING,
        snapshotId: FAILED_SNAPSHOT,
        result: 'failure',
        status: 'Failed',
        reasonCode: 'ImagePushFailed'
      })
    ])

    // The error names the failing snapshot and its instance, and no other snapshot.
    const error = errorLine(result.log)
    expect(error).toContain(FAILED_SNAPSHOT)
    expect(error).toContain(BUSY_FAILING)
    expect(error).not.toMatch(/snp-ok-/)

    // The summary: grouped by instance, failures first, the failing snapshot in its group.
    const summary = result.summary
    expect(Buffer.byteLength(summary)).toBeGreaterThan(0)
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(MIB)
    const failingAt = summary.indexOf(BUSY_FAILING)
    const okAt = summary.indexOf(BUSY_OK)
    const snapshotAt = summary.indexOf(FAILED_SNAPSHOT)
    expect(failingAt).toBeGreaterThanOrEqual(0)
    expect(okAt).toBeGreaterThan(failingAt)
    expect(snapshotAt).toBeGreaterThan(failingAt)
    expect(snapshotAt).toBeLessThan(okAt)
    expect(summary).toContain('ImagePushFailed')
    // Per-instance totals: 29 succeeded in one group, 30 in the other (as numbers of their own,
    // not parts of IDs, names, tags or times).
    expect(summary).toMatch(/(?<![\w:-])29(?![\w:-])/)
    expect(summary).toMatch(/(?<![\w:-])30(?![\w:-])/)
  })

  it('lists one workspace and filters by name prefix and labels on its side', async () => {
    const emu = await emulate(FILTERED)
    const result = await run(emu, {
      'instance-id': 'all',
      'workspace-id': 'ws-b',
      'instance-name-prefix': 'train-',
      'instance-labels': 'team=ml',
      'snapshot-id': 'all'
    })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs.result).toBe('success')

    const [page, ...more] = callsTo(emu, 'ListInstances')
    expect(more).toEqual([])
    expect(page?.query).toMatchObject({
      WorkspaceId: 'ws-b',
      ResourceId: 'ALL',
      PageNumber: '1',
      PageSize: '100'
    })
    // No snapshot listing for an instance filtered out; the subscription one is in.
    expect(listedInstances(emu).sort()).toEqual(['dsw-b-match', 'dsw-b-match-sub'])
    expect(entriesOf(result).map(e => [e.instanceId, e.snapshotId])).toEqual(
      expect.arrayContaining([
        ['dsw-b-match', 'snp-of-b-match'],
        ['dsw-b-match-sub', 'snp-of-b-match-sub']
      ])
    )
    expect(entriesOf(result)).toHaveLength(2)
    expect(result.outputs.attempts).toBe('3')
  })

  it('without workspace-id sends no WorkspaceId, and every label must match', async () => {
    const emu = await emulate(FILTERED)
    const result = await run(emu, {
      'instance-id': 'all',
      'instance-labels': 'team=ml\ntier=gpu',
      'snapshot-id': 'latest'
    })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)

    const [page, ...more] = callsTo(emu, 'ListInstances')
    expect(more).toEqual([])
    expect(page?.query).not.toHaveProperty('WorkspaceId')
    expect(page?.query).toMatchObject({ ResourceId: 'ALL' })
    // The default workspace ws-a: dsw-a-cpu lacks tier=gpu; ws-b is not listed at all.
    expect(listedInstances(emu).sort()).toEqual(['dsw-a-gpu', 'dsw-a-gpu-sub'])
    expect(
      entriesOf(result)
        .map(e => e.instanceId)
        .sort()
    ).toEqual(['dsw-a-gpu', 'dsw-a-gpu-sub'])
  })

  it('with 5 labels sends the first 4 to the server and applies all 5 itself', async () => {
    const label = (i: number) => ({ Key: `k${i}`, Value: `v${i}` })
    const withLabels = (instanceId: string, count: number): InstanceSpec => ({
      instanceId,
      instanceName: instanceId,
      workspaceId: 'ws-l',
      labels: Array.from({ length: count }, (_, i) => label(i + 1))
    })
    const instances = [withLabels('dsw-all-5', 5), withLabels('dsw-first-4', 4)]
    instances.push(withLabels('dsw-first-3', 3))
    const emu = await emulate({
      instances,
      snapshots: instances.map((i, n) => snapshot(i.instanceId, `snp-l${n}`, n + 1))
    })
    const result = await run(emu, {
      'instance-id': 'all',
      'workspace-id': 'ws-l',
      'instance-labels': 'k1=v1, k2=v2, k3=v3, k4=v4, k5=v5',
      'snapshot-id': 'latest'
    })
    expect(errorLines(result.log)).toEqual([])
    expect(result.outputs.result).toBe('success')
    const [page] = callsTo(emu, 'ListInstances')
    expect(JSON.parse(page?.query.Labels ?? '{}')).toEqual({
      k1: 'v1',
      k2: 'v2',
      k3: 'v3',
      k4: 'v4'
    })
    // The server left out dsw-first-3; the action left out dsw-first-4 (no k5=v5).
    expect(listedInstances(emu)).toEqual(['dsw-all-5'])
    expect(entriesOf(result).map(e => e.instanceId)).toEqual(['dsw-all-5'])
  })
})

describe('a timeout spent listing instances', () => {
  it('ends as a timeout that says where the time went, never as "timeout is 0"', async () => {
    const emu = await emulate({
      instances: ['dsw-slow'],
      snapshots: [snapshot('dsw-slow', 'snp-slow', 1, [{ status: 'Pushing' }])],
      // The instance listing answers after 1.5 s of a 2 s timeout.
      faults: [{ action: 'ListInstances', kind: 'stall', stallMs: 1500 }]
    })
    const result = await run(emu, { 'instance-id': 'all', 'snapshot-id': 'latest', timeout: '2s' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('timeout')
    const [entry, ...more] = entriesOf(result)
    expect(more).toEqual([])
    expect(entry?.message).toMatch(
      /^Timed out after [\d.]+m?s waiting for snapshot snp-slow of instance dsw-slow, after [\d.]+s of the timeout went to finding it: its last status was Pushing/
    )
    expect(entry?.message).not.toContain('timeout is 0')
    // The listings kept their deadline: one instance listing, one snapshot listing at least.
    expect(callsTo(emu, 'ListInstances')).toHaveLength(1)
  })
})

describe('bad combinations, refused before any request', () => {
  const HUNDRED_AND_ONE = Array.from({ length: 101 }, (_, i) => `dsw-n${i + 1}`).join('\n')
  const ONLY_WITH_ALL = /only[^\n]*instance-id\W{0,4}all\b/i

  it.each<[string, Record<string, string>, string, RegExp[]]>([
    [
      'a snapshot ID with several instances',
      { 'instance-id': 'dsw-a, dsw-b', 'snapshot-id': 'snp-1' },
      'snapshot-id',
      [/latest/, /\ball\b/]
    ],
    [
      'workspace-id with one instance ID',
      { 'instance-id': 'dsw-a', 'snapshot-id': 'latest', 'workspace-id': 'ws-b' },
      'workspace-id',
      [ONLY_WITH_ALL]
    ],
    [
      'instance-name-prefix with a list of instance IDs',
      { 'instance-id': 'dsw-a, dsw-b', 'snapshot-id': 'latest', 'instance-name-prefix': 'train-' },
      'instance-name-prefix',
      [ONLY_WITH_ALL]
    ],
    [
      'instance-labels with one instance ID',
      { 'instance-id': 'dsw-a', 'snapshot-id': 'all', 'instance-labels': 'team=ml' },
      'instance-labels',
      [ONLY_WITH_ALL]
    ],
    [
      "'all' mixed with an instance ID",
      { 'instance-id': 'all, dsw-a', 'snapshot-id': 'latest' },
      'instance-id',
      [/must be 'all' alone/]
    ],
    [
      'more than 100 instance IDs',
      { 'instance-id': HUNDRED_AND_ONE, 'snapshot-id': 'latest' },
      'instance-id',
      [/\b100\b/]
    ]
  ])('%s', async (_, inputs, input, messages) => {
    const emu = await emulate({ instances: ['dsw-a', 'dsw-b'] })
    const result = await run(emu, inputs)
    expect(result.exitCode).toBe(1)
    expect(emu.requests).toEqual([])
    const error = errorLine(result.log)
    expect(error).toContain(input)
    for (const message of messages) expect(error).toMatch(message)
  })

  it('accepts exactly 100 instance IDs', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `dsw-n${i + 1}`)
    const emu = await emulate({ snapshots: ids.map(id => snapshot(id, `snp-${id.slice(4)}`, 1)) })
    const result = await run(emu, {
      'instance-id': ids.join(','),
      'snapshot-id': 'latest',
      timeout: '0'
    })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(listedInstances(emu).sort()).toEqual([...ids].sort())
    expect(entriesOf(result)).toHaveLength(100)
  })
})

describe('one rate limit for the whole step', () => {
  it('spaces ListInstances and every snapshot listing at 2 requests per second', async () => {
    const emu = await emulate(FIVE_INSTANCES)
    const result = await run(emu, {
      'instance-id': 'all',
      'snapshot-id': 'latest',
      'max-requests-per-second': '2',
      timeout: '0'
    })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(calls(emu, 'ListInstances')).toBe(1)
    expect(listedInstances(emu).sort()).toEqual(FIVE)
    expect(emu.requests).toHaveLength(6)
    // 500 ms a slot across both actions: 6 requests take at least 5 slots to leave.
    expect(result.wallMs).toBeGreaterThanOrEqual(slotsOf(6, 2))
  })

  it('spaces listings and polls of several instances alike at 5 per second', async () => {
    const emu = await emulate({
      snapshots: FIVE.map((id, i) =>
        snapshot(id, `snp-poll-${i + 1}`, i, [{ status: 'Pushing', polls: 3 }, { status: 'Saved' }])
      )
    })
    const result = await run(emu, {
      'instance-id': FIVE.join(','),
      'snapshot-id': 'latest',
      'max-requests-per-second': '5',
      timeout: '30s'
    })
    expect(errorLines(result.log)).toEqual([])
    expect(result.exitCode).toBe(0)
    // Each instance: one listing, then Gets until Saved (the listing is the first read).
    expect(calls(emu, 'ListInstanceSnapshot')).toBe(5)
    expect(calls(emu, 'GetInstanceSnapshot')).toBe(5 * 3)
    // 200 ms a slot, from the first listing on: the five start together and must still queue.
    expect(result.wallMs).toBeGreaterThanOrEqual(slotsOf(20, 5))
  })
})
