// The one snapshot and caller the start-up and end-to-end runs use, on an emulator of their own.
import { startEmulator } from '../emulator/server.mjs'

const CALLER = { accessKeyId: 'bench-key-id', accessKeySecret: 'bench-key-secret' }
export const SNAPSHOT = { instanceId: 'dsw-bench', snapshotId: 'snp-bench' }

/**
 * @param {import('../emulator/types.mjs').TimelineStep[]} timeline
 * @param {Omit<import('../emulator/types.mjs').EmulatorOptions, 'credentials' | 'snapshots'>} [options]
 */
export function startBenchEmulator(timeline, options = {}) {
  return startEmulator({
    ...options,
    credentials: [CALLER],
    snapshots: [{ ...SNAPSHOT, timeline }]
  })
}

/**
 * The step's `with:` that points the action at the emulator.
 * @param {{ url: string }} emulator
 * @param {Record<string, string>} [more]
 * @returns {Record<string, string>}
 */
export function benchInputs(emulator, more = {}) {
  return {
    'instance-id': SNAPSHOT.instanceId,
    'snapshot-id': SNAPSHOT.snapshotId,
    endpoint: emulator.url,
    'access-key-id': CALLER.accessKeyId,
    'access-key-secret': CALLER.accessKeySecret,
    ...more
  }
}
