import { readFileSync } from 'node:fs'

/**
 * A block of a Markdown file between `<!-- NAME:begin … -->` and `<!-- NAME:end -->`, both
 * included; exactly one of each. README.md holds each such block and SECURITY.md repeats it.
 */
export function markedBlock(file: string, name: string): string {
  const begin = `<!-- ${name}:begin`
  const end = `<!-- ${name}:end -->`
  const text = readFileSync(file, 'utf8')
  const begins = text.split(begin).length - 1
  const ends = text.split(end).length - 1
  if (begins !== 1 || ends !== 1) {
    throw new Error(`${file} has ${begins} "${begin}" and ${ends} "${end}" markers, not one each`)
  }
  const start = text.indexOf(begin)
  const stop = text.indexOf(end)
  if (stop < start) throw new Error(`${file}: "${end}" comes before "${begin}"`)
  return text.slice(start, stop + end.length)
}

/** The cells of each row of the block's Markdown table, header and separator left out. */
export function tableRows(block: string, width: number): string[][] {
  const lines = block.split('\n').filter(line => line.startsWith('|'))
  return lines.slice(2).map(line => {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map(cell => cell.trim())
    if (cells.length !== width) throw new Error(`a table row has ${cells.length} cells: ${line}`)
    return cells
  })
}
