import * as core from '@actions/core'
import { loggable } from '../text.js'

/**
 * The action's only way to the step's log. Every line may carry outside text (a service's
 * message, a snapshot's status, an echoed input), so each goes through `loggable`: no line break,
 * control character or workflow command survives, and long text is cut.
 */
export function createLog() {
  return {
    info: (text: string): void => core.info(loggable(text)),
    /** A warning annotation (the report keeps GitHub's limit on them: github-limits.ts). */
    warning: (text: string): void => core.warning(loggable(text)),
    debug: (text: string): void => core.debug(loggable(text)),
    /** An error annotation (the step goes on); `title` heads it. */
    error: (text: string, title: string): void =>
      core.error(loggable(text), { title: loggable(title, 200) }),
    /** Lines folded under `title` in the log (a group the reader opens on demand). */
    group: (title: string, lines: readonly string[]): void => {
      core.startGroup(loggable(title, 200))
      for (const line of lines) core.info(loggable(line))
      core.endGroup()
    },
    /** Fails the step; each of `lines` is made safe on its own, so only these line breaks remain. */
    fail: (...lines: string[]): void => core.setFailed(lines.map(line => loggable(line)).join('\n'))
  }
}

export type Log = ReturnType<typeof createLog>

/** The step's log: one per process, as one process runs one step. */
export const log: Log = createLog()
