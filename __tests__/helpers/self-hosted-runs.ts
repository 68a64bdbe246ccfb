// What the self-hosted credential e2e files share: one snapshot that is Pushing for a poll, then
// Saved; the inputs that point the action (and STS) at the emulator; its metadata service.
import type { Emulator } from './emulator-per-test.js'

/** Short timings, and no history read: these runs are about credentials. */
const FAST = {
  'poll-interval': '50ms',
  'max-poll-interval': '100ms',
  'request-timeout': '5s',
  'history-aware-polling': 'false'
}

export interface SnapshotIds {
  'instance-id': string
  'snapshot-id': string
}

/** The one snapshot of `ids`: Pushing at the first poll, Saved at the next. */
export const pushingThenSaved = (ids: SnapshotIds) => ({
  instanceId: ids['instance-id'],
  snapshotId: ids['snapshot-id'],
  timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }]
})

/** The inputs of a run against `emu` for `ids`, PAI-DSW and STS alike, with `extra` on top. */
export const inputsFor =
  (ids: SnapshotIds) =>
  (emu: Emulator, extra: Record<string, string> = {}) => ({
    ...ids,
    endpoint: emu.url,
    'sts-endpoint': emu.url,
    ...FAST,
    ...extra
  })

/** The metadata service of the emulator, in the place of 100.100.100.200 (tests only). */
export const onEcs = (emu: Emulator) => ({
  WAIT_FOR_PAI_DSW_TEST_METADATA_ORIGIN: emu.metadataUrl ?? ''
})
