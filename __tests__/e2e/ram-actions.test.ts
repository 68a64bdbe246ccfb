// The README's table of RAM actions (README.md#ram-permissions), row by row, through
// `node dist/index.js`: each feature succeeds with only the actions of its rows allowed — every
// other PAI-DSW action is refused with 403 `Forbidden.RAM`, as RAM refuses it — and uses each of
// them, so a row can neither lack an action nor name one the feature does not need. `attempts`
// counts every PAI-DSW request of the run, the refused ones included, as the README says.
import { describe, expect, it } from '@jest/globals'
import type { ActionRun, RunOptions } from '../../scripts/local-runner.mjs'
import type { Emulator, EmulatorOptions } from '../helpers/emulator-per-test.js'
import { paiDswActionsInCode, ramActionsBlock, ramRows } from '../helpers/ram-actions.js'
import { callsTo } from '../helpers/run-inspection.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'

const { startEmulator, runAction } = secretScannedRuns()

const KEY = { accessKeyId: 'ram-key-id', accessKeySecret: 'ram-key-secret-0123456789' }
const PROVIDER = 'acs:ram::123456789012:oidc-provider/GitHub'
const ROLE = 'acs:ram::123456789012:role/github-pai-dsw'
const INSTANCE = 'dsw-ram0001'
const FAST = {
  'poll-interval': '50ms',
  'max-poll-interval': '100ms',
  'request-timeout': '5s',
  'max-requests-per-second': '100',
  timeout: '20s'
}
const NO_HISTORY = { 'history-aware-polling': 'false' }

type SnapshotSpec = NonNullable<EmulatorOptions['snapshots']>[number]

/** Seen in progress by its first read (a poll, or a listing), then Saved. */
const inProgress = (snapshotId: string, instanceId = INSTANCE): SnapshotSpec => ({
  instanceId,
  snapshotId,
  timeline: [{ status: 'Pushing', polls: 1 }, { status: 'Saved' }]
})

interface Scenario {
  /** The other rows of the table whose actions the run needs too. */
  with?: string[]
  inputs: Record<string, string>
  emulator?: EmulatorOptions
  env?: (emu: Emulator) => RunOptions['env']
}

const IDS_ROW = '`snapshot-id`: IDs'
const NEW_ROW = '`snapshot-id: new`'

/** One run per row of the table, keyed by the row's first cell as written. */
const SCENARIOS: Record<string, Scenario> = {
  [IDS_ROW]: {
    inputs: { 'snapshot-id': 'snp-ram1, snp-ram2', ...NO_HISTORY },
    emulator: { snapshots: [inProgress('snp-ram1'), inProgress('snp-ram2')] }
  },
  'history-aware polling (¹)': {
    with: [IDS_ROW],
    inputs: { 'snapshot-id': 'snp-ram1' },
    emulator: { snapshots: [inProgress('snp-ram1')] }
  },
  '`snapshot-id: latest`': {
    inputs: { 'snapshot-id': 'latest' },
    emulator: { snapshots: [inProgress('snp-ram1')] }
  },
  '`snapshot-id: all`': {
    inputs: { 'snapshot-id': 'all' },
    emulator: { snapshots: [inProgress('snp-ram1'), inProgress('snp-ram2')] }
  },
  [NEW_ROW]: {
    inputs: { 'snapshot-id': 'new', 'image-url': 'registry.example/team/env', ...NO_HISTORY },
    emulator: { instances: [INSTANCE] }
  },
  '`new`, after a lost answer (²)': {
    with: [NEW_ROW],
    inputs: { 'snapshot-id': 'new', 'image-url': 'registry.example/team/env', ...NO_HISTORY },
    emulator: {
      instances: [INSTANCE],
      faults: [{ kind: 'lose-answer', action: 'CreateInstanceSnapshot' }]
    }
  },
  '`instance-id: all`': {
    with: ['`snapshot-id: all`'],
    inputs: { 'instance-id': 'all', 'snapshot-id': 'all' },
    emulator: {
      snapshots: [inProgress('snp-ram1'), inProgress('snp-ram2', 'dsw-ram0002')]
    }
  },
  '`role-to-assume` (OIDC)': {
    with: [IDS_ROW],
    inputs: { 'snapshot-id': 'snp-ram1', ...NO_HISTORY },
    emulator: {
      snapshots: [inProgress('snp-ram1')],
      oidc: { providers: [{ arn: PROVIDER }], roles: [{ arn: ROLE, providerArn: PROVIDER }] }
    },
    env: emu => emu.idTokenRequestEnv
  },
  '`role-to-assume` with a key': {
    with: [IDS_ROW],
    inputs: { 'snapshot-id': 'snp-ram1', 'role-to-assume': ROLE, ...NO_HISTORY },
    // A role for AssumeRole: no OIDC provider, the key may assume it.
    emulator: {
      snapshots: [inProgress('snp-ram1')],
      oidc: { roles: [{ arn: ROLE, assumableBy: [KEY.accessKeyId] }] }
    }
  }
}

const rows = ramRows(ramActionsBlock('README.md'))
const rowNamed = (uses: string) => {
  const row = rows.find(r => r.uses === uses)
  if (!row) throw new Error(`no row "${uses}" in the README's RAM table`)
  return row
}
const ALL_ACTIONS = paiDswActionsInCode().map(action => `paidsw:${action}`)

/** Every PAI-DSW action but `allowed` is refused as RAM refuses it, however often it is asked. */
const refusedBut = (allowed: readonly string[]): NonNullable<EmulatorOptions['faults']> =>
  ALL_ACTIONS.filter(action => !allowed.includes(action)).map(action => ({
    kind: 'error',
    action: action.replace(/^paidsw:/, ''),
    httpStatus: 403,
    code: 'Forbidden.RAM',
    message: 'User not authorized to operate on the specified resource.',
    times: 1000
  }))

const paiDswRequests = (emu: Emulator) => emu.requests.filter(r => r.path.startsWith('/api/'))
const actionsUsed = (emu: Emulator) =>
  [...new Set(paiDswRequests(emu).map(r => `paidsw:${r.action}`))].sort()

async function runWith(
  scenario: Scenario,
  allowed: readonly string[],
  extra: EmulatorOptions = {}
): Promise<{ emu: Emulator; result: ActionRun }> {
  const { emulator = {} } = scenario
  const emu = await startEmulator({
    credentials: [KEY],
    ...emulator,
    ...extra,
    faults: [...(emulator.faults ?? []), ...(extra.faults ?? []), ...refusedBut(allowed)]
  })
  const credentials: Record<string, string> = emulator.oidc?.providers
    ? { 'role-to-assume': ROLE, 'oidc-provider-arn': PROVIDER, 'sts-endpoint': emu.url }
    : {
        'access-key-id': KEY.accessKeyId,
        'access-key-secret': KEY.accessKeySecret,
        'sts-endpoint': emu.url
      }
  const result = await runAction(
    {
      'instance-id': INSTANCE,
      endpoint: emu.url,
      ...credentials,
      ...FAST,
      ...scenario.inputs
    },
    { env: scenario.env?.(emu) }
  )
  return { emu, result }
}

describe("the README's RAM actions table", () => {
  it('has a scenario here for each of its rows, and no other', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(rows.map(row => row.uses).sort())
  })

  it.each(Object.entries(SCENARIOS))(
    '%s: succeeds with only the actions of its rows, and uses each of them',
    async (uses, scenario) => {
      const row = rowNamed(uses)
      const allowed = [
        ...new Set([row, ...(scenario.with ?? []).map(rowNamed)].flatMap(r => r.actions))
      ]
      const { emu, result } = await runWith(scenario, allowed)
      expect(result.outputs.result).toBe('success')
      expect(result.exitCode).toBe(0)
      expect(actionsUsed(emu)).toEqual([...allowed].sort())
      expect(result.outputs.attempts).toBe(String(paiDswRequests(emu).length))
      // A row without actions says what allows its STS call instead; the call was made.
      for (const [, action] of row.cell.matchAll(/`(AssumeRole(?:WithOIDC)?)`/g)) {
        expect(callsTo(emu, action!).length).toBeGreaterThan(0)
      }
    }
  )

  it('(¹) history-aware polling refused: the polls keep the usual schedule, and the step succeeds', async () => {
    const { emu, result } = await runWith(
      SCENARIOS['history-aware polling (¹)']!,
      rowNamed(IDS_ROW).actions
    )
    expect(result.outputs.result).toBe('success')
    const listings = callsTo(emu, 'ListInstanceSnapshot')
    expect(listings.map(r => r.statusCode)).toEqual([403])
    // The refused request counts too.
    expect(result.outputs.attempts).toBe(String(paiDswRequests(emu).length))
  })

  it('(²) the search after a lost answer refused: the step fails rather than create again', async () => {
    const { emu, result } = await runWith(
      SCENARIOS['`new`, after a lost answer (²)']!,
      rowNamed(NEW_ROW).actions
    )
    expect(result.outputs.result).toBe('error')
    expect(callsTo(emu, 'CreateInstanceSnapshot')).toHaveLength(1)
    expect(callsTo(emu, 'ListInstanceSnapshot').map(r => r.statusCode)).toEqual([403])
    expect(result.outputs.attempts).toBe(String(paiDswRequests(emu).length))
  })
})
