// `npm run bench`: compares this action's polling with the standard waiters, measures its
// start-up and one real run, prints the tables and writes them to BENCHMARKS.md.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../scripts/local-runner.mjs'
import { compileWaiter } from './compile-waiter.mjs'
import { measureEndToEnd } from './end-to-end.mjs'
import { HISTORY_SCENARIOS, PEER_POLICIES, ourPolicy, simulatePolicies } from './polling.mjs'
import { chartPoints, tradeOffChart } from './chart.mjs'
import { renderReport } from './report.mjs'
import { findRuntimes } from './runtimes.mjs'
import { measureStartup } from './startup.mjs'
import { endToEndTargets, historyTargets, policyTargets, startupTargets } from './targets.mjs'

const started = performance.now()
const date = new Date()
const { waiter, duration, prediction } = await compileWaiter()
const ours = ourPolicy(waiter, duration.parseDuration)
console.error('Simulating polling policies…')
/** @type {import('./targets.mjs').ScenarioRun[]} */
const scenarioRuns = []
for (const [i, scenario] of HISTORY_SCENARIOS.entries()) {
  const aware = ourPolicy(waiter, duration.parseDuration, { scenario, prediction, seed: 7_000 + i })
  // Today's schedule and the history-aware one on the same finish times and the same jitter.
  const table = await simulatePolicies([ours, aware], (d, random) => scenario.draw(d, 0, random))
  scenarioRuns.push({
    scenario,
    aware: aware.name,
    awareLabel: aware.label,
    today: ours.name,
    table
  })
}
const uniform = scenarioRuns.find(run => run.scenario.key === 'uniform')
if (!uniform) throw new Error('the uniform history scenario is missing')
const polling = await simulatePolicies([ours, ...PEER_POLICIES])
// The history-aware column, from its scenario: the same finish times as this table.
const uniformAware = { name: uniform.aware, label: uniform.awareLabel }
for (const [d, row] of polling.entries()) {
  const cell = uniform.table[d]?.results.get(uniform.aware)
  if (cell) row.results.set(uniform.aware, cell)
}
const policies = [ours, uniformAware, ...PEER_POLICIES]
/** @type {import('./startup.mjs').StartupResult[]} */
const startups = []
for (const runtime of findRuntimes()) {
  console.error(`Timing start-up under Node ${runtime.version}…`)
  startups.push(await measureStartup(runtime))
}
console.error('Running end to end…')
const e2e = await measureEndToEnd()

const targets = [
  ...policyTargets(
    polling,
    ours.name,
    PEER_POLICIES.map(p => p.name)
  ),
  ...historyTargets(scenarioRuns),
  // The guard rails hold for the runtime action.yml declares; other runtimes are for comparison.
  ...startups.filter(s => s.runtime.version.startsWith('v24.')).flatMap(startupTargets),
  ...endToEndTargets(e2e)
]
const benchSeconds = (performance.now() - started) / 1000
const markdown = renderReport({
  date,
  benchSeconds,
  policies,
  polling,
  scenarioRuns,
  startups,
  e2e,
  targets
})
writeFileSync(join(ROOT, 'BENCHMARKS.md'), markdown)
writeFileSync(
  join(ROOT, 'docs/polling-trade-off.svg'),
  tradeOffChart(chartPoints(policies, polling, scenarioRuns))
)
console.log(markdown)
