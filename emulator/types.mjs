// Shapes shared by the emulator's modules. JSDoc typedefs only: this file has no runtime code.

/**
 * A caller the emulator accepts.
 * @typedef {object} CredentialSpec
 * @property {string} accessKeyId
 * @property {string} accessKeySecret
 * @property {string} [securityToken] when set, `x-acs-security-token` must carry exactly this
 * @property {string} [expiration] ISO time after which the security token counts as expired
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
 * @property {OidcOptions} [oidc] the STS and GitHub ID-token stand-ins
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
 * A RAM role that trusts an OIDC provider.
 * @typedef {object} OidcRoleSpec
 * @property {string} arn e.g. acs:ram::123456789012:role/github-deploy
 * @property {string} providerArn the provider its trust policy names
 * @property {string} [subject] the trust policy's `oidc:sub` condition (StringLike: `*` matches
 *   anything); default any subject
 * @property {number} [maxSessionDurationSeconds] default 3600
 */

/**
 * @typedef {object} OidcOptions
 * @property {OidcProviderSpec[]} [providers]
 * @property {OidcRoleSpec[]} [roles]
 * @property {string} [subject] the `sub` of issued ID tokens; default
 *   repo:octo-org/deploy:ref:refs/heads/main
 * @property {string} [requestToken] the bearer the ID-token endpoint demands; default random
 * @property {number} [idTokenLifetimeMs] default 5 minutes
 * @property {number} [credentialLifetimeMs] how long issued credentials live, instead of
 *   DurationSeconds (an emulator extension, so tests can see them expire mid-wait)
 */

/**
 * An answer from an API handler: a success body or an error to report.
 * @typedef {{ body: Record<string, unknown> } | { error: import('./api-errors.mjs').ApiError }} ApiResult
 */

export {}
