import { describe, expect, it } from '@jest/globals'
import type { CreateSnapshotBody, PaiDswClient } from '../../src/aliyun/pai-dsw-client.js'
import type { Snapshot } from '../../src/aliyun/snapshot.js'
import { ApiError } from '../../src/errors.js'
import {
  ATTEMPT_LABEL,
  type NewSnapshot,
  createBody,
  createSnapshot,
  mayHaveCreated
} from '../../src/wait/create.js'
import { Deadline } from '../../src/wait/deadline.js'
import { VirtualClock } from '../helpers/virtual-clock.js'

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
 * creates but the answer is lost (a timeout), an ApiError refuses without creating.
 */
function service(answers: ('ok' | 'lost' | ApiError)[], existing: Snapshot[] = []) {
  const snapshots = [...existing]
  const creates: CreateSnapshotBody[] = []
  let lists = 0
  const client = {
    async createInstanceSnapshot(_instanceId: string, body: CreateSnapshotBody) {
      creates.push(body)
      const answer = answers.shift() ?? 'ok'
      if (answer instanceof ApiError) throw answer
      const snapshotId = `snp-new${creates.length}`
      snapshots.unshift({
        SnapshotId: snapshotId,
        SnapshotName: body.SnapshotName,
        ImageUrl: body.ImageUrl,
        Labels: body.Labels
      })
      if (answer === 'lost') throw failure('network', { code: 'TIMEOUT' })
      return { snapshotId, requestId: 'R' }
    },
    async listInstanceSnapshots() {
      lists++
      return { snapshots: [...snapshots], totalCount: snapshots.length, requestId: 'L' }
    }
  } as unknown as PaiDswClient
  return { client, creates, lists: () => lists, snapshots }
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

function create(client: PaiDswClient, created: string[] = [], log: string[] = []) {
  const clock = new VirtualClock()
  let attempts = 0
  return createSnapshot(client, 'dsw-1', SPEC, {
    newMarker: () => `marker-${++attempts}`,
    deadline: Deadline.start(clock, 600_000),
    pollIntervalMs: 1000,
    maxPollIntervalMs: 4000,
    notFoundTimeoutMs: 0,
    clock,
    random: () => 0,
    log: { info: line => log.push(line), warning: line => log.push(`warning: ${line}`) },
    onCreated: id => created.push(id)
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
    )
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
    expect(await create(client)).toBe('snp-new2')
    expect(creates).toHaveLength(2)
    expect(lists()).toBe(1)
  })

  it('never adopts a marked snapshot of another image, and warns', async () => {
    const { client, creates } = lostCreateThatReports(s => {
      s.ImageUrl = 'registry.example.com/team/other:x'
    })
    const log: string[] = []
    expect(await create(client, [], log)).toBe('snp-new2')
    expect(creates).toHaveLength(2)
    expect(log.join('\n')).toContain("warning: Snapshot snp-new1 bears this step's marker")
  })

  it('never adopts a marked snapshot of another name (or none), and says what it names', async () => {
    const { client, creates } = lostCreateThatReports(s => {
      s.SnapshotName = undefined
      s.ImageUrl = undefined
    })
    const log: string[] = []
    expect(await create(client, [], log)).toBe('snp-new2')
    expect(creates).toHaveLength(2)
    expect(log).toContain(
      "warning: Snapshot snp-new1 bears this step's marker but names (none) and image (none), " +
        `not ${SPEC.snapshotName} and ${SPEC.imageUrl}: not adopted`
    )
  })

  it('never adopts a marked snapshot of the right image under another name', async () => {
    const { client, creates } = lostCreateThatReports(s => {
      s.SnapshotName = 'someone-else'
    })
    expect(await create(client)).toBe('snp-new2')
    expect(creates).toHaveLength(2)
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
