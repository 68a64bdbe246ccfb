// Writes MUTATION.md from StrykerJS's JSON report (reports/mutation/mutation.json): the score of
// each mutated module and every mutant that survived, with its explanation from
// docs/mutation-explanations.json. An explanation matches mutants by file, mutator and the code
// before and after (regular expressions), never by line, so it follows its mutant when lines
// move; the first that matches explains it. Run after `npm run test:mutation`. A run of some
// modules only (`stryker run --mutate …`) updates their rows; the other modules keep their rows
// and surviving mutants from the MUTATION.md already there.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const REPORT = 'reports/mutation/mutation.json'
const EXPLANATIONS = 'docs/mutation-explanations.json'
const TARGET = 80

/** @typedef {{ line: number, column: number }} Position */
/** @typedef {{ start: Position, end: Position }} Place */
/** @typedef {{ mutatorName: string, replacement?: string, status: string, location: Place }} Mutant */
/** @typedef {{ file?: string, mutator?: string, original?: string, replacement?: string, why: string }} Explanation */

/** @type {{ files: Record<string, { source: string, mutants: Mutant[] }>, framework?: { version?: string } }} */
const report = JSON.parse(readFileSync(REPORT, 'utf8'))
/** @type {Explanation[]} */
const explanations = existsSync(EXPLANATIONS) ? JSON.parse(readFileSync(EXPLANATIONS, 'utf8')) : []

/** @type {(pattern: string | undefined, text: string) => boolean} */
const matches = (pattern, text) => pattern === undefined || new RegExp(pattern).test(text)

/** @type {(file: string, mutator: string, original: string, replacement: string) => string | undefined} */
function explanationOf(file, mutator, original, replacement) {
  return explanations.find(
    e =>
      matches(e.file, file) &&
      (e.mutator === undefined || e.mutator === mutator) &&
      matches(e.original, original) &&
      matches(e.replacement, replacement)
  )?.why
}
// From the report: StrykerJS runs through npx (package.json), so it is not in node_modules.
const stryker = report.framework?.version
if (!stryker) throw new Error(`${REPORT} does not name the StrykerJS version (framework.version)`)

const DETECTED = new Set(['Killed', 'Timeout'])
const UNDETECTED = new Set(['Survived', 'NoCoverage'])

/**
 * The original code a mutant replaced, on one line.
 * @type {(source: string, place: Place) => string}
 */
function originalOf(source, { start, end }) {
  const lines = source.split('\n')
  const first = lines[start.line - 1] ?? ''
  const text =
    start.line === end.line
      ? first.slice(start.column - 1, end.column - 1)
      : [
          first.slice(start.column - 1),
          ...lines.slice(start.line, end.line - 1),
          (lines[end.line - 1] ?? '').slice(0, end.column - 1)
        ].join(' ')
  return text.replace(/\s+/g, ' ').trim()
}

/** @type {(text: string) => string} */
const oneLine = text => text.replace(/\s+/g, ' ').trim()
/** @type {(text: string, max?: number) => string} */
const shorten = (text, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
/** @type {(text: string) => string} */
const code = text => `\`${shorten(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``

/**
 * The rows and survivor lines of modules this report does not cover, from the MUTATION.md there.
 * @type {(covered: Set<string>) => { rows: { file: string, line: string, detected: number, undetected: number }[], survivors: Map<string, string[]> }}
 */
function keptFromPrevious(covered) {
  const previous = existsSync('MUTATION.md') ? readFileSync('MUTATION.md', 'utf8') : ''
  const kept = {
    rows: /** @type {{ file: string, line: string, detected: number, undetected: number }[]} */ ([]),
    survivors: new Map()
  }
  for (const line of previous.split('\n')) {
    const row = /^\| `([^`]+)` \| [^|]+ \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|/.exec(line)
    if (!row || covered.has(row[1] ?? '')) continue
    const [, file = '', killed = '0', timeout = '0', survived = '0', noCoverage = '0'] = row
    kept.rows.push({
      file,
      line,
      detected: +killed + +timeout,
      undetected: +survived + +noCoverage
    })
  }
  const sections = previous.split(/^### /m).slice(1)
  for (const section of sections) {
    const file = /^`([^`]+)`/.exec(section)?.[1] ?? ''
    if (covered.has(file)) continue
    kept.survivors.set(
      file,
      section.split('\n').filter(line => line.startsWith('- '))
    )
  }
  return kept
}

const rows = []
const survivors = []
let unexplained = 0
const kept = keptFromPrevious(new Set(Object.keys(report.files)))
for (const [file, { source, mutants }] of Object.entries(report.files).sort()) {
  /** @type {(status: string) => number} */
  const count = status => mutants.filter(m => m.status === status).length
  const detected = mutants.filter(m => DETECTED.has(m.status)).length
  const undetected = mutants.filter(m => UNDETECTED.has(m.status)).length
  const score = detected + undetected ? (100 * detected) / (detected + undetected) : 100
  rows.push({ file, score, detected, undetected, count })
  for (const mutant of mutants.filter(m => UNDETECTED.has(m.status))) {
    const original = originalOf(source, mutant.location)
    const replacement = oneLine(mutant.replacement ?? '')
    const why = explanationOf(file, mutant.mutatorName, original, replacement)
    if (!why) unexplained++
    survivors.push({ file, line: mutant.location.start.line, mutant, original, replacement, why })
  }
}

const total = [...rows, ...kept.rows].reduce(
  (sum, r) => ({ detected: sum.detected + r.detected, undetected: sum.undetected + r.undetected }),
  { detected: 0, undetected: 0 }
)
const totalScore = (100 * total.detected) / (total.detected + total.undetected)
/** @type {(score: number) => string} */
const fmt = score => `${score.toFixed(1)}%`

const lines = [
  '# Mutation testing',
  '',
  '<!-- Written by `node scripts/mutation-report.mjs` from `npm run test:mutation`; do not edit. -->',
  '',
  `StrykerJS ${stryker} planted small bugs (mutants) in the modules that decide a verdict or handle a`,
  'secret, and ran the unit tests against each (see CONTRIBUTING.md, "Mutation testing"). A mutant is',
  'detected when a test fails (killed) or it runs past its time (timeout: a loop that no longer',
  'ends); the score is detected ÷ (detected + survived + not covered). The target is',
  `${TARGET}% for every module.`,
  'Mutants that do not compile (rejected by the TypeScript checker) and static mutants (module',
  'constants, ignored for speed) are not counted.',
  '',
  `**Overall: ${fmt(totalScore)}** (${total.detected} detected, ${total.undetected} undetected).`,
  '',
  '| module | score | killed | timeout | survived | no coverage | not compiling | ignored |',
  '| ------ | ----: | -----: | ------: | -------: | ----------: | ------------: | ------: |',
  ...[
    ...rows.map(r => ({
      file: r.file,
      line:
        `| \`${r.file}\` | ${r.score < TARGET ? '**' : ''}${fmt(r.score)}${r.score < TARGET ? '**' : ''} | ` +
        `${r.count('Killed')} | ${r.count('Timeout')} | ${r.count('Survived')} | ` +
        `${r.count('NoCoverage')} | ${r.count('CompileError')} | ${r.count('Ignored')} |`
    })),
    ...kept.rows
  ]
    .sort((a, b) => (a.file < b.file ? -1 : 1))
    .map(r => r.line),
  '',
  '## Surviving mutants',
  '',
  survivors.length || kept.survivors.size
    ? 'Each mutant the tests do not detect, and why no test should (or what a test would need).'
    : 'None.',
  ''
]
/** @type {Map<string, string[]>} */
const survivorLines = new Map(kept.survivors)
for (const s of survivors) {
  const status = s.mutant.status === 'NoCoverage' ? ' (no test runs it)' : ''
  survivorLines.set(s.file, [
    ...(survivorLines.get(s.file) ?? []),
    `- line ${s.line}, ${s.mutant.mutatorName}${status}: ${code(s.original)} → ${code(s.replacement)}` +
      (s.why ? ` — ${s.why}` : ' — **not explained yet**')
  ])
}
for (const file of [...survivorLines.keys()].sort()) {
  lines.push(`### \`${file}\``, '', ...(survivorLines.get(file) ?? []), '')
}
writeFileSync('MUTATION.md', lines.join('\n'))

const below = rows.filter(r => r.score < TARGET)
console.log(`MUTATION.md: ${fmt(totalScore)} overall, ${survivors.length} survivors`)
for (const r of below) console.log(`below ${TARGET}%: ${r.file} ${fmt(r.score)}`)
if (unexplained) console.log(`${unexplained} survivors not explained in ${EXPLANATIONS}`)
