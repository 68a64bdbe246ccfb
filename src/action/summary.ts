import * as core from '@actions/core'
import { formatDuration, toNearestMinute } from '../duration.js'
import { errorMessage } from '../errors.js'
import { INVISIBLE, cut, escapeInvisible, plural } from '../text.js'
import type { Log } from './log.js'
import { SUMMARY_BUDGET_BYTES } from './github-limits.js'
import { RESULTS_WORST_FIRST, worstResult } from '../verdict/results.js'
import { groupByInstance, worstFirst } from './report-order.js'
import { snapshotReason } from '../aliyun/snapshot.js'
import type { WaitOutcome, WaitResult } from '../check/waiter.js'
import type { Env } from './inputs.js'

const RESULT_SYMBOL: Record<WaitResult, string> = {
  success: '✅',
  failure: '❌',
  timeout: '⏱️',
  error: '⚠️',
  cancelled: '⏹️'
}

const RESULT_LABEL: Record<WaitResult, string> = {
  success: 'Success',
  failure: 'Failure',
  timeout: 'Timed out',
  error: 'Error',
  cancelled: 'Cancelled'
}

export interface StepFacts {
  /** The one instance checked; '' when the step may check several (each outcome names its own). */
  instanceId: string
  /** The snapshot this step created (`snapshot-id: new`), if it did. */
  created?: { snapshotName: string; imageUrl: string }
  requests: number
  waitedMs: number
  /** Now, for the snapshots' ages. */
  now: number
  /** With `max-age`: how many snapshots of each instance it left out as too old. */
  tooOld?: { maxAgeMs: number; byInstance: ReadonlyMap<string, number> }
}

async function workflowRunUrl(env: Env): Promise<string | undefined> {
  // Loaded only here: @actions/github is large and only the summary needs it.
  const { context } = await import('@actions/github')
  if (!context.runId || !env.GITHUB_REPOSITORY) return undefined
  const { owner, repo } = context.repo
  return `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`
}

/** Writes the job summary; a summary is a nicety, so its failures are only warnings. */
export async function writeJobSummary(
  outcomes: readonly WaitOutcome[],
  step: StepFacts,
  /** The step's environment: where the summary goes, and which repository ran it. */
  env: Env,
  log: Pick<Log, 'warning'>
): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return
  try {
    const [only] = outcomes
    if (outcomes.length === 1 && only) addSnapshotDetails(only, step)
    else addFleetReport(outcomes, step)
    addTooOldNote(step)
    const runUrl = await workflowRunUrl(env)
    if (runUrl) core.summary.addLink('Workflow run', cell(runUrl, 500))
    await core.summary.write()
  } catch (error) {
    log.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

const MAX_TIMELINE_ROWS = 50

/**
 * Characters that HTML or GitHub Markdown give a meaning to within a line, written as numeric
 * references (list and heading markers matter only at the start of a line, which a cell never is).
 */
const MARKUP = /[&<>"'`*_~[\]()#!|\\]/g

/**
 * Outside text as one table cell: at most `max` characters, on one line (a line break could end
 * the HTML block and turn the rest into Markdown), invisible characters shown escaped as in the
 * log (`\n`, `\u202e`), and every character that could start a tag, a link, an image, a heading
 * or a table cell written as a character reference.
 */
export function cell(text: string, max = 200): string {
  return cut(text, max)
    .replace(INVISIBLE, escapeInvisible)
    .replace(MARKUP, c => `&#${c.charCodeAt(0)};`)
}

/**
 * The image cell: the image a success hands on (the `image-url` output), or `—`. With `detail`,
 * a snapshot that did not succeed shows what the service reported, marked as not handed on.
 */
function imageCell(outcome: WaitOutcome, max: number, detail = false): string {
  if (outcome.imageUrl) return `<code>${cell(outcome.imageUrl, max)}</code>`
  const reported = outcome.snapshot?.ImageUrl
  if (!detail || !reported) return '—'
  return `— (not handed on; the service reported <code>${cell(reported, max)}</code>)`
}

function addSnapshotDetails(outcome: WaitOutcome, step: StepFacts): void {
  const s = outcome.snapshot
  const labels = (s?.Labels ?? []).map(l => `${l.Key}=${l.Value}`).join(', ')
  const name = s?.SnapshotName ? ` (${s.SnapshotName})` : ''
  const rows: [string, string][] = [
    ['Result', `${RESULT_SYMBOL[outcome.result]} ${RESULT_LABEL[outcome.result]}`],
    ['Snapshot', cell(`${s?.SnapshotId || outcome.snapshotId || '—'}${name}`)],
    ['Instance', cell(s?.InstanceId || step.instanceId)],
    ['Status', cell(s?.Status || '—')],
    ['Image URL', imageCell(outcome, 500, true)],
    ['Created', cell(s?.GmtCreateTime || '—')],
    ['Modified', cell(s?.GmtModifiedTime || '—')],
    ['Labels', labels ? cell(labels, 500) : '—'],
    ['Requests', `${step.requests} in ${formatDuration(step.waitedMs)}`]
  ]
  const created = step.created && outcome.snapshotId ? step.created : undefined
  if (created) {
    rows.splice(1, 0, [
      'Created by this step',
      `${cell(created.snapshotName)}, pushed to <code>${cell(created.imageUrl, 500)}</code>`
    ])
  }
  if (outcome.result !== 'success') rows.push(['Why', cell(outcome.message, 2000)])
  core.summary
    .addHeading(created ? 'New PAI-DSW snapshot' : 'PAI-DSW snapshot', 2)
    .addTable(rows.map(([k, v]) => [{ data: k, header: true }, v]))
  if (outcome.timeline.length) {
    const shown = outcome.timeline.slice(-MAX_TIMELINE_ROWS)
    const earlier = outcome.timeline.length - shown.length
    core.summary.addHeading('Status timeline', 3).addTable([
      [
        { data: 'After', header: true },
        { data: 'Status', header: true }
      ],
      ...shown.map(c => [formatDuration(c.atMs), cell(c.status || '—', 100)])
    ])
    if (earlier)
      core.summary.addRaw(`<p>${plural(earlier, 'earlier status change')} not shown.</p>`, true)
  }
}

function fleetRow(o: WaitOutcome, now: number): string[] {
  const s = o.snapshot
  const name = s?.SnapshotName ? ` (${s.SnapshotName})` : ''
  const created = Date.parse(s?.GmtCreateTime ?? '')
  return [
    cell(`${s?.SnapshotId || o.snapshotId || '—'}${name}`),
    `${RESULT_SYMBOL[o.result]} ${cell(s?.Status || RESULT_LABEL[o.result], 100)}`,
    imageCell(o, 300),
    Number.isNaN(created) ? '—' : formatAge(now - created),
    o.result === 'success' ? '' : cell(reasonOf(o), 500)
  ]
}

type Row = (string | { data: string; header?: boolean; colspan?: string })[]

/** The rows that fit the summary's budget, in order, and how many did not. */
function rowsWithinBudget(rows: Row[]): { kept: Row[]; left: number } {
  let bytes = 0
  const kept: Row[] = []
  for (const row of rows) {
    // Each cell becomes `<td>…</td>` (a little more for a header), each row `<tr>…</tr>`.
    bytes += row.reduce(
      (sum, c) => sum + Buffer.byteLength(typeof c === 'string' ? c : c.data) + 24,
      9
    )
    if (bytes > SUMMARY_BUDGET_BYTES) break
    kept.push(row)
  }
  return { kept, left: rows.length - kept.length }
}

/** `❌ 1 failure · ✅ 12 success`: how many of each result, worst first. */
function totalsOf(outcomes: readonly WaitOutcome[]): string {
  return RESULTS_WORST_FIRST.map(r => [r, outcomes.filter(o => o.result === r).length] as const)
    .filter(([, count]) => count > 0)
    .map(([r, count]) => `${RESULT_SYMBOL[r]} ${count} ${RESULT_LABEL[r].toLowerCase()}`)
    .join(' · ')
}

const FLEET_COLUMNS = ['Snapshot', 'Status', 'Image URL', 'Age', 'Reason']

/**
 * The report rows: one per snapshot, failures first; with several instances, grouped under a
 * row per instance that gives its totals, the instances with failures first.
 */
function fleetRows(outcomes: readonly WaitOutcome[], step: StepFacts): Row[] {
  const bySnapshot = (group: readonly WaitOutcome[]) =>
    worstFirst(group).map(o => fleetRow(o, step.now))
  if (step.instanceId) return bySnapshot(outcomes)
  return groupByInstance(outcomes).flatMap(([id, group]) => [
    [
      {
        data: `Instance ${cell(id || '—')}: ${totalsOf(group)}`,
        header: true,
        colspan: String(FLEET_COLUMNS.length)
      }
    ],
    ...bySnapshot(group)
  ])
}

function addFleetReport(outcomes: readonly WaitOutcome[], step: StepFacts): void {
  const result = worstResult(outcomes)
  const instances = new Set(outcomes.map(o => o.instanceId)).size
  const { kept, left } = rowsWithinBudget(fleetRows(outcomes, step))
  const what = step.instanceId ? cell(step.instanceId) : plural(instances, 'instance')
  core.summary
    .addHeading(`PAI-DSW snapshots of ${what}`, 2)
    .addRaw(
      `<p><strong>${RESULT_SYMBOL[result]} ${plural(outcomes.length, 'snapshot')}</strong>: ` +
        `${totalsOf(outcomes)} (${plural(step.requests, 'request')} in ` +
        `${formatDuration(step.waitedMs)})</p>`,
      true
    )
    .addTable([FLEET_COLUMNS.map(data => ({ data, header: true })), ...kept])
  if (left) {
    core.summary.addRaw(
      `<p>${plural(left, 'more row')} left out to keep this summary under GitHub's 1 MiB limit; ` +
        'the <code>snapshots</code> output lists every snapshot.</p>',
      true
    )
  }
}

/** Instances named in the note on snapshots left out by `max-age`; the rest are counted. */
const MAX_NAMED_INSTANCES = 10

/** How many snapshots `max-age` left out, and of which instances. */
function addTooOldNote(step: StepFacts): void {
  const { tooOld } = step
  if (!tooOld || tooOld.byInstance.size === 0) return
  const counts = [...tooOld.byInstance]
  const total = counts.reduce((sum, [, count]) => sum + count, 0)
  const named = counts.slice(0, MAX_NAMED_INSTANCES).map(([id, count]) => `${cell(id)}: ${count}`)
  const more = counts.length - named.length
  if (more > 0) named.push(`and ${plural(more, 'more instance')}`)
  core.summary.addRaw(
    `<p>${plural(total, 'snapshot')} older than max-age ${formatDuration(tooOld.maxAgeMs)} ` +
      `left out (${named.join(', ')}).</p>`,
    true
  )
}

function reasonOf(outcome: WaitOutcome): string {
  const reason = snapshotReason(outcome.snapshot)
  return outcome.result === 'failure' && reason ? reason : outcome.message
}

/** Ages read at a glance: `3d`, `5h`, `12m`. */
function formatAge(ms: number): string {
  const minutes = toNearestMinute(Math.max(0, ms)) / 60_000
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))}d`
  if (minutes >= 120) return `${Math.floor(minutes / 60)}h`
  return `${minutes}m`
}
