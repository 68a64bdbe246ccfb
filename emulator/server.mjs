// A local PAI-DSW (2022-01-01) API emulator: a real HTTP server on the loopback interface that
// checks ACS3-HMAC-SHA256 signatures and plays scripted snapshot timelines and faults, with the
// credential sources a runner may use (STS, OIDC issuers, a credentials URI, and, on a port of its
// own, the ECS metadata service).
import { createServer } from 'node:http'
import { snapshotCreation } from './create-instance-snapshot.mjs'
import { CredentialIssuer } from './credential-issuer.mjs'
import { CredentialsUri } from './credentials-uri.mjs'
import { Delays } from './delays.mjs'
import { EmulatorClock } from './emulator-clock.mjs'
import { FaultQueue } from './fault-queue.mjs'
import { listen } from './http-listener.mjs'
import { MetadataService, startMetadataServer } from './metadata-server.mjs'
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
 *   what the ID-token stand-in (and issueOidcToken) and every credential source (STS, the
 *   metadata server, the credentials URI) have issued, in order
 * @property {() => string[]} secrets every secret the emulator knows: key secrets, security
 *   tokens, ID tokens, the ID-token request token and metadata session tokens
 * @property {(request?: import('./types.mjs').OidcTokenRequest) => string} issueOidcToken an OIDC
 *   token from another issuer (an ACK cluster's RRSA token file) that STS accepts
 * @property {string | undefined} metadataUrl `http://HOST:PORT` of the metadata server, when
 *   started (`options.metadata`)
 * @property {import('./types.mjs').MetadataRequestRecord[]} metadataRequests what the metadata
 *   server received, in order
 * @property {(partial: Partial<import('./types.mjs').MetadataOptions>) => void} setMetadata changes
 *   how the metadata server behaves from the next request on
 * @property {() => void} expireMetadataTokens every metadata session token issued stops working
 * @property {string | undefined} credentialsUri the full credentials URI, once served
 * @property {(partial: Partial<import('./types.mjs').CredentialsUriOptions>) => void} setCredentialsUri
 *   changes (or starts serving) the credentials URI
 * @property {(snapshotId: string, status: string) => number | undefined} statusReachedAt local ms
 *   when the snapshot first entered that status
 * @property {import('./types.mjs').CreatedSnapshot[]} createdSnapshots what CreateInstanceSnapshot
 *   made, in creation order
 * @property {(spec: import('./types.mjs').SnapshotSpec) => void} addSnapshot
 * @property {(instance: string | import('./types.mjs').InstanceSpec) => void} addInstance
 * @property {(spec: import('./types.mjs').FaultSpec) => void} addFault
 * @property {() => Promise<void>} close stops listening (both servers) and drops every
 *   connection, stalled or not
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
  const issuer = new CredentialIssuer(clock, credentials)
  const nonces = new NonceRegistry()
  const oidc = new OidcServices(options.oidc ?? {}, { clock, issuer, nonces })
  const delays = new Delays()
  const credentialsUri = new CredentialsUri(options.credentialsUri, { issuer, delays })
  const metadata = options.metadata && new MetadataService(options.metadata, { issuer })
  const handler = createRequestHandler({
    clock,
    store,
    faults,
    credentials,
    oidc,
    credentialsUri,
    nonces,
    requests,
    maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
    listing: validateListing(options.listing ?? {}),
    creation,
    onRequest: options.onRequest ?? (() => {})
  })
  const servers = await startServers(handler.handle, metadata, options)
  const url = servers.api.url

  return {
    url,
    requests,
    idTokenRequestEnv: oidc.requestEnv(url),
    issued: { idTokens: oidc.idTokens.issued, credentials: issuer.issued },
    secrets: () => knownSecrets(credentials, oidc, metadata),
    issueOidcToken: request => oidc.issueToken(request),
    ...metadataControls(metadata, servers.metadata?.url),
    get credentialsUri() {
      return credentialsUri.enabled ? `${url}${credentialsUri.options.path}` : undefined
    },
    setCredentialsUri: partial => credentialsUri.set(partial),
    statusReachedAt: (snapshotId, status) => store.statusReachedAt(snapshotId, status),
    createdSnapshots: creation.created,
    addSnapshot: spec => store.add(spec),
    addInstance: instance => store.addInstance(instance),
    addFault: spec => faults.add(spec),
    async close() {
      handler.cancelPending()
      delays.cancelAll()
      await Promise.all([servers.api.close(), servers.metadata?.close()])
    }
  }
}

/**
 * Whatever a log must never show: key secrets and security tokens (configured or issued), ID and
 * OIDC tokens, the ID-token request token and metadata session tokens.
 * @param {Map<string, import('./types.mjs').CredentialSpec>} credentials
 * @param {OidcServices} oidc
 * @param {MetadataService | undefined} metadata
 */
function knownSecrets(credentials, oidc, metadata) {
  return [
    ...[...credentials.values()].flatMap(c => [c.accessKeySecret, c.securityToken ?? '']),
    ...oidc.idTokens.issued,
    oidc.idTokens.requestToken,
    ...(metadata?.issuedTokens ?? [])
  ].filter(Boolean)
}

/**
 * The API port, and the metadata server's own port when there is one; neither is left open if
 * the other cannot start.
 * @param {import('node:http').RequestListener} handle
 * @param {MetadataService | undefined} metadata
 * @param {import('./types.mjs').EmulatorOptions} options
 */
async function startServers(handle, metadata, options) {
  const api = await listen(createServer(handle), options.port ?? 0, LOOPBACK)
  if (!metadata) return { api, metadata: undefined }
  try {
    const host = options.metadataHost ?? LOOPBACK
    return { api, metadata: await startMetadataServer(metadata, host, options.metadataPort ?? 0) }
  } catch (error) {
    await api.close()
    throw error
  }
}

/**
 * The metadata server's part of the emulator's interface; without one, setting it up is a mistake
 * in the test, so it throws.
 * @param {MetadataService | undefined} metadata
 * @param {string | undefined} metadataUrl
 */
function metadataControls(metadata, metadataUrl) {
  const started = () => {
    if (!metadata) throw new Error('the metadata server runs only with the `metadata` option')
    return metadata
  }
  return {
    metadataUrl,
    metadataRequests: metadata?.requests ?? [],
    /** @param {Partial<import('./types.mjs').MetadataOptions>} partial */
    setMetadata: partial => started().set(partial),
    expireMetadataTokens: () => started().expireTokens()
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
