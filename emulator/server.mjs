// A local PAI-DSW (2022-01-01) API emulator: a real HTTP server on the loopback interface that
// checks ACS3-HMAC-SHA256 signatures and plays scripted snapshot timelines and faults.
import { createServer } from 'node:http'
import { snapshotCreation } from './create-instance-snapshot.mjs'
import { EmulatorClock } from './emulator-clock.mjs'
import { FaultQueue } from './fault-queue.mjs'
import { OidcServices } from './oidc-services.mjs'
import { createRequestHandler } from './request-handler.mjs'
import { NonceRegistry } from './request-freshness.mjs'
import { SnapshotStore } from './snapshot-store.mjs'

const LOOPBACK = '127.0.0.1'
const DEFAULT_MAX_PAGE_SIZE = 100

/**
 * @typedef {object} Emulator
 * @property {string} url `http://127.0.0.1:PORT`
 * @property {import('./types.mjs').RequestRecord[]} requests one entry per request received
 * @property {Record<string, string>} idTokenRequestEnv ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN for
 *   the GitHub ID-token stand-in, as the runner sets them for a job with `id-token: write`
 * @property {{ idTokens: string[], credentials: import('./types.mjs').CredentialSpec[] }} issued
 *   what the ID-token and STS stand-ins have issued, in order
 * @property {() => string[]} secrets every secret the emulator knows: key secrets, security
 *   tokens, ID tokens and the ID-token request token
 * @property {(snapshotId: string, status: string) => number | undefined} statusReachedAt local ms
 *   when the snapshot first entered that status
 * @property {import('./types.mjs').CreatedSnapshot[]} createdSnapshots what CreateInstanceSnapshot
 *   made, in creation order
 * @property {(spec: import('./types.mjs').SnapshotSpec) => void} addSnapshot
 * @property {(instance: string | import('./types.mjs').InstanceSpec) => void} addInstance
 * @property {(spec: import('./types.mjs').FaultSpec) => void} addFault
 * @property {() => Promise<void>} close stops listening and drops every connection, stalled or not
 */

/**
 * @param {import('./types.mjs').EmulatorOptions} [options]
 * @returns {Promise<Emulator>}
 */
export async function startEmulator(options = {}) {
  const clock = new EmulatorClock(options.clockSkewMs ?? 0)
  const store = new SnapshotStore(clock, validateWorkspaceId(options.defaultWorkspaceId))
  options.instances?.forEach(instance => store.addInstance(instance))
  options.snapshots?.forEach(spec => store.add(spec))
  const faults = new FaultQueue(options.faults ?? [])
  const creation = snapshotCreation(options.createdSnapshots ?? {})
  /** @type {import('./types.mjs').RequestRecord[]} */
  const requests = []
  const credentials = new Map((options.credentials ?? []).map(c => [c.accessKeyId, c]))
  const oidc = new OidcServices(options.oidc ?? {}, { clock, credentials })
  const handler = createRequestHandler({
    clock,
    store,
    faults,
    credentials,
    oidc,
    nonces: new NonceRegistry(),
    requests,
    maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
    listing: validateListing(options.listing ?? {}),
    creation,
    onRequest: options.onRequest ?? (() => {})
  })
  const server = createServer(handler.handle)
  const port = await listen(server, options.port ?? 0)
  const url = `http://${LOOPBACK}:${port}`

  return {
    url,
    requests,
    idTokenRequestEnv: oidc.requestEnv(url),
    issued: { idTokens: oidc.idTokens.issued, credentials: oidc.sts.issued },
    secrets: () =>
      [
        ...[...credentials.values()].flatMap(c => [c.accessKeySecret, c.securityToken ?? '']),
        ...oidc.idTokens.issued,
        oidc.idTokens.requestToken
      ].filter(Boolean),
    statusReachedAt: (snapshotId, status) => store.statusReachedAt(snapshotId, status),
    createdSnapshots: creation.created,
    addSnapshot: spec => store.add(spec),
    addInstance: instance => store.addInstance(instance),
    addFault: spec => faults.add(spec),
    async close() {
      handler.cancelPending()
      const closed = new Promise(resolve => server.close(() => resolve(undefined)))
      server.closeAllConnections()
      await closed
    }
  }
}

/** @param {unknown} workspaceId */
function validateWorkspaceId(workspaceId) {
  if (workspaceId === undefined) return undefined
  if (typeof workspaceId !== 'string' || workspaceId === '' || workspaceId === 'ALL') {
    throw new TypeError(`defaultWorkspaceId must be a workspace ID, got ${workspaceId}`)
  }
  return workspaceId
}

/**
 * @param {import('./types.mjs').ListingOptions} listing
 * @returns {import('./types.mjs').ListingOptions}
 */
function validateListing(listing) {
  const { ignorePageNumber, totalCount, pageSizeCap } = listing
  if (ignorePageNumber !== undefined && typeof ignorePageNumber !== 'boolean') {
    throw new TypeError(`listing.ignorePageNumber must be a boolean, got ${ignorePageNumber}`)
  }
  if (totalCount !== undefined && !(Number.isSafeInteger(totalCount) && totalCount >= 0)) {
    throw new TypeError(`listing.totalCount must be a non-negative integer, got ${totalCount}`)
  }
  if (pageSizeCap !== undefined && !(Number.isSafeInteger(pageSizeCap) && pageSizeCap > 0)) {
    throw new TypeError(`listing.pageSizeCap must be a positive integer, got ${pageSizeCap}`)
  }
  return listing
}

/**
 * @param {import('node:http').Server} server
 * @param {number} port
 * @returns {Promise<number>} the port actually bound
 */
function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : port)
    })
  })
}
