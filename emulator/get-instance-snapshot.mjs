import { apiError } from './api-errors.mjs'
import { snapshotFields } from './snapshot-fields.mjs'
import { successEnvelope } from './success-envelope.mjs'

/**
 * GetInstanceSnapshot: one snapshot, with the envelope fields the documentation's example shows.
 * @param {object} context
 * @param {import('./snapshot-store.mjs').SnapshotStore} context.store
 * @param {import('./emulator-clock.mjs').EmulatorClock} context.clock
 * @param {import('./routes.mjs').Route} context.route
 * @param {string} context.requestId
 * @param {boolean} context.countsAsPoll false when only a fault needs a body to mangle
 * @returns {import('./types.mjs').ApiResult}
 */
export function getInstanceSnapshot({ store, clock, route, requestId, countsAsPoll }) {
  const { instanceId = '', snapshotId = '' } = route
  const stored = store.find(instanceId, snapshotId)
  if (!stored) {
    const message = `The snapshot '${snapshotId}' of instance '${instanceId}' does not exist.`
    return { error: apiError('InvalidSnapshot.NotFound', { message }) }
  }
  const now = clock.localNow()
  const position = countsAsPoll ? stored.timeline.poll(now) : stored.timeline.peek(now)
  return {
    body: {
      ...successEnvelope(requestId),
      ...snapshotFields(stored, position, clock)
    }
  }
}
