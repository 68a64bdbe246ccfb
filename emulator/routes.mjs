// Which API a request path names. Only the read operations a waiter needs are emulated.
import { decodePercent } from './percent-encoding.mjs'

/**
 * @typedef {object} Route
 * @property {import('./types.mjs').ApiAction} action
 * @property {string} instanceId
 * @property {string} [snapshotId]
 */

/**
 * @param {string} method
 * @param {string} rawPath still percent-encoded
 * @returns {Route | undefined}
 */
export function matchRoute(method, rawPath) {
  if (method !== 'GET') return undefined
  const segments = rawPath.split('/').map(decodePercent)
  const [root, api, v2, instances, instanceId, snapshots, snapshotId, ...extra] = segments
  const shaped =
    root === '' &&
    api === 'api' &&
    v2 === 'v2' &&
    instances === 'instances' &&
    snapshots === 'snapshots'
  if (!shaped || !instanceId || extra.length > 0) return undefined
  if (snapshotId === undefined) return { action: 'ListInstanceSnapshot', instanceId }
  if (snapshotId === '') return undefined
  return { action: 'GetInstanceSnapshot', instanceId, snapshotId }
}
