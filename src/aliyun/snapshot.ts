/** A `{Key, Value}` label of a snapshot or an instance, as the API lists them. */
export interface Label {
  Key?: string
  Value?: string
}

/** One instance snapshot as GetInstanceSnapshot describes it (field names as the API spells them). */
export interface Snapshot {
  InstanceId?: string
  SnapshotId?: string
  SnapshotName?: string
  Status?: string
  ImageId?: string
  ImageUrl?: string
  ReasonCode?: string
  ReasonMessage?: string
  GmtCreateTime?: string
  GmtModifiedTime?: string
  Labels?: Label[]
  ExcludePaths?: string[]
  RequestId?: string
}

export interface SnapshotResponse {
  snapshot: Snapshot
  requestId: string
}

/** `ReasonCode: ReasonMessage`, or '' when the service gave no reason. */
export function snapshotReason(snapshot: Snapshot | undefined): string {
  return [snapshot?.ReasonCode, snapshot?.ReasonMessage].filter(Boolean).join(': ')
}

/** Whether a status is one of `statuses`: the one rule, case aside, as the inputs are typed by hand. */
export function statusIn(statuses: readonly string[]): (status: string | undefined) => boolean {
  const wanted = new Set(statuses.map(s => s.toLowerCase()))
  return status => status !== undefined && wanted.has(status.toLowerCase())
}
