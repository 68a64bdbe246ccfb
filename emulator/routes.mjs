// Which API a request path names: the snapshot operations a waiter needs, creating a snapshot, and
// listing instances.
import { decodePercent } from './percent-encoding.mjs'

/**
 * @typedef {object} Route
 * @property {import('./types.mjs').ApiAction} action
 * @property {string} [instanceId] every action but ListInstances
 * @property {string} [snapshotId] GetInstanceSnapshot
 */

/**
 * @param {string} method
 * @param {string} rawPath still percent-encoded
 * @returns {Route | undefined}
 */
export function matchRoute(method, rawPath) {
  const segments = rawPath.split('/').map(decodePercent)
  const [root, api, v2, instances, instanceId, snapshots, snapshotId, ...extra] = segments
  if (root !== '' || api !== 'api' || v2 !== 'v2' || instances !== 'instances') return undefined
  if (instanceId === undefined) return method === 'GET' ? { action: 'ListInstances' } : undefined
  if (snapshots !== 'snapshots' || !instanceId || extra.length > 0) return undefined
  if (snapshotId === undefined) {
    if (method === 'GET') return { action: 'ListInstanceSnapshot', instanceId }
    if (method === 'POST') return { action: 'CreateInstanceSnapshot', instanceId }
    return undefined
  }
  if (method !== 'GET' || snapshotId === '') return undefined
  return { action: 'GetInstanceSnapshot', instanceId, snapshotId }
}
