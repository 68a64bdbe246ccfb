import type { Label } from './snapshot.js'

/** One DSW instance as ListInstances describes it (the fields the action uses). */
export interface Instance {
  InstanceId: string
  InstanceName?: string
  Status?: string
  WorkspaceId?: string
  WorkspaceName?: string
  PaymentType?: string
  /** A list here, unlike the map ListInstances takes as a filter. */
  Labels?: Label[]
}

/** What ListInstances is asked: one page, of one workspace (or `ALL`). */
export interface InstancePageRequest {
  pageNumber: number
  pageSize: number
  /** Not sent when undefined: the service then lists the account's default workspace. */
  workspaceId?: string
  /** Sent as `Labels` (at most 4, as the API allows): instances carrying every one of them. */
  labels?: Record<string, string>
}
