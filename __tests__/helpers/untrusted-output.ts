// What the runner makes of a step's output, and the checks that text from outside the action
// (a hostile or broken server) cannot steer it: no workflow command, no extra or repeated output,
// no Markdown or HTML of its own in the job summary. See /work/shared/reference/runner-commands.md.
import { expect } from '@jest/globals'
import { readActionYml } from '../../scripts/local-runner.mjs'

/** The step's stdout and stderr as the runner reads them: `\n`, `\r\n` and a bare `\r` end a line. */
export const runnerLines = (log: string): string[] => log.split(/\r\n|\r|\n/)

/** The commands the action itself writes through @actions/core; only these may start a line. */
const OWN_COMMANDS = new Set([
  'debug',
  'error',
  'warning',
  'notice',
  'add-mask',
  'group',
  'endgroup'
])
/** Of those, the ones written with properties (`::error title=…::`). */
const WITH_PROPERTIES = new Set(['error', 'warning', 'notice'])

const ONE_MIB = 1024 * 1024
/** What README, SECURITY.md and action.yml promise of every output. */
const MAX_OUTPUT_BYTES = 1_000_000

export interface RunnerOutputs {
  /** Every output set, in file order, repeats included. */
  entries: [name: string, value: string][]
  /** The value of each name, the last one winning, as the runner keeps them. */
  values: Record<string, string>
  /** What the runner would refuse the file for. */
  problems: string[]
}

/**
 * Reads a GITHUB_OUTPUT file by the runner's rules (FileCommandManager): lines end at `\n` or
 * `\r\n`; `name=value`, or `name<<DELIMITER`, the lines up to a line equal to DELIMITER, and that
 * line; a heredoc value is the text between, exactly.
 */
export function runnerOutputs(text: string): RunnerOutputs {
  const entries: [string, string][] = []
  const problems: string[] = []
  let index = 0
  const readLine = () => {
    if (index >= text.length) return undefined
    const lf = text.indexOf('\n', index)
    const end = lf < 0 ? text.length : lf
    const crlf = lf > index && text[lf - 1] === '\r'
    const line = {
      text: text.slice(index, crlf ? end - 1 : end),
      start: index,
      end: crlf ? end - 1 : end
    }
    index = lf < 0 ? text.length : lf + 1
    return line
  }
  for (let line = readLine(); line; line = readLine()) {
    if (line.text === '') continue
    const equals = line.text.indexOf('=')
    const heredoc = line.text.indexOf('<<')
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      entries.push([line.text.slice(0, equals), line.text.slice(equals + 1)])
    } else if (heredoc > 0 && heredoc + 2 < line.text.length) {
      const name = line.text.slice(0, heredoc)
      const delimiter = line.text.slice(heredoc + 2)
      const start = index
      let end = start
      let value = readLine()
      while (value && value.text !== delimiter) {
        end = value.end
        value = readLine()
      }
      if (!value) {
        problems.push(`output ${JSON.stringify(name)}: no closing delimiter`)
        break
      }
      entries.push([name, text.slice(start, end)])
    } else {
      problems.push(`not an output line: ${cut(line.text)}`)
    }
  }
  return { entries, values: Object.fromEntries(entries), problems }
}

export interface Expected {
  /** The ImageUrl the server sent, as a string; undefined when it sent none (or not a string). */
  imageUrl?: string
}

/** Everything in a run that text from outside could have hijacked, as a list of findings. */
export function injectionProblems(
  run: { log: string; outputFile: string; summary: string },
  expected: Expected = {}
): string[] {
  return [
    ...outputFileProblems(run.outputFile, expected),
    ...logProblems(run.log),
    ...summaryProblems(run.summary),
    ...stackTraceProblems({ log: run.log, summary: run.summary, outputFile: run.outputFile })
  ]
}

/**
 * The shared check of the hostile suite: outputs are exactly the declared ones, once each, with
 * `image-url` as the server sent it; no line of the log is a command the action did not mean; the
 * summary is small and holds no Markdown or HTML of the server's; no JavaScript error or stack.
 */
export function expectNoInjection(
  run: { log: string; outputFile: string; summary: string },
  expected: Expected = {}
): void {
  expect(injectionProblems(run, expected)).toEqual([])
}

function outputFileProblems(text: string, expected: Expected): string[] {
  const declared = new Set(Object.keys(readActionYml().outputs))
  const { entries, values, problems } = runnerOutputs(text)
  const names = entries.map(([name]) => name)
  problems.push(
    ...names.filter(name => !declared.has(name)).map(name => `undeclared output ${cut(name)}`),
    ...[...new Set(names.filter((name, i) => names.indexOf(name) !== i))].map(
      name => `output ${name} set more than once`
    ),
    ...entries
      .filter(([, value]) => Buffer.byteLength(value) > MAX_OUTPUT_BYTES)
      .map(([name, value]) => `output ${name} is ${Buffer.byteLength(value)} bytes`)
  )
  const imageUrl = values['image-url']
  if (imageUrl === 'evil') problems.push('image-url is "evil"')
  if (imageUrl && imageUrl !== expected.imageUrl) {
    problems.push(
      `image-url is ${cut(imageUrl)}, the server sent ${expected.imageUrl === undefined ? 'none' : cut(expected.imageUrl)}`
    )
  }
  return problems
}

function logProblems(log: string): string[] {
  const problems: string[] = []
  for (const line of runnerLines(log)) {
    const text = line.trimStart()
    if (text.startsWith('::')) {
      const command = /^::([^\s:]+)(?: ([^:]*))?::/.exec(text)
      const name = command?.[1] ?? ''
      const hasProperties = command?.[2] !== undefined
      if (!command || !OWN_COMMANDS.has(name) || (hasProperties && !WITH_PROPERTIES.has(name))) {
        problems.push(`log line is a command the action did not mean: ${cut(line)}`)
      }
    }
    if (line.includes('##[')) problems.push(`log line holds a legacy command: ${cut(line)}`)
  }
  if (log.includes('\u001b')) problems.push('log holds a raw ESC (an ANSI escape)')
  if (/\r(?!\n)/.test(log)) problems.push('log holds a bare CR')
  return problems
}

function summaryProblems(summary: string): string[] {
  if (summary === '') return []
  const problems: string[] = []
  const bytes = Buffer.byteLength(summary)
  if (bytes >= ONE_MIB) problems.push(`summary is ${bytes} bytes, over GitHub's 1 MiB`)
  for (const marker of ['<script', '<img', '![', '](http']) {
    if (summary.toLowerCase().includes(marker)) problems.push(`summary holds ${marker} raw`)
  }
  // The action writes its headings as HTML (<h2>): a Markdown heading is the server's.
  const headings = summary.split('\n').filter(line => /^ {0,3}#/.test(line))
  problems.push(...headings.map(line => `summary has a Markdown heading: ${cut(line)}`))
  const opened = summary.match(/<table/g)?.length ?? 0
  const closed = summary.match(/<\/table>/g)?.length ?? 0
  if (opened !== closed) problems.push(`summary opens ${opened} table(s), closes ${closed}`)
  // A blank line ends an HTML block: inside a table, what follows would be read as Markdown.
  for (const table of summary.match(/<table[\s\S]*?<\/table>/g) ?? []) {
    if (/\n[ \t]*\n/.test(table)) problems.push('summary has a blank line inside a table')
  }
  return problems
}

function stackTraceProblems(run: { log: string; summary: string; outputFile: string }): string[] {
  const problems: string[] = []
  const lines = runnerLines(run.log)
  const frame = lines.find(line => /^\s+at .+\(.*:\d+:\d+\)$/.test(line))
  if (frame) problems.push(`log shows a stack trace: ${cut(frame)}`)
  for (const [place, text] of Object.entries(run)) {
    const error = /\b(?:TypeError|ReferenceError|RangeError)\b/.exec(text)
    if (error) problems.push(`${place} shows a JavaScript ${error[0]}`)
  }
  return problems
}

/** A finding quotes at most 160 characters of what it found, escaped. */
function cut(text: string): string {
  return JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}…` : text)
}
