// Shapes shared by the emulator's modules. JSDoc typedefs only: this file has no runtime code.

/**
 * A caller the emulator accepts.
 * @typedef {object} CredentialSpec
 * @property {string} accessKeyId
 * @property {string} accessKeySecret
 * @property {string} [securityToken] when set, `x-acs-security-token` must carry exactly this
 * @property {string} [expiration] ISO time after which the security token counts as expired
 * @property {number} [expiresAfterRequests] the security token counts as expired from the request
 *   after this many signed with it (a deterministic expiry for tests, free of wall-clock timing)
 */

/**
 * @typedef {object} SnapshotLabel
 * @property {string} Key
 * @property {string} Value
 */

/**
 * One phase of a snapshot's life. A step that is not the last lasts either `polls` reads of the
 * snapshot or `ms` wall-clock milliseconds from the moment it started.
 * @typedef {object} TimelineStep
 * @property {string} status
 * @property {number} [polls]
 * @property {number} [ms]
 * @property {string} [reasonCode]
 * @property {string} [reasonMessage]
 * @property {Record<string, unknown>} [fields] raw overrides of the answer's fields during this
 *   step, applied after the snapshot's own `fields`
 */

/**
 * @typedef {object} SnapshotSpec
 * @property {string} instanceId
 * @property {string} snapshotId
 * @property {string} [snapshotName]
 * @property {string} [imageUrl]
 * @property {string} [imageId]
 * @property {string} [gmtCreateTime] ISO time; defaults to when the snapshot was added
 * @property {SnapshotLabel[]} [labels]
 * @property {string[]} [excludePaths]
 * @property {string} [snapshotDescription] kept, not reported: GetInstanceSnapshot has no such field
 * @property {string} [reasonCode] reported while the status looks like a failure (`/fail/i`)
 * @property {string} [reasonMessage]
 * @property {Record<string, unknown>} [fields] raw overrides merged into every answer that
 *   describes this snapshot (GetInstanceSnapshot and its ListInstanceSnapshot entry): any JSON
 *   value, e.g. `{ Status: 42 }` or `{ SnapshotId: 'snp-other' }`; `undefined` leaves a field out
 * @property {number} [listedAfterMs] ListInstanceSnapshot leaves the snapshot out until this many
 *   ms after it was added (a listing that lags); GetInstanceSnapshot finds it at once
 * @property {TimelineStep[]} timeline
 */

/**
 * An instance as ListInstances describes it. Instances that only own snapshots exist with every
 * default.
 * @typedef {object} InstanceSpec
 * @property {string} instanceId
 * @property {string} [instanceName] default: the instance ID
 * @property {string} [workspaceId] default: the emulator's `defaultWorkspaceId`
 * @property {string} [workspaceName] default: the workspace ID
 * @property {'PayAsYouGo' | 'Subscription'} [paymentType] default PayAsYouGo
 * @property {string} [status] default Running; CreateInstanceSnapshot needs Running
 * @property {SnapshotLabel[]} [labels]
 * @property {string} [gmtCreateTime] ISO time; defaults to when the instance was added
 * @property {Record<string, unknown>} [fields] raw overrides merged into its ListInstances entry,
 *   any JSON value; `undefined` leaves a field out
 */

/**
 * How snapshots made by CreateInstanceSnapshot behave.
 * @typedef {object} CreatedSnapshotOptions
 * @property {TimelineStep[]} [timeline] default Committing (2 polls) → Pushing (2 polls) → Saved
 * @property {string} [reasonCode] reported while the status looks like a failure
 * @property {string} [reasonMessage]
 * @property {string} [imageId] default: a fresh `image-…` per snapshot
 * @property {Record<string, unknown>} [fields] raw overrides of every answer that describes a
 *   created snapshot, as a configured snapshot's `fields` (e.g. `{ ImageUrl: '…:443/…' }`)
 * @property {number} [listedAfterMs] each created snapshot's `listedAfterMs`: a listing that lags
 */

/**
 * A snapshot made by CreateInstanceSnapshot.
 * @typedef {object} CreatedSnapshot
 * @property {string} snapshotId
 * @property {string} instanceId
 * @property {Record<string, unknown>} body the request body, parsed
 */

/**
 * @typedef {'GetInstanceSnapshot' | 'ListInstanceSnapshot' | 'CreateInstanceSnapshot' | 'ListInstances'} ApiAction
 */

/**
 * @typedef {'error' | 'reset' | 'stall' | 'html' | 'truncated' | 'oversize' | 'respond' | 'unsuccessful' | 'redirect' | 'lose-answer'} FaultKind
 */

/**
 * A misbehaviour served instead of the normal answer to the next matching request(s).
 * @typedef {object} FaultSpec
 * @property {FaultKind} kind
 * @property {string} [action] only requests routed to this API action match
 * @property {string} [snapshotId] only requests naming this snapshot in their path match
 * @property {number} [times] how many requests it affects; default 1
 * @property {number} [httpStatus] for 'error' (default 503), 'html' (default 502), 'respond'
 *   (default 200), 'unsuccessful' (default 200) and 'redirect' (default 302)
 * @property {string} [code] for 'error' (default ServiceUnavailable) and 'unsuccessful' (default
 *   InternalError)
 * @property {string} [message] for 'error' (default: the catalog's message for a code it knows,
 *   else ServiceUnavailable's) and 'unsuccessful' (default InternalError's)
 * @property {number} [httpStatusCode] for 'unsuccessful': the body's HttpStatusCode; default 400
 * @property {Record<string, string>} [headers] extra response headers, e.g. x-acs-retry-after
 * @property {number} [stallMs] for 'stall': answer normally after this delay instead of never
 * @property {unknown} [body] for 'respond': any JSON value, sent serialised
 * @property {string} [rawBody] for 'respond': sent as it is, instead of `body`
 * @property {string} [location] for 'redirect': the Location header
 */

/**
 * How ListInstanceSnapshot and ListInstances misbehave.
 * @typedef {object} ListingOptions
 * @property {boolean} [ignorePageNumber] every answer is page 1 (reported as PageNumber 1),
 *   whatever page was asked for
 * @property {number} [totalCount] the TotalCount to report instead of the true one
 * @property {number} [pageSizeCap] pages hold at most this many snapshots, whatever PageSize
 *   asked (reported as PageSize), where `maxPageSize` refuses a larger PageSize instead
 */

/**
 * What the emulator saw of one request and how it answered.
 * @typedef {object} RequestRecord
 * @property {string} method
 * @property {string} path the path as received (still percent-encoded), without the query
 * @property {Record<string, string>} query decoded query parameters
 * @property {string} [body] the request body as text (UTF-8), when there was one
 * @property {string | undefined} action the routed API action, else the x-acs-action header
 * @property {string | undefined} accessKeyId from the Authorization header, unverified
 * @property {string | undefined} securityToken
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {number} statusCode 0 while nothing was answered (reset, stall)
 * @property {string} [code] the error Code of the answer, if it was an error
 * @property {FaultKind} [fault] the injected fault, if any
 * @property {number} at local Date.now() when the request arrived
 * @property {string} requestId the x-acs-request-id of the answer (also set when none was sent)
 */

/**
 * @typedef {object} EmulatorOptions
 * @property {number} [port] default 0: a random free port
 * @property {CredentialSpec[]} [credentials]
 * @property {SnapshotSpec[]} [snapshots]
 * @property {Array<string | InstanceSpec>} [instances] instances, by ID (every default) or
 *   described; they exist even without any snapshot
 * @property {string} [defaultWorkspaceId] the account's default workspace; default 'ws-default'
 * @property {CreatedSnapshotOptions} [createdSnapshots] how created snapshots behave
 * @property {FaultSpec[]} [faults]
 * @property {number} [clockSkewMs] offset of the emulator's clock from the local one
 * @property {number} [maxPageSize] ListInstanceSnapshot PageSize cap; default 100
 * @property {ListingOptions} [listing] ListInstanceSnapshot and ListInstances misbehaviour
 * @property {OidcOptions} [oidc] the STS and GitHub ID-token stand-ins, and the roles STS knows
 *   (for AssumeRoleWithOIDC and AssumeRole alike)
 * @property {MetadataOptions} [metadata] starts the ECS metadata server on a port of its own
 * @property {string} [metadataHost] where the metadata server listens; default '127.0.0.1'
 * @property {number} [metadataPort] default 0: a random free port
 * @property {CredentialsUriOptions} [credentialsUri] serves an ALIBABA_CLOUD_CREDENTIALS_URI
 *   endpoint on the emulator's port
 * @property {(record: RequestRecord) => void} [onRequest] called once per request, when its
 *   outcome is known
 */

/**
 * A RAM OIDC identity provider.
 * @typedef {object} OidcProviderSpec
 * @property {string} arn e.g. acs:ram::123456789012:oidc-provider/GitHub
 * @property {string} [issuer] default https://token.actions.githubusercontent.com
 * @property {string[]} [clientIds] the audiences it accepts; default ['sts.aliyuncs.com']
 */

/**
 * A RAM role, for STS AssumeRoleWithOIDC (when it trusts an OIDC provider) and AssumeRole (signed
 * by an accepted key).
 * @typedef {object} RoleSpec
 * @property {string} arn e.g. acs:ram::123456789012:role/github-deploy
 * @property {string} [providerArn] the OIDC provider its trust policy names; none: no OIDC
 * @property {string} [subject] the trust policy's `oidc:sub` condition (StringLike: `*` matches
 *   anything); default any subject
 * @property {string[]} [assumableBy] the access key IDs AssumeRole accepts for it; default any
 *   key the emulator accepts (configured or issued)
 * @property {string} [externalId] the `sts:ExternalId` condition AssumeRole must meet; default none
 * @property {number} [maxSessionDurationSeconds] default 3600
 * @property {number} [credentialLifetimeMs] how long its credentials live, instead of
 *   DurationSeconds (over the `oidc.credentialLifetimeMs`)
 */

/** @typedef {RoleSpec} OidcRoleSpec the name roles had when only AssumeRoleWithOIDC used them */

/**
 * @typedef {object} OidcOptions
 * @property {OidcProviderSpec[]} [providers]
 * @property {RoleSpec[]} [roles] the roles STS knows, for AssumeRoleWithOIDC and AssumeRole
 * @property {string} [subject] the `sub` of issued ID tokens; default
 *   repo:octo-org/deploy:ref:refs/heads/main
 * @property {string} [requestToken] the bearer the ID-token endpoint demands; default random
 * @property {number} [idTokenLifetimeMs] default 5 minutes
 * @property {number} [credentialLifetimeMs] how long issued credentials live, instead of
 *   DurationSeconds (an emulator extension, so tests can see them expire mid-wait)
 */

/**
 * An OIDC token from an issuer other than GitHub, as `emu.issueOidcToken()` makes it.
 * @typedef {object} OidcTokenRequest
 * @property {string} [issuer] default https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c-emulator
 * @property {string} [subject] default system:serviceaccount:ci:runner
 * @property {string} [audience] default sts.aliyuncs.com
 * @property {number} [lifetimeMs] default 1 hour
 */

/**
 * The ECS instance metadata stand-in. All can change during a test (`emu.setMetadata()`).
 * @typedef {object} MetadataOptions
 * @property {string} [roleName] the instance's RAM role; default 'EcsRamRoleForCI'
 * @property {boolean} [hardened] reads need a valid `X-aliyun-ecs-metadata-token` (else 401);
 *   default true
 * @property {number} [delayMs] every answer waits this long; default 0
 * @property {number} [credentialLifetimeMs] default 6 hours; a new set is served once the current
 *   one is past half its life
 * @property {boolean} [unavailable] the credentials read answers 503; default false
 */

/**
 * What the metadata server saw of one request.
 * @typedef {object} MetadataRequestRecord
 * @property {string} method
 * @property {string} path without the query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {number} statusCode 0 until answered; 0 for good if the client hung up first
 * @property {number} at local Date.now() when it arrived
 */

/**
 * An ALIBABA_CLOUD_CREDENTIALS_URI endpoint. All can change during a test
 * (`emu.setCredentialsUri()`).
 * @typedef {object} CredentialsUriOptions
 * @property {string} [path] default '/credentials-uri'
 * @property {'code' | 'http'} [failure] 'code': 200 with `Code: 'Failed'`; 'http': 500
 * @property {number} [delayMs] every answer waits this long; default 0
 * @property {number} [credentialLifetimeMs] default 6 hours; a new set is served once the current
 *   one is past half its life
 */

/**
 * An answer from an API handler: a success body or an error to report.
 * @typedef {{ body: Record<string, unknown> } | { error: import('./api-errors.mjs').ApiError }} ApiResult
 */

export {}
