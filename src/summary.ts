import * as core from '@actions/core'
import { formatDuration } from './duration.js'
import { INPUT_DEFAULTS, parseBoolean } from './inputs.js'
import type { WaitOutcome } from './waiter.js'

const RESULT_LABEL: Record<WaitOutcome['result'], string> = {
  success: '✅ Success',
  failure: '❌ Failure',
  timeout: '⏱️ Timed out',
  error: '❌ Error',
  cancelled: '⏹️ Cancelled'
}

async function workflowRunUrl(): Promise<string | undefined> {
  // Loaded only here: @actions/github is large and only the summary needs it.
  const { context } = await import('@actions/github')
  if (!context.runId || !process.env.GITHUB_REPOSITORY) return undefined
  const { owner, repo } = context.repo
  return `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`
}

/**
 * Loads @actions/github, which the summary needs for the run's link, once the action has been
 * running for `afterMs`: that is, while it sits idle between polls rather than after the snapshot
 * is Saved. (Importing @actions/github takes ~80 ms: it sets up Octokit and two HTTP clients.)
 * The timer does not keep the process alive, so a run that ends sooner never loads it early.
 */
export function warmUpJobSummary(afterMs: number): void {
  if (!process.env.GITHUB_STEP_SUMMARY || !jobSummaryWanted()) return
  // A failure here shows again, as a warning, when the summary itself imports the module.
  setTimeout(() => import('@actions/github').catch(() => undefined), afterMs).unref()
}

function jobSummaryWanted(): boolean {
  const value = core.getInput('job-summary') || INPUT_DEFAULTS['job-summary'] || ''
  try {
    return parseBoolean('job-summary', value)
  } catch {
    return false // an invalid input fails the run at once
  }
}

/** Writes the job summary; a summary is a nicety, so its failures are only warnings. */
export async function writeJobSummary(
  outcome: WaitOutcome,
  ids: { instanceId: string; snapshotId: string }
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    const s = outcome.snapshot
    const labels = (s?.Labels ?? []).map(l => `${l.Key}=${l.Value}`).join(', ')
    const rows: [string, string][] = [
      ['Result', RESULT_LABEL[outcome.result]],
      [
        'Snapshot',
        `${s?.SnapshotId || ids.snapshotId}${s?.SnapshotName ? ` (${s.SnapshotName})` : ''}`
      ],
      ['Instance', s?.InstanceId || ids.instanceId],
      ['Status', s?.Status || '—'],
      ['Image URL', s?.ImageUrl ? `<code>${escapeHtml(s.ImageUrl)}</code>` : '—'],
      ['Created', s?.GmtCreateTime || '—'],
      ['Modified', s?.GmtModifiedTime || '—'],
      ['Labels', labels ? escapeHtml(labels) : '—'],
      ['Requests', `${outcome.attempts} in ${formatDuration(outcome.waitedMs)}`]
    ]
    if (outcome.result !== 'success') rows.push(['Why', escapeHtml(outcome.message)])

    const summary = core.summary
      .addHeading('PAI-DSW snapshot', 2)
      .addTable(rows.map(([k, v]) => [{ data: k, header: true }, v]))
    if (outcome.timeline.length) {
      summary.addHeading('Status timeline', 3).addTable([
        [
          { data: 'After', header: true },
          { data: 'Status', header: true }
        ],
        ...outcome.timeline.map(c => [formatDuration(c.atMs), escapeHtml(c.status || '—')])
      ])
    }
    const runUrl = await workflowRunUrl()
    if (runUrl) summary.addLink('Workflow run', runUrl)
    await summary.write()
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : error}`
    )
  }
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!
  )
}
