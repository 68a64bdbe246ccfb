// `npm run bench`: compares this action's polling with the standard waiters, measures its
// start-up and one real run, prints the tables and writes them to BENCHMARKS.md.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../scripts/local-runner.mjs'
import { compileWaiter } from './compile-waiter.mjs'
import { measureEndToEnd } from './end-to-end.mjs'
import { HISTORY_SCENARIOS, PEER_POLICIES, ourPolicy, simulatePolicies } from './polling.mjs'
import { tradeOffChart } from './chart.mjs'
import { renderReport } from './report.mjs'
import { findRuntimes } from './runtimes.mjs'
import { measureStartup } from './startup.mjs'
import { endToEndTargets, historyTargets, policyTargets, startupTargets } from './targets.mjs'

const started = performance.now()
const date = new Date()
const { waiter, duration, prediction } = await compileWaiter()
const ours = ourPolicy(waiter, duration.parseDuration)
const withHistory = HISTORY_SCENARIOS.map((scenario, i) =>
  ourPolicy(waiter, duration.parseDuration, { scenario, prediction, seed: 7_000 + i })
)
const [predictive, noisy, misleading] = withHistory
if (!predictive || !noisy || !misleading) throw new Error('a history scenario is missing')
const policies = [ours, ...withHistory, ...PEER_POLICIES]
console.error('Simulating polling policies…')
const polling = await simulatePolicies(policies)
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
  ...historyTargets(polling, ours.name, predictive.name, misleading.name),
  // The guard rails hold for the runtime action.yml declares; other runtimes are for comparison.
  ...startups.filter(s => s.runtime.version.startsWith('v24.')).flatMap(startupTargets),
  ...endToEndTargets(e2e)
]
const benchSeconds = (performance.now() - started) / 1000
const markdown = renderReport({ date, benchSeconds, policies, polling, startups, e2e, targets })
writeFileSync(join(ROOT, 'BENCHMARKS.md'), markdown)
writeFileSync(join(ROOT, 'docs/polling-trade-off.svg'), tradeOffChart(policies, polling))
console.log(markdown)
