// A snapshot as the API describes it: the fields shared by GetInstanceSnapshot and the items of
// ListInstanceSnapshot, in the official SDK models' order, with any raw `fields` overrides on top.
// A snapshot with no reason to report says so with `null` reasons, as the real service may (the
// official SDK reads null as absent; see shared/reference/pai-dsw-api.md): never a friendlier `''`.

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
  return withOverrides(
    {
      InstanceId: spec.instanceId,
      SnapshotId: spec.snapshotId,
      SnapshotName: spec.snapshotName ?? '',
      Status: step.status,
      ImageId: spec.imageId ?? '',
      ImageUrl: spec.imageUrl ?? defaultImageUrl(spec),
      ReasonCode: step.reasonCode ?? (failing ? spec.reasonCode : undefined) ?? null,
      ReasonMessage: step.reasonMessage ?? (failing ? spec.reasonMessage : undefined) ?? null,
      GmtCreateTime: stored.gmtCreateTime,
      GmtModifiedTime: clock.serverIso(startedAt),
      Labels: spec.labels ?? [],
      ExcludePaths: spec.excludePaths ?? []
    },
    spec.fields,
    step.fields
  )
}

/**
 * The snapshot's, then the step's raw overrides: any JSON value replaces the field as it is (a
 * server that sends the wrong type, or another snapshot's ID); `undefined` leaves the field out.
 * @param {Record<string, unknown>} fields
 * @param {...(Record<string, unknown> | undefined)} overrides
 */
export function withOverrides(fields, ...overrides) {
  /** @type {Record<string, unknown>} */
  const merged = { ...fields }
  for (const [name, value] of overrides.flatMap(o => Object.entries(o ?? {}))) {
    if (value === undefined) delete merged[name]
    else merged[name] = value
  }
  return merged
}

/**
 * A real snapshot always names the image it pushes (CreateInstanceSnapshot requires one): a
 * configured snapshot without `imageUrl` reports `registry.emulator.test/<instance>/snapshot:<id>`.
 * @param {import('./types.mjs').SnapshotSpec} spec
 */
export function defaultImageUrl(spec) {
  return `registry.emulator.test/${spec.instanceId.toLowerCase()}/snapshot:${spec.snapshotId}`
}
