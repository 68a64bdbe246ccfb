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
  Labels?: { Key?: string; Value?: string }[]
  ExcludePaths?: string[]
  RequestId?: string
  [field: string]: unknown
}

export interface SnapshotResponse {
  snapshot: Snapshot
  requestId: string
}

/** `ReasonCode: ReasonMessage`, or '' when the service gave no reason. */
export function snapshotReason(snapshot: Snapshot | undefined): string {
  return [snapshot?.ReasonCode, snapshot?.ReasonMessage].filter(Boolean).join(': ')
}
