// A snapshot as the API describes it: the fields shared by GetInstanceSnapshot and the items of
// ListInstanceSnapshot, in the official SDK models' order.

const FAILURE_STATUS = /fail/i

/**
 * @param {import('./snapshot-store.mjs').StoredSnapshot} stored
 * @param {import('./snapshot-timeline.mjs').TimelinePosition} position
 * @param {import('./emulator-clock.mjs').EmulatorClock} clock
 */
export function snapshotFields(stored, { step, startedAt }, clock) {
  const { spec } = stored
  // A snapshot-wide reason explains a failure; a step's own reason can say anything at any time.
  const failing = FAILURE_STATUS.test(step.status)
  return {
    InstanceId: spec.instanceId,
    SnapshotId: spec.snapshotId,
    SnapshotName: spec.snapshotName ?? '',
    Status: step.status,
    ImageId: spec.imageId ?? '',
    ImageUrl: spec.imageUrl ?? '',
    ReasonCode: step.reasonCode ?? (failing ? spec.reasonCode : undefined) ?? '',
    ReasonMessage: step.reasonMessage ?? (failing ? spec.reasonMessage : undefined) ?? '',
    GmtCreateTime: stored.gmtCreateTime,
    GmtModifiedTime: clock.serverIso(startedAt),
    Labels: spec.labels ?? [],
    ExcludePaths: spec.excludePaths ?? []
  }
}
