// The polling trade-off as a picture: for every policy, API calls (summed over the 2–30 min
// waits) against the worst p95 detection delay. Plain SVG written by the bench, no dependencies.
import { policyTotals } from './targets.mjs'

const WIDTH = 880
const HEIGHT = 460
const MARGIN = { left: 70, right: 270, top: 40, bottom: 60 }
const COLOURS = [
  '#d62728',
  '#2ca02c',
  '#e377c2',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#1f77b4',
  '#17becf',
  '#7f7f7f',
  '#bcbd22'
]

/** @param {string} text */
const escape = text =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * A round upper bound for an axis.
 * @param {number} max
 */
function niceCeiling(max) {
  const magnitude = 10 ** Math.floor(Math.log10(max))
  return [1, 2, 2.5, 5, 10].map(f => f * magnitude).find(v => v >= max) ?? 10 * magnitude
}

/** History scenarios whose snapshot waited for finishes as in the policy table: the same axes. */
const CHARTED_SCENARIOS = ['drift', '5 samples', 'misleading']

/**
 * @typedef {{ label: string, calls: number, p95s: number }} ChartPoint
 */

/**
 * The points of the chart: every policy of the policy table, and the history-aware policy in the
 * scenarios whose finish times are the policy table's (uniform ±10% around each duration).
 * @param {{ name: string, label: string, maxWaitMs?: number }[]} policies
 * @param {import('./polling.mjs').DurationResult[]} polling
 * @param {import('./targets.mjs').ScenarioRun[]} scenarioRuns
 * @returns {ChartPoint[]}
 */
export function chartPoints(policies, polling, scenarioRuns) {
  const point = (
    /** @type {string} */ label,
    /** @type {{ calls: number, worstP95Ms: number }} */ totals
  ) => ({ label, calls: totals.calls, p95s: totals.worstP95Ms / 1000 })
  return [
    ...policies.map(p =>
      point(
        p.maxWaitMs ? `${p.label} (≤ ${p.maxWaitMs / 60_000} min)` : p.label,
        policyTotals(polling, p.name)
      )
    ),
    ...scenarioRuns
      .filter(run => CHARTED_SCENARIOS.includes(run.scenario.key))
      .map(run => point(run.awareLabel, policyTotals(run.table, run.aware)))
  ]
}

/**
 * @param {ChartPoint[]} chartPoints
 * @returns {string}
 */
export function tradeOffChart(chartPoints) {
  const points = chartPoints.map((p, i) => ({ ...p, colour: COLOURS[i % COLOURS.length] }))
  const maxCalls = niceCeiling(Math.max(...points.map(p => p.calls)))
  const maxDelay = niceCeiling(Math.max(...points.map(p => p.p95s)))
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const x = (/** @type {number} */ calls) => MARGIN.left + (calls / maxCalls) * plotW
  const y = (/** @type {number} */ s) => MARGIN.top + plotH - (s / maxDelay) * plotH
  const ticks = (/** @type {number} */ max) => [0, 0.25, 0.5, 0.75, 1].map(f => f * max)
  const grid = [
    ...ticks(maxCalls).map(
      v =>
        `<line x1="${x(v)}" y1="${MARGIN.top}" x2="${x(v)}" y2="${MARGIN.top + plotH}" stroke="#ddd"/>` +
        `<text x="${x(v)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${Math.round(v)}</text>`
    ),
    ...ticks(maxDelay).map(
      v =>
        `<line x1="${MARGIN.left}" y1="${y(v)}" x2="${MARGIN.left + plotW}" y2="${y(v)}" stroke="#ddd"/>` +
        `<text x="${MARGIN.left - 8}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)}</text>`
    )
  ]
  const marks = points.map(
    (p, i) =>
      `<circle cx="${x(p.calls).toFixed(1)}" cy="${y(p.p95s).toFixed(1)}" r="6" fill="${p.colour}"/>` +
      `<rect x="${WIDTH - MARGIN.right + 16}" y="${MARGIN.top + i * 22}" width="12" height="12" fill="${p.colour}"/>` +
      `<text x="${WIDTH - MARGIN.right + 34}" y="${MARGIN.top + i * 22 + 11}">${escape(p.label)}</text>`
  )
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="bold">API calls against p95 detection delay (waits of 2–30 min; lower left is better)</text>`,
    ...grid,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 16}" text-anchor="middle">API calls, summed over 2, 5, 15 and 30 min waits (median run)</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">worst p95 detection delay (s)</text>`,
    ...marks,
    '</svg>',
    ''
  ].join('\n')
}
