// Writes MUTATION.md from StrykerJS's JSON report (reports/mutation/mutation.json): the commit and
// the SHA-256 of each module it measured (which __tests__/mutation-freshness.test.ts checks), the
// score of each module, and every mutant that survived with its explanation from
// docs/mutation-explanations.json. Run after `npm run test:mutation`.
//
// An explanation names one mutant by its file, mutator, original code and replacement, all exact
// (as MUTATION.md shows them, whitespace folded to single spaces), never by line number, so it
// follows its mutant when lines move; `line`, when given, is the exact text of the line the mutant
// starts on, for identical mutants that need different explanations. An explanation of a module
// this run measured that no surviving mutant matches is stale, and printed: remove it.
//
// A run of some modules only (`-- --mutate …`) updates their rows; the other modules keep their
// rows, survivors and record from the MUTATION.md already there. (Its report names them too, with
// the results StrykerJS carried over from its incremental file: not measured by this run.)
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { matchesGlob } from 'node:path'
import {
  TARGET,
  readRecord,
  recordSection,
  scoreOf,
  sha256,
  sourceModules
} from './mutation-record.mjs'

const REPORT = 'reports/mutation/mutation.json'
const EXPLANATIONS = 'docs/mutation-explanations.json'
const OUTPUT = 'MUTATION.md'
// Written by the run or by this script, or not about the code measured.
const NOT_MEASURED = ['MUTATION.md', 'mutation/', 'reports/', EXPLANATIONS]

/** @typedef {import('./mutation-record.mjs').MeasuredModule} MeasuredModule */
/** @typedef {import('./mutation-record.mjs').MutantCounts} MutantCounts */
/** @typedef {{ line: number, column: number }} Position */
/** @typedef {{ start: Position, end: Position }} Place */
/** @typedef {{ mutatorName: string, replacement?: string, status: string, location: Place }} Mutant */
/** @typedef {{ file: string, mutator: string, original: string, replacement: string, line?: string, why: string }} Explanation */
/** @typedef {{ file: string, mutant: Mutant, original: string, replacement: string, lineText: string, why?: string }} Survivor */

/** @type {{ files: Record<string, { source: string, mutants: Mutant[] }>, config?: { mutate?: string[] }, framework?: { version?: string } }} */
const report = JSON.parse(readFileSync(REPORT, 'utf8'))
// From the report: StrykerJS runs through npx (package.json), so it is not in node_modules.
const stryker = report.framework?.version
if (!stryker) throw new Error(`${REPORT} does not name the StrykerJS version (framework.version)`)

/** @type {Explanation[]} */
const explanations = JSON.parse(readFileSync(EXPLANATIONS, 'utf8'))
checkExplanations(explanations)

/** @type {(entries: Explanation[]) => void} */
function checkExplanations(entries) {
  const seen = new Set()
  for (const e of entries) {
    for (const field of ['file', 'mutator', 'original', 'replacement', 'why']) {
      if (typeof e[/** @type {keyof Explanation} */ (field)] !== 'string')
        throw new Error(`${EXPLANATIONS}: an explanation without ${field}: ${JSON.stringify(e)}`)
    }
    const key = JSON.stringify([e.file, e.mutator, e.original, e.replacement, e.line])
    if (seen.has(key)) throw new Error(`${EXPLANATIONS}: explained twice: ${key}`)
    seen.add(key)
  }
}

/** @type {(text: string) => string} */
const oneLine = text => text.replace(/\s+/g, ' ').trim()

/**
 * The original code a mutant replaced, on one line.
 * @type {(lines: string[], place: Place) => string}
 */
function originalOf(lines, { start, end }) {
  const first = lines[start.line - 1] ?? ''
  if (start.line === end.line) return oneLine(first.slice(start.column - 1, end.column - 1))
  return oneLine(
    [
      first.slice(start.column - 1),
      ...lines.slice(start.line, end.line - 1),
      (lines[end.line - 1] ?? '').slice(0, end.column - 1)
    ].join(' ')
  )
}

/** @type {Set<Explanation>} */
const used = new Set()

/**
 * The explanation of a surviving mutant: exact on file, mutator, original and replacement, and on
 * the line's text when the explanation gives one (that one wins).
 * @type {(s: Omit<Survivor, 'why'>) => string | undefined}
 */
function explain(s) {
  const candidates = explanations.filter(
    e =>
      e.file === s.file &&
      e.mutator === s.mutant.mutatorName &&
      e.original === s.original &&
      e.replacement === s.replacement &&
      (e.line === undefined || e.line === s.lineText)
  )
  const chosen = candidates.find(e => e.line !== undefined) ?? candidates[0]
  if (chosen) used.add(chosen)
  return chosen?.why
}

/** @type {(args: string[]) => string} */
const git = args => execFileSync('git', args, { encoding: 'utf8' }).trimEnd()

/**
 * The blob ID git gives a text, to compare a measured source with the commit's.
 * @type {(text: string) => string}
 */
const gitBlobId = text => {
  const bytes = Buffer.from(text, 'utf8')
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

/**
 * The modules of src/ this run mutated: those its `mutate` patterns select, mutants or not. The
 * report's other files carry results over from the incremental file, and are not measured here.
 * @type {(onDisk: Map<string, string>) => string[]}
 */
function modulesOfRun(onDisk) {
  const patterns = report.config?.mutate
  if (!patterns)
    throw new Error(`${REPORT} does not say which files the run mutated (config.mutate)`)
  if (patterns.some(p => /:\d+(:\d+)?-\d+(:\d+)?$/.test(p))) {
    throw new Error(
      'this run mutated line ranges, which measures no whole module: MUTATION.md is left as it is'
    )
  }
  return [...onDisk.keys()].filter(
    name =>
      patterns.some(p => !p.startsWith('!') && matchesGlob(name, p)) &&
      !patterns.some(p => p.startsWith('!') && matchesGlob(name, p.slice(1)))
  )
}

/** @type {(mutants: Mutant[]) => MutantCounts} */
function countsOf(mutants) {
  /** @type {(status: string) => number} */
  const count = status => mutants.filter(m => m.status === status).length
  return {
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    compileError: count('CompileError'),
    ignored: count('Ignored')
  }
}

const UNDETECTED = new Set(['Survived', 'NoCoverage'])
const onDisk = sourceModules()
const head = git(['rev-parse', 'HEAD'])
const committedBlobs = new Map(
  git(['ls-tree', '-r', 'HEAD', '--', 'src'])
    .split('\n')
    .map(line => /^\S+ blob (\S+)\t(.+)$/.exec(line))
    .flatMap(m => (m ? [[m[2] ?? '', m[1] ?? '']] : []))
)
const changedPaths = git(['status', '--porcelain', '--untracked-files=all'])
  .split('\n')
  .filter(Boolean)
  .map(line => line.slice(3))
  .filter(path => !NOT_MEASURED.some(p => path === p || path.startsWith(p)))

/** @type {Record<string, MeasuredModule>} */
const measured = {}
/** @type {Survivor[]} */
const survivors = []
/** @type {string[]} */
const uncommitted = []
const runModules = modulesOfRun(onDisk)
for (const file of runModules) {
  const { source, mutants } = report.files[file] ?? { source: onDisk.get(file) ?? '', mutants: [] }
  measured[file] = { sha256: sha256(source), commit: head, ...countsOf(mutants) }
  if (committedBlobs.get(file) !== gitBlobId(source)) uncommitted.push(file)
  const lines = source.split('\n')
  for (const mutant of mutants.filter(m => UNDETECTED.has(m.status))) {
    const s = {
      file,
      mutant,
      original: originalOf(lines, mutant.location),
      replacement: oneLine(mutant.replacement ?? ''),
      lineText: (lines[mutant.location.start.line - 1] ?? '').trim()
    }
    survivors.push({ ...s, why: explain(s) })
  }
}

// The modules this run left out keep what the MUTATION.md there says of them.
const previousText = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : ''
const previous = readRecord(previousText)
const kept = Object.keys(previous?.modules ?? {}).filter(
  name => !measured[name] && onDisk.has(name)
)
for (const name of kept) measured[name] = /** @type {MeasuredModule} */ (previous?.modules[name])
/** @type {Map<string, string[]>} */
const keptSurvivors = new Map(
  previousText
    .split(/^### /m)
    .slice(1)
    .map(section => [/^`([^`]+)`/.exec(section)?.[1] ?? '', section.split('\n')])
    .filter(([name]) => kept.includes(/** @type {string} */ (name)))
    .map(([name, lines]) => [
      /** @type {string} */ (name),
      /** @type {string[]} */ (lines).filter(line => line.startsWith('- '))
    ])
)

/** @type {(score: number | null) => string} */
const fmt = score => (score === null ? 'none counted' : `${score.toFixed(1)}%`)
/** @type {(text: string, max?: number) => string} */
const shorten = (text, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
/** @type {(text: string) => string} */
const code = text => `\`${shorten(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``
/** @type {(list: string[], max?: number) => string} */
const some = (list, max = 8) =>
  list.length > max
    ? `${list.slice(0, max).join(', ')} and ${list.length - max} more`
    : list.join(', ')

/**
 * Where the measured sources came from: the commit, and what differed from it.
 * @type {() => string[]}
 */
function provenance() {
  /** @type {Map<string, number>} */
  const byCommit = new Map()
  for (const m of Object.values(measured)) byCommit.set(m.commit, (byCommit.get(m.commit) ?? 0) + 1)
  const tree = changedPaths.length
    ? `; the working tree had uncommitted changes (${some(changedPaths)})`
    : '; the working tree was clean'
  const count = Object.keys(measured).length
  const which =
    count === onDisk.size
      ? `All ${count} modules of \`src/\``
      : `${count} of the ${onDisk.size} modules of \`src/\``
  const at =
    byCommit.size === 1
      ? `${which} were measured at commit \`${[...byCommit.keys()][0]}\``
      : `${which} were measured at ${byCommit.size} commits (${[...byCommit]
          .map(([commit, n]) => `\`${commit}\`: ${n}`)
          .join(', ')}); this report was made at commit \`${head}\``
  return [
    `${at}${tree}.`,
    ...(uncommitted.length
      ? [
          `This run measured uncommitted versions of: ${uncommitted.map(m => `\`${m}\``).join(', ')}.`
        ]
      : []),
    'The SHA-256 of every measured source is recorded at the end: a test fails when a module',
    'differs from what was measured, when one was not measured, and when one is below the target.'
  ]
}

/** @type {(file: string, m: MeasuredModule) => string} */
function row(file, m) {
  const score = scoreOf(m)
  const shown = score !== null && score < TARGET ? `**${fmt(score)}**` : fmt(score)
  return (
    `| \`${file}\` | ${shown} | ${m.killed} | ${m.timeout} | ${m.survived} | ` +
    `${m.noCoverage} | ${m.compileError} | ${m.ignored} |`
  )
}

/** @type {() => string[]} */
function survivorSections() {
  /** @type {Map<string, string[]>} */
  const byFile = new Map(keptSurvivors)
  const ordered = [...survivors].sort(
    (a, b) =>
      a.mutant.location.start.line - b.mutant.location.start.line ||
      a.mutant.location.start.column - b.mutant.location.start.column
  )
  for (const s of ordered) {
    const status = s.mutant.status === 'NoCoverage' ? ' (no test runs it)' : ''
    byFile.set(s.file, [
      ...(byFile.get(s.file) ?? []),
      `- line ${s.mutant.location.start.line}, ${s.mutant.mutatorName}${status}: ` +
        `${code(s.original)} → ${code(s.replacement)}` +
        (s.why ? ` — ${s.why}` : ' — **not explained yet**')
    ])
  }
  return [...byFile.keys()]
    .sort()
    .flatMap(file => [`### \`${file}\``, '', ...(byFile.get(file) ?? []), ''])
}

const modules = Object.keys(measured).sort()
const total = modules.reduce(
  (sum, name) => {
    const m = /** @type {MeasuredModule} */ (measured[name])
    return {
      detected: sum.detected + m.killed + m.timeout,
      undetected: sum.undetected + m.survived + m.noCoverage
    }
  },
  { detected: 0, undetected: 0 }
)
const sections = survivorSections()
const lines = [
  '# Mutation testing',
  '',
  '<!-- Written by `node scripts/mutation-report.mjs` from `npm run test:mutation`; do not edit. -->',
  '',
  `StrykerJS ${stryker} planted small bugs (mutants) in every module of \`src/\`, and ran the unit`,
  'tests against each (see CONTRIBUTING.md, "Mutation testing"). A mutant is detected when a test',
  'fails (killed) or it runs past its time (timeout: a loop that no longer ends); the score is',
  `detected ÷ (detected + survived + not covered). The target is ${TARGET}% for every module.`,
  'Mutants that do not compile (rejected by the TypeScript checker) and static mutants (module',
  'constants, ignored for speed) are not counted.',
  '',
  ...provenance(),
  '',
  `**Overall: ${fmt(scoreOf({ killed: total.detected, timeout: 0, survived: total.undetected, noCoverage: 0 }))}** ` +
    `(${total.detected} detected, ${total.undetected} undetected).`,
  '',
  '| module | score | killed | timeout | survived | no coverage | not compiling | ignored |',
  '| ------ | ----: | -----: | ------: | -------: | ----------: | ------------: | ------: |',
  ...modules.map(name => row(name, /** @type {MeasuredModule} */ (measured[name]))),
  '',
  '## Surviving mutants',
  '',
  sections.length
    ? 'Each mutant the tests do not detect, and why no test should (or what a test would need).'
    : 'None.',
  '',
  ...sections,
  ...recordSection({
    modules: Object.fromEntries(
      modules.map(name => [name, /** @type {MeasuredModule} */ (measured[name])])
    )
  })
]
writeFileSync(OUTPUT, lines.join('\n'))

const unexplained = survivors.filter(s => !s.why)
const stale = explanations.filter(
  e => !used.has(e) && (runModules.includes(e.file) || !onDisk.has(e.file))
)
console.log(
  `${OUTPUT}: ${runModules.length} modules measured by this run, ${kept.length} kept; ` +
    `${survivors.length} survivors in this run`
)
for (const name of modules) {
  const score = scoreOf(/** @type {MeasuredModule} */ (measured[name]))
  if (score !== null && score < TARGET) console.log(`below ${TARGET}%: ${name} ${fmt(score)}`)
}
const missing = [...onDisk.keys()].filter(name => !measured[name])
if (missing.length) console.log(`not measured: ${missing.join(', ')}`)
if (unexplained.length) {
  console.log(`${unexplained.length} survivors not explained in ${EXPLANATIONS}:`)
  for (const s of unexplained) {
    const { file, original, replacement } = s
    const entry = { file, mutator: s.mutant.mutatorName, original, replacement, why: '' }
    console.log(`  line ${s.mutant.location.start.line}: ${JSON.stringify(entry)}`)
  }
}
if (stale.length) {
  console.log(`${stale.length} stale explanations (no surviving mutant matches them): remove them`)
  for (const e of stale) console.log(`  ${JSON.stringify({ ...e, why: undefined })}`)
}
