import * as core from '@actions/core'
import { formatDuration } from '../duration.js'
import { overallResult } from './outputs.js'
import { snapshotReason } from '../aliyun/snapshot.js'
import type { WaitOutcome, WaitResult } from '../wait/waiter.js'

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

/** Failures first in the report: the order a person reading it cares about. */
const REPORT_ORDER: WaitResult[] = ['failure', 'error', 'timeout', 'cancelled', 'success']

export interface StepFacts {
  instanceId: string
  requests: number
  waitedMs: number
  /** Now, for the snapshots' ages. */
  now: number
}

async function workflowRunUrl(): Promise<string | undefined> {
  // Loaded only here: @actions/github is large and only the summary needs it.
  const { context } = await import('@actions/github')
  if (!context.runId || !process.env.GITHUB_REPOSITORY) return undefined
  const { owner, repo } = context.repo
  return `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`
}

/** Writes the job summary; a summary is a nicety, so its failures are only warnings. */
export async function writeJobSummary(
  outcomes: readonly WaitOutcome[],
  step: StepFacts
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    const [only] = outcomes
    if (outcomes.length === 1 && only) addSnapshotDetails(only, step)
    else addFleetReport(outcomes, step)
    const runUrl = await workflowRunUrl()
    if (runUrl) core.summary.addLink('Workflow run', runUrl)
    await core.summary.write()
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : error}`
    )
  }
}

function addSnapshotDetails(outcome: WaitOutcome, step: StepFacts): void {
  const s = outcome.snapshot
  const labels = (s?.Labels ?? []).map(l => `${l.Key}=${l.Value}`).join(', ')
  const rows: [string, string][] = [
    ['Result', `${RESULT_SYMBOL[outcome.result]} ${RESULT_LABEL[outcome.result]}`],
    [
      'Snapshot',
      escapeHtml(
        `${s?.SnapshotId || outcome.snapshotId || '—'}${s?.SnapshotName ? ` (${s.SnapshotName})` : ''}`
      )
    ],
    ['Instance', escapeHtml(s?.InstanceId || step.instanceId)],
    ['Status', escapeHtml(s?.Status || '—')],
    ['Image URL', s?.ImageUrl ? `<code>${escapeHtml(s.ImageUrl)}</code>` : '—'],
    ['Created', escapeHtml(s?.GmtCreateTime || '—')],
    ['Modified', escapeHtml(s?.GmtModifiedTime || '—')],
    ['Labels', labels ? escapeHtml(labels) : '—'],
    ['Requests', `${step.requests} in ${formatDuration(step.waitedMs)}`]
  ]
  if (outcome.result !== 'success') rows.push(['Why', escapeHtml(outcome.message)])
  core.summary
    .addHeading('PAI-DSW snapshot', 2)
    .addTable(rows.map(([k, v]) => [{ data: k, header: true }, v]))
  if (outcome.timeline.length) {
    core.summary.addHeading('Status timeline', 3).addTable([
      [
        { data: 'After', header: true },
        { data: 'Status', header: true }
      ],
      ...outcome.timeline.map(c => [formatDuration(c.atMs), escapeHtml(c.status || '—')])
    ])
  }
}

function addFleetReport(outcomes: readonly WaitOutcome[], step: StepFacts): void {
  const result = overallResult(outcomes)
  const totals = REPORT_ORDER.map(r => [r, outcomes.filter(o => o.result === r).length] as const)
    .filter(([, count]) => count > 0)
    .map(([r, count]) => `${RESULT_SYMBOL[r]} ${count} ${RESULT_LABEL[r].toLowerCase()}`)
    .join(' · ')
  const sorted = [...outcomes].sort(
    (a, b) => REPORT_ORDER.indexOf(a.result) - REPORT_ORDER.indexOf(b.result)
  )
  core.summary
    .addHeading(`PAI-DSW snapshots of ${escapeHtml(step.instanceId)}`, 2)
    .addRaw(
      `<p><strong>${RESULT_SYMBOL[result]} ${outcomes.length} snapshot(s)</strong>: ${totals} ` +
        `(${step.requests} request(s) in ${formatDuration(step.waitedMs)})</p>`,
      true
    )
    .addTable([
      ['Snapshot', 'Status', 'Image URL', 'Age', 'Reason'].map(data => ({ data, header: true })),
      ...sorted.map(o => {
        const s = o.snapshot
        const name = s?.SnapshotName ? ` (${s.SnapshotName})` : ''
        const created = Date.parse(s?.GmtCreateTime ?? '')
        return [
          escapeHtml(`${s?.SnapshotId || o.snapshotId || '—'}${name}`),
          `${RESULT_SYMBOL[o.result]} ${escapeHtml(s?.Status || RESULT_LABEL[o.result])}`,
          s?.ImageUrl ? `<code>${escapeHtml(s.ImageUrl)}</code>` : '—',
          Number.isNaN(created) ? '—' : formatAge(step.now - created),
          o.result === 'success' ? '' : escapeHtml(reasonOf(o))
        ]
      })
    ])
}

function reasonOf(outcome: WaitOutcome): string {
  const reason = snapshotReason(outcome.snapshot)
  return outcome.result === 'failure' && reason ? reason : outcome.message
}

/** Ages read at a glance: `3d`, `5h`, `12m`. */
function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))}d`
  if (minutes >= 120) return `${Math.floor(minutes / 60)}h`
  return `${minutes}m`
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!
  )
}
