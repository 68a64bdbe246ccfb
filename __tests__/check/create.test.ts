import { describe, expect, it } from '@jest/globals'
import type { CreateSnapshotBody, PaiDswCalls } from '../../src/aliyun/pai-dsw-client.js'
import type { Snapshot } from '../../src/aliyun/snapshot.js'
import { ApiError } from '../../src/errors.js'
import {
  ATTEMPT_LABEL,
  type NewSnapshot,
  NotTheSnapshotAskedFor,
  createBody,
  createSnapshot,
  mayHaveCreated
} from '../../src/check/create.js'
import { Deadline } from '../../src/polling/deadline.js'
import { CancelledError } from '../../src/polling/retrying.js'
import { VirtualClock } from '../helpers/virtual-clock.js'
import { fakePaiDsw } from '../helpers/fake-pai-dsw.js'

const SPEC: NewSnapshot = {
  imageUrl: 'registry.example.com/team/env:deploy-42-1',
  snapshotName: 'deploy-42-1',
  description: 'run 42',
  labels: { team: 'ml' },
  excludePaths: [],
  overwrite: false
}

const failure = (
  kind: ApiError['kind'],
  extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {}
) => new ApiError({ operation: 'CreateInstanceSnapshot', kind, ...extra })

/**
 * A service whose creates answer as `answers` say, in turn: 'ok' creates and answers, 'lost'
 * creates but the answer is lost (a timeout), an ApiError refuses without creating. Its listing
 * shows a snapshot only `lagMs` after it was made (on `clock`), as an index that catches up; a
 * list gives each create's lag in turn.
 */
function service(
  answers: ('ok' | 'lost' | ApiError)[],
  existing: Snapshot[] = [],
  { clock = new VirtualClock(), lagMs = 0 as number | number[] } = {}
) {
  const snapshots = [...existing]
  const listedFrom = new Map<Snapshot, number>()
  const creates: CreateSnapshotBody[] = []
  const listedAt: number[] = []
  const client = fakePaiDsw({
    async createInstanceSnapshot(_instanceId: string, body: CreateSnapshotBody) {
      creates.push(body)
      const answer = answers.shift() ?? 'ok'
      if (answer instanceof ApiError) throw answer
      const snapshotId = `snp-new${creates.length}`
      const made = {
        SnapshotId: snapshotId,
        SnapshotName: body.SnapshotName,
        ImageUrl: body.ImageUrl,
        Labels: body.Labels
      }
      snapshots.unshift(made)
      const lag = Array.isArray(lagMs) ? (lagMs[creates.length - 1] ?? 0) : lagMs
      listedFrom.set(made, clock.now() + lag)
      if (answer === 'lost') throw failure('network', { code: 'TIMEOUT' })
      return { snapshotId, requestId: 'R' }
    },
    async listInstanceSnapshots() {
      listedAt.push(clock.now())
      const listed = snapshots.filter(s => (listedFrom.get(s) ?? -Infinity) <= clock.now())
      return { snapshots: listed, totalCount: listed.length, requestId: 'L' }
    }
  })
  return { client, creates, lists: () => listedAt.length, listedAt, snapshots }
}

/** The service of a lost create whose snapshot (snp-new1) then reports what `change` makes it. */
function lostCreateThatReports(change: (snapshot: Snapshot) => void) {
  const made = service(['lost', 'ok'])
  const realCreate = made.client.createInstanceSnapshot.bind(made.client)
  made.client.createInstanceSnapshot = async (id, body) => {
    try {
      return await realCreate(id, body)
    } finally {
      const first = made.snapshots.find(s => s.SnapshotId === 'snp-new1')
      if (first) change(first)
    }
  }
  return made
}

interface Timing {
  clock?: VirtualClock
  notFoundTimeoutMs?: number
  timeoutMs?: number
  signal?: AbortSignal
}

function create(
  client: PaiDswCalls,
  created: string[] = [],
  log: string[] = [],
  { clock = new VirtualClock(), notFoundTimeoutMs = 0, timeoutMs = 600_000, signal }: Timing = {}
) {
  let attempts = 0
  return createSnapshot(client, 'dsw-1', SPEC, {
    newMarker: () => `marker-${++attempts}`,
    deadline: Deadline.start(clock, timeoutMs),
    pollIntervalMs: 1000,
    maxPollIntervalMs: 4000,
    notFoundTimeoutMs,
    clock,
    random: () => 0,
    log: { info: line => log.push(line), warning: line => log.push(`warning: ${line}`) },
    onCreated: id => created.push(id),
    signal
  })
}

describe('createSnapshot', () => {
  it('creates once, with the body the API documents, and says so', async () => {
    const { client, creates } = service(['ok'])
    const created: string[] = []
    const log: string[] = []
    expect(await create(client, created, log)).toBe('snp-new1')
    expect(creates).toEqual([
      {
        ImageUrl: SPEC.imageUrl,
        SnapshotName: 'deploy-42-1',
        SnapshotDescription: 'run 42',
        Labels: [
          { Key: 'team', Value: 'ml' },
          { Key: ATTEMPT_LABEL, Value: 'marker-1' }
        ],
        Overwrite: false
      }
    ])
    expect(created).toEqual(['snp-new1'])
    expect(log.at(-1)).toBe(
      'Created snapshot deploy-42-1 (snp-new1) of instance dsw-1: committing it and pushing it to ' +
        'registry.example.com/team/env:deploy-42-1'
    )
  })

  it('retries throttling without looking for a lost snapshot', async () => {
    const throttled = failure('throttled', { code: 'Throttling.User' })
    const { client, creates, lists } = service([throttled, throttled, 'ok'])
    expect(await create(client)).toBe('snp-new3')
    expect(creates).toHaveLength(3)
    expect(lists()).toBe(0)
    expect(creates.map(body => body.Labels?.at(-1)?.Value)).toEqual([
      'marker-1',
      'marker-2',
      'marker-3'
    ])
  })

  it('adopts the snapshot a lost answer created, instead of creating a second', async () => {
    const { client, creates, snapshots } = service(['lost'])
    const log: string[] = []
    expect(await create(client, [], log)).toBe('snp-new1')
    expect(creates).toHaveLength(1)
    expect(snapshots.filter(s => s.SnapshotName === 'deploy-42-1')).toHaveLength(1)
    expect(log.join('\n')).toMatch(
      /answer to the create was lost, but snapshot snp-new1 named deploy-42-1, marked by this step, was created: using it/
    ) // One snapshot, adopted: nothing to delete, so no warning.
    expect(log.filter(line => line.startsWith('warning'))).toEqual([])
  })

  it('never adopts a snapshot of that name without its marker, even one made since', async () => {
    const old = { SnapshotId: 'snp-old', SnapshotName: 'deploy-42-1', ImageUrl: SPEC.imageUrl }
    const { client, creates, snapshots, lists } = service(
      [failure('server', { httpStatus: 503 }), 'ok'],
      [old]
    )
    // Someone else's namesake, pushing elsewhere, appears before the retry.
    snapshots.unshift({
      SnapshotId: 'snp-evil',
      SnapshotName: 'deploy-42-1',
      ImageUrl: 'evil.example/attacker/backdoor:latest',
      Labels: [{ Key: 'team', Value: 'ml' }]
    })
    const log: string[] = []
    expect(await create(client, [], log)).toBe('snp-new2')
    expect(creates).toHaveLength(2)
    // Once before creating again, once to see that no earlier attempt made one after all.
    expect(lists()).toBe(2)
    expect(log.filter(line => line.startsWith('warning'))).toEqual([])
    // snp-new2's own answer came back: it is created, not adopted after a lost answer.
    expect(log.filter(line => line.includes('answer to the create was lost'))).toEqual([])
  })

  it('adopts its own snapshot of another image, fails naming both, and never creates again', async () => {
    const { client, creates } = lostCreateThatReports(s => {
      s.ImageUrl = 'registry.example.com/team/other:x'
    })
    const created: string[] = []
    const failed = await create(client, created).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(NotTheSnapshotAskedFor)
    expect(failed).toMatchObject({ name: 'NotTheSnapshotAskedFor', snapshotId: 'snp-new1' })
    expect((failed as Error).message).toBe(
      "snapshot snp-new1, made by this step after a lost answer, names 'deploy-42-1' and image " +
        "'registry.example.com/team/other:x', not the deploy-42-1 and " +
        'registry.example.com/team/env:deploy-42-1 asked for; it was not created again. Check ' +
        'the image-url input and delete the snapshot if it is not wanted'
    )
    expect(creates).toHaveLength(1)
    // Ours all the same: a cleanup step learns its ID.
    expect(created).toEqual(['snp-new1'])
  })

  it('fails on its own snapshot of another name (or none), saying what it names', async () => {
    const { client, creates } = lostCreateThatReports(s => {
      s.SnapshotName = undefined
      s.ImageUrl = undefined
    })
    await expect(create(client)).rejects.toThrow(
      'snapshot snp-new1, made by this step after a lost answer, names (none) and image (none), ' +
        `not the ${SPEC.snapshotName} and ${SPEC.imageUrl} asked for`
    )
    expect(creates).toHaveLength(1)
  })

  it('fails on its own snapshot of the right image under another name', async () => {
    const { client, creates } = lostCreateThatReports(s => {
      s.SnapshotName = 'someone-else'
    })
    await expect(create(client)).rejects.toThrow(/names 'someone-else' and image/)
    expect(creates).toHaveLength(1)
  })

  it('adopts its own snapshot that reports the image with an explicit :443', async () => {
    const { client, creates } = lostCreateThatReports(s => {
      s.ImageUrl = 'registry.example.com:443/team/env:deploy-42-1'
    })
    const created: string[] = []
    expect(await create(client, created)).toBe('snp-new1')
    expect(creates).toHaveLength(1)
    expect(created).toEqual(['snp-new1'])
  })

  it('waits for a listing that lags after a lost answer, and creates exactly once', async () => {
    const clock = new VirtualClock()
    const { client, creates, listedAt } = service(['lost'], [], { clock, lagMs: 5000 })
    const log: string[] = []
    const timing = { clock, notFoundTimeoutMs: 60_000 }
    expect(await create(client, [], log, timing)).toBe('snp-new1')
    expect(creates).toHaveLength(1)
    // The step's pacing (1 s doubling to 4 s), until the listing shows it.
    expect(listedAt).toEqual([1000, 2000, 4000, 8000])
    expect(log).toContain(
      "Attempt 1: the snapshot of this step's latest create is not listed yet (a listing can " +
        'lag; looking for up to 1m); retrying in 1s'
    )
  })

  it('looks for not-found-timeout, then creates again', async () => {
    const clock = new VirtualClock()
    // The lost create made nothing: the connection was reset after the request went out.
    const reset = failure('network', { code: 'ECONNRESET' })
    const { client, creates, listedAt } = service([reset, 'ok'], [], { clock })
    const log: string[] = []
    expect(await create(client, [], log, { clock, notFoundTimeoutMs: 5000 })).toBe('snp-new2')
    expect(creates).toHaveLength(2)
    expect(listedAt.filter(at => at < 5000)).toEqual([1000, 2000, 4000])
    expect(listedAt.filter(at => at >= 5000)).not.toEqual([])
    expect(clock.now()).toBeGreaterThanOrEqual(5000)
    expect(log).toContain(
      'No snapshot marked by this step was listed within not-found-timeout (5s) of the lost ' +
        'answer: creating it again'
    )
  })

  it('adopts the earliest attempt when it is listed after the next create, naming the extra', async () => {
    const clock = new VirtualClock()
    const { client, creates } = service(['lost', 'ok'], [], { clock, lagMs: 5000 })
    const created: string[] = []
    const log: string[] = []
    expect(await create(client, created, log, { clock, notFoundTimeoutMs: 3000 })).toBe('snp-new1')
    expect(creates).toHaveLength(2)
    expect(created).toEqual(['snp-new1'])
    expect(log).toContain(
      "warning: This step's create attempts made 2 snapshots, as answers were lost: snp-new1, " +
        'the first, is used; delete the others: snp-new2'
    )
  })

  it.each([
    // The first is listed only after the second was sent, and then together with it.
    ['the first listed only with the second', [6000, 2000], 'snp-new2'],
    // Both within not-found-timeout of the second: it reads on until the latest one is listed.
    ['the first listed before the second', [5000, 3000], 'snp-new2'],
    // Each is listed only at 8s, after the third was sent.
    ['three listed together', [8000, 4000, 1000], 'snp-new2, snp-new3']
  ])(
    'adopts the earliest of several lost creates, naming the others: %s',
    async (_, lagMs, others) => {
      const clock = new VirtualClock()
      const { client, creates } = service(
        lagMs.map(() => 'lost' as const),
        [],
        { clock, lagMs }
      )
      const log: string[] = []
      expect(await create(client, [], log, { clock, notFoundTimeoutMs: 3000 })).toBe('snp-new1')
      expect(creates).toHaveLength(lagMs.length)
      expect(log).toContain(
        `warning: This step's create attempts made ${lagMs.length} snapshots, as answers were ` +
          `lost: snp-new1, the first, is used; delete the others: ${others}`
      )
    }
  )

  it("names the lost attempt's marker when the listing never catches up", async () => {
    const clock = new VirtualClock()
    const { client, creates } = service(['lost', 'ok'], [], { clock, lagMs: 3_600_000 })
    const log: string[] = []
    const timing = { clock, notFoundTimeoutMs: 2000 }
    expect(await create(client, [], log, timing)).toBe('snp-new2')
    expect(creates).toHaveLength(2)
    expect(log.join('\n')).toContain(
      'warning: Snapshot snp-new2 was created after a lost answer, but the listing did not show ' +
        'it within not-found-timeout: an earlier attempt may have made a snapshot too. Delete ' +
        `any snapshot labelled ${ATTEMPT_LABEL} with marker-1`
    )
  })

  it("names every lost attempt's marker when the listing never catches up", async () => {
    const clock = new VirtualClock()
    const { client, creates } = service(['lost', 'lost', 'ok'], [], { clock, lagMs: 3_600_000 })
    const log: string[] = []
    const timing = { clock, notFoundTimeoutMs: 2000 }
    expect(await create(client, [], log, timing)).toBe('snp-new3')
    expect(creates).toHaveLength(3)
    expect(log.join('\n')).toContain(
      `Delete any snapshot labelled ${ATTEMPT_LABEL} with marker-1 or marker-2`
    )
  })

  it('says why the listing could not confirm a create made after a lost answer', async () => {
    const clock = new VirtualClock()
    const made = service(['lost', 'ok'], [], { clock, lagMs: 3_600_000 })
    const denied = new ApiError({
      operation: 'ListInstanceSnapshot',
      kind: 'permission',
      code: 'Forbidden.RAM'
    })
    const realList = made.client.listInstanceSnapshots.bind(made.client)
    // The listing serves the look before the second create, then is refused for good.
    made.client.listInstanceSnapshots = async (id, page) => {
      if (made.creates.length === 2) throw denied
      return realList(id, page)
    }
    const created: string[] = []
    const log: string[] = []
    const timing = { clock, notFoundTimeoutMs: 2000 }
    expect(await create(made.client, created, log, timing)).toBe('snp-new2')
    expect(made.creates).toHaveLength(2)
    expect(created).toEqual(['snp-new2'])
    expect(log).toContain(
      'warning: Snapshot snp-new2 was created after a lost answer, but the listing did not show ' +
        `it within not-found-timeout (${denied.message}): an earlier attempt may have made a ` +
        `snapshot too. Delete any snapshot labelled ${ATTEMPT_LABEL} with marker-1`
    )
  })

  it('looks for exactly not-found-timeout after a lost answer, then creates again', async () => {
    const clock = new VirtualClock()
    const reset = failure('network', { code: 'ECONNRESET' })
    const { client, creates, listedAt } = service([reset, 'ok'], [], { clock })
    expect(await create(client, [], [], { clock, notFoundTimeoutMs: 4000 })).toBe('snp-new2')
    expect(creates).toHaveLength(2)
    // The look at 4 s is the last: not-found-timeout has passed. The create's own follows at once.
    expect(listedAt).toEqual([1000, 2000, 4000, 4000])
  })

  it("creates nothing more when cancelled while looking for a lost answer's snapshot", async () => {
    const clock = new VirtualClock()
    const controller = new AbortController()
    const made = service(['lost'], [], { clock, lagMs: 3_600_000 })
    const realList = made.client.listInstanceSnapshots.bind(made.client)
    made.client.listInstanceSnapshots = async (id, page) => {
      controller.abort()
      return realList(id, page)
    }
    const created: string[] = []
    const timing = { clock, notFoundTimeoutMs: 60_000, signal: controller.signal }
    await expect(create(made.client, created, [], timing)).rejects.toBeInstanceOf(CancelledError)
    expect(made.creates).toHaveLength(1)
    expect(created).toEqual([])
  })

  it('tells the ID of a snapshot it made when cancelled while the listing confirms it', async () => {
    const clock = new VirtualClock()
    const controller = new AbortController()
    const made = service(['lost', 'ok'], [], { clock, lagMs: 3_600_000 })
    const realList = made.client.listInstanceSnapshots.bind(made.client)
    made.client.listInstanceSnapshots = async (id, page) => {
      if (made.creates.length === 2) controller.abort()
      return realList(id, page)
    }
    const created: string[] = []
    const timing = { clock, notFoundTimeoutMs: 2000, signal: controller.signal }
    await expect(create(made.client, created, [], timing)).rejects.toBeInstanceOf(CancelledError)
    expect(made.creates).toHaveLength(2)
    // The README's promise: a cleanup step learns the ID of what was made, even when cancelled.
    expect(created).toEqual(['snp-new2'])
  })

  it('never creates again once the deadline has passed, and no request is sent after it', async () => {
    const clock = new VirtualClock()
    const { client, creates, listedAt } = service(['lost'], [], { clock, lagMs: 3_600_000 })
    const timing = { clock, notFoundTimeoutMs: 60_000, timeoutMs: 10_000 }
    await expect(create(client, [], [], timing)).rejects.toMatchObject({ code: 'TIMEOUT' })
    expect(creates).toHaveLength(1)
    expect(Math.max(...listedAt)).toBeLessThanOrEqual(10_000)
    expect(clock.now()).toBe(10_000)
  })

  it('adopts under the registry name the service reports, when it is the same registry', async () => {
    const { client, snapshots } = service(['lost'])
    const realList = client.listInstanceSnapshots.bind(client)
    client.listInstanceSnapshots = async (id, page) => {
      for (const s of snapshots)
        s.ImageUrl = s.ImageUrl?.replace('registry.example.com', 'REGISTRY.example.com')
      return realList(id, page)
    }
    expect(await create(client)).toBe('snp-new1')
  })

  it('fails at once on a permanent refusal', async () => {
    const refused = failure('validation', {
      code: 'ValidationError',
      serviceMessage: 'instance is not running'
    })
    const { client, creates } = service([refused])
    const created: string[] = []
    await expect(create(client, created)).rejects.toBe(refused)
    expect(creates).toHaveLength(1)
    expect(created).toEqual([])
  })

  it('knows which failures may have created the snapshot', () => {
    expect(mayHaveCreated(failure('network', { code: 'TIMEOUT' }))).toBe(true)
    expect(mayHaveCreated(failure('network', { code: 'ECONNRESET' }))).toBe(true)
    expect(mayHaveCreated(failure('server', { httpStatus: 502 }))).toBe(true)
    expect(mayHaveCreated(failure('internal', { code: 'InternalError' }))).toBe(true)
    expect(mayHaveCreated(failure('throttled'))).toBe(false)
    expect(mayHaveCreated(failure('unreachable', { code: 'ECONNREFUSED' }))).toBe(false)
    expect(mayHaveCreated(failure('network', { code: 'ECONNREFUSED' }))).toBe(false)
    expect(mayHaveCreated(failure('permission'))).toBe(false)
    expect(mayHaveCreated(new Error('bug'))).toBe(false)
  })

  it('sends only the optional keys that are set', () => {
    expect(
      createBody(
        { ...SPEC, description: '', labels: {}, excludePaths: ['/mnt'], overwrite: true },
        'm-1'
      )
    ).toEqual({
      ImageUrl: SPEC.imageUrl,
      SnapshotName: 'deploy-42-1',
      Labels: [{ Key: ATTEMPT_LABEL, Value: 'm-1' }],
      ExcludePaths: ['/mnt'],
      Overwrite: true
    })
  })
})
