import type { Clock } from '../clock.js'
import { type CredentialSource, describeCredentialSource, noCredentials } from './source.js'
import type { Env } from './environment.js'
import { type IdTokenFetcher, fetchGitHubIdToken } from './github-id-token.js'
import type { Transport } from '../http/transport.js'
import type { Credentials } from '../aliyun/signer.js'
import { type AssumedRole, assumeRole, assumeRoleWithOidc } from '../aliyun/sts-client.js'
import type { StsCaller } from '../aliyun/sts-errors.js'
import { type Lease, TemporarySession, leaseUntil } from './temporary-session.js'
import type { RoleDefaults } from './oidc-role.js'
import { readOidcTokenFile } from './oidc-token-file.js'
import {
  METADATA_PROBE_TIMEOUT_MS,
  type MetadataSettings,
  NoMetadataService,
  NoRoleAttached,
  readEcsRamRole
} from './ecs-ram-role.js'
import { readCredentialsUri } from './credentials-uri.js'

export { RENEW_BEFORE_EXPIRY_MS, renewalMarginMs } from './temporary-session.js'

/** What signs each request; the client asks it before every call, so it may renew in between. */
export interface CredentialProvider {
  /** Where the credentials come from, for the log; never a secret. */
  readonly description: string
  get(): Promise<Credentials>
}

export interface CredentialProviderDeps {
  transport: Transport
  /**
   * Reaches the ECS metadata service and plain-http credentials URIs: never through a proxy,
   * which could not reach the one and must not read what the other sends in clear.
   */
  metadataTransport: Transport
  clock: Clock
  /** Jitter of STS retry pauses. */
  random?: () => number
  getIDToken: IdTokenFetcher
  env: Env
  maskSecret: (secret: string) => void
  /** Budget for one STS call, retries included. */
  requestTimeoutMs: number
  log: { info(message: string): void; warning(message: string): void }
  signal?: AbortSignal
}

export function createCredentialProvider(
  source: CredentialSource,
  deps: CredentialProviderDeps
): CredentialProvider {
  switch (source.kind) {
    case 'runner-identity':
      return runnerIdentity(source, deps)
    case 'assume-role':
      return assumedWithKey(source, deps)
    case 'cli-profile':
    case 'credentials-file': {
      const via = createCredentialProvider(source.via, deps)
      return { description: describeCredentialSource(source, via.description), get: via.get }
    }
  }
  return { description: describeCredentialSource(source), get: getterFor(source, deps) }
}

type Getter = () => Promise<Credentials>

/** The sources that need no other source. */
function getterFor(
  source: Extract<
    CredentialSource,
    {
      kind:
        | 'inputs'
        | 'environment'
        | 'key'
        | 'oidc'
        | 'oidc-token-file'
        | 'ecs-ram-role'
        | 'credentials-uri'
    }
  >,
  deps: CredentialProviderDeps
): Getter {
  switch (source.kind) {
    case 'inputs':
    case 'environment':
    case 'key':
      return async () => source.credentials
    case 'oidc': {
      const { role } = source
      const caller = {
        kind: 'github-oidc',
        ...role,
        repository: deps.env.GITHUB_REPOSITORY
      } as const
      const token = () =>
        fetchGitHubIdToken(deps.getIDToken, role.audience, deps.env, deps.maskSecret)
      return assumedWithOidc(role, caller, token, deps)
    }
    case 'oidc-token-file': {
      const { role } = source
      const caller = { kind: 'oidc-token-file', ...role } as const
      return assumedWithOidc(
        role,
        caller,
        () => readOidcTokenFile(role.tokenFile, deps.maskSecret),
        deps
      )
    }
    case 'ecs-ram-role':
      return ecsRamRole(source.metadata, deps)
    case 'credentials-uri': {
      const obtain = async () => {
        const { credentials, expiration } = await readCredentialsUri(
          source.uri,
          { transport: deps.transport, direct: deps.metadataTransport },
          deps.requestTimeoutMs
        )
        return leaseUntil(credentials, expiration, deps.clock.now())
      }
      return session('the credentials URI', false, obtain, deps)
    }
  }
}

/** AssumeRoleWithOIDC, with a fresh OIDC token at every renewal. */
function assumedWithOidc(
  role: RoleDefaults & { roleArn: string; oidcProviderArn: string },
  caller: StsCaller,
  oidcToken: () => Promise<string>,
  deps: CredentialProviderDeps
): Getter {
  const obtain = async () => {
    const params = { ...role, oidcToken: await oidcToken() }
    return leaseOf(await assumeRoleWithOidc(params, stsOptions(role, caller, deps)), deps)
  }
  return session(role.roleArn, true, obtain, deps)
}

/** AssumeRole, signed by whatever key the base source gives (itself renewed as it needs). */
function assumedWithKey(
  source: Extract<CredentialSource, { kind: 'assume-role' }>,
  deps: CredentialProviderDeps
): CredentialProvider {
  const { role } = source
  const base = createCredentialProvider(source.base, deps)
  const obtain = async () => {
    const key = await base.get()
    const caller: StsCaller = { kind: 'key', source: base.description }
    return leaseOf(await assumeRole(role, key, stsOptions(role, caller, deps)), deps)
  }
  return {
    get description() {
      return describeCredentialSource(source, base.description)
    },
    get: session(role.roleArn, true, obtain, deps)
  }
}

/**
 * Nothing configured: probe the ECS metadata service (a second at most); if it does not answer,
 * or the instance has no role, the credentials URI if one is set, else the list of every source.
 */
function runnerIdentity(
  source: Extract<CredentialSource, { kind: 'runner-identity' }>,
  deps: CredentialProviderDeps
): CredentialProvider {
  let chosen: Promise<CredentialProvider> | undefined
  let known: CredentialProvider | undefined
  const choose = async (): Promise<CredentialProvider> => {
    const ecs = { kind: 'ecs-ram-role', metadata: source.metadata } as const
    const get = ecsRamRole(source.metadata, deps, METADATA_PROBE_TIMEOUT_MS)
    try {
      await get()
      return { description: describeCredentialSource(ecs), get }
    } catch (error) {
      if (!(error instanceof NoMetadataService || error instanceof NoRoleAttached)) throw error
      if (source.uri)
        return createCredentialProvider({ kind: 'credentials-uri', uri: source.uri }, deps)
      const { origin } = source.metadata
      throw noCredentials(
        error instanceof NoRoleAttached
          ? `the ECS metadata service at ${origin} answered, but this instance has no RAM role attached`
          : `the ECS metadata service at ${origin} did not answer within ` +
              `${METADATA_PROBE_TIMEOUT_MS / 1000} s (this runner is not on ECS, or cannot reach it)`
      )
    }
  }
  return {
    get description() {
      return known?.description ?? describeCredentialSource(source)
    },
    async get() {
      known ??= await (chosen ??= choose())
      return known.get()
    }
  }
}

function session(
  name: string,
  assumed: boolean,
  obtain: () => Promise<Lease>,
  deps: CredentialProviderDeps
): Getter {
  const held = new TemporarySession({ name, assumed }, obtain, deps)
  return () => held.credentials()
}

function stsOptions(
  role: RoleDefaults & { roleArn: string },
  caller: StsCaller,
  deps: CredentialProviderDeps
) {
  return {
    endpoint: role.stsEndpoint,
    transport: deps.transport,
    clock: deps.clock,
    random: deps.random,
    log: deps.log,
    timeoutMs: deps.requestTimeoutMs,
    context: { roleArn: role.roleArn, durationSeconds: role.durationSeconds, caller },
    signal: deps.signal
  }
}

function leaseOf(assumed: AssumedRole, deps: CredentialProviderDeps): Lease {
  return leaseUntil(assumed.credentials, assumed.expiration, deps.clock.now(), assumed.serverDate)
}

/** The instance's RAM role; `firstTimeoutMs` bounds the very first request (the probe). */
function ecsRamRole(
  metadata: MetadataSettings,
  deps: CredentialProviderDeps,
  firstTimeoutMs?: number
): Getter {
  const name = `ECS RAM role ${metadata.roleName ?? '(attached to the instance)'}`
  let probe = firstTimeoutMs
  const obtain = async () => {
    const read = await readEcsRamRole(metadata, deps.metadataTransport, deps.maskSecret, probe)
    probe = undefined
    return leaseUntil(read.credentials, read.expiration, deps.clock.now())
  }
  return session(name, false, obtain, deps)
}
