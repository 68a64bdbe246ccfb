// The hostile server's fixtures (issue 9), shared by the hostile-server test files: one instance,
// its snapshots, hand-written listing entries and faults, and runs with short timings.
import type { ChildProcess } from 'node:child_process'
import type { ActionRun, RunOptions } from '../../scripts/local-runner.mjs'
import type { Emulator, EmulatorOptions } from './emulator-per-test.js'
import { rawFileRuns } from './raw-file-runs.js'

export const KEY = {
  accessKeyId: 'hostile-key-id',
  accessKeySecret: 'hostile-key-secret-0123456789'
}
export const INSTANCE = 'dsw-hostile01'
export const ID = 'snp-hostile01'
export const IMAGE = 'registry.example/team/env:1'
export const REQUEST_ID = '6A1F4E2B-9C3D-4B5A-8E7F-0123456789AB'
export const ONE_MIB = 1024 * 1024

export type SnapshotSpec = NonNullable<EmulatorOptions['snapshots']>[number]
export type FaultSpec = NonNullable<EmulatorOptions['faults']>[number]

/** Snapshot n of the instance (n = 1 is ID), Saved, created n minutes after midnight. */
export function snapshot(n: number, extra: Partial<SnapshotSpec> = {}): SnapshotSpec {
  return {
    instanceId: INSTANCE,
    snapshotId: n === 1 ? ID : `snp-${String(n).padStart(4, '0')}`,
    snapshotName: `env-${n}`,
    imageUrl: IMAGE,
    imageId: `image-${n}`,
    gmtCreateTime: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString().replace('.000Z', 'Z'),
    timeline: [{ status: 'Saved' }],
    ...extra
  }
}

export const failed = (extra: Partial<SnapshotSpec>): Partial<SnapshotSpec> => ({
  timeline: [{ status: 'Failed' }],
  reasonCode: 'CommitFailed',
  reasonMessage: 'disk full',
  ...extra
})

/** A ListInstanceSnapshot item as the service sends it, for hand-written listing bodies. */
export const listEntry = (n: number) => ({
  InstanceId: INSTANCE,
  SnapshotId: snapshot(n).snapshotId,
  SnapshotName: `env-${n}`,
  Status: 'Saved',
  ImageId: `image-${n}`,
  ImageUrl: IMAGE,
  ReasonCode: '',
  ReasonMessage: '',
  GmtCreateTime: '2026-11-01T00:01:00Z',
  GmtModifiedTime: '2026-11-01T00:02:00Z',
  Labels: [],
  ExcludePaths: []
})

/** A fault answering every matching request with this body. */
export const answerWith = (httpStatus: number, body: unknown, extra: Partial<FaultSpec> = {}) =>
  ({ kind: 'respond', httpStatus, body, times: 10_000, ...extra }) as FaultSpec

/**
 * For a hostile-server test file: emulators that hold the one snapshot unless told otherwise, and
 * runs with short timings (a snapshot that never ends is given up on within seconds). Every run
 * has debug logging on, its files are kept as written, and its output is scanned for secrets
 * after each test.
 */
export function hostileRuns() {
  const { startEmulator, runAction } = rawFileRuns()
  const emulate = (options: EmulatorOptions = {}): Promise<Emulator> =>
    startEmulator({
      credentials: [KEY],
      snapshots: [snapshot(1)],
      instances: [INSTANCE],
      ...options
    })
  const run = (
    endpoint: string,
    inputs: Record<string, string> = {},
    options: RunOptions = {}
  ): Promise<ActionRun> =>
    runAction(
      {
        'instance-id': INSTANCE,
        'snapshot-id': ID,
        endpoint,
        'access-key-id': KEY.accessKeyId,
        'access-key-secret': KEY.accessKeySecret,
        'poll-interval': '100ms',
        'max-poll-interval': '200ms',
        'request-timeout': '2s',
        'max-requests-per-second': '50',
        timeout: '1s',
        ...inputs
      },
      options
    )
  return { emulate, run, runAction }
}

/** An `onSpawn` that stops a run that outlives `ms` (SIGTERM, then SIGKILL), so no test hangs. */
export const stopAfter =
  (ms: number) =>
  (child: ChildProcess): void => {
    const term = setTimeout(() => child.kill('SIGTERM'), ms)
    const kill = setTimeout(() => child.kill('SIGKILL'), ms + 3000)
    child.on('exit', () => {
      clearTimeout(term)
      clearTimeout(kill)
    })
  }

export const snapshotIdsOf = (run: ActionRun): string[] =>
  (JSON.parse(run.outputs.snapshots ?? '[]') as { snapshotId: string }[]).map(e => e.snapshotId)
