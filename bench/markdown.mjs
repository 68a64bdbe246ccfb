// Just enough Markdown for the benchmark report.

/**
 * A table whose first `textColumns` columns are left-aligned and the others right-aligned, as
 * numbers read best.
 * @param {string[]} header
 * @param {string[][]} rows
 * @param {{ textColumns?: number }} [options]
 */
export function table(header, rows, { textColumns = 1 } = {}) {
  const align = header.map((_, i) => (i < textColumns ? ':--' : '--:'))
  return [header, align, ...rows].map(cells => `| ${cells.join(' | ')} |`).join('\n')
}

/** @param {boolean} met */
export const verdict = met => (met ? '✅ met' : '❌ missed')

/** `30 s`, `2 min` @param {number} ms */
export function duration(ms) {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`
}
