import * as core from '@actions/core'
import { loggable, plural } from '../text.js'

/**
 * GitHub shows at most this many error annotations, and as many warnings, per step, and drops
 * the rest without a sign (runner-commands.md).
 */
export const ANNOTATIONS_PER_STEP = 10

/**
 * The action's only way to the step's log. Every line may carry outside text (a service's
 * message, a snapshot's status, an echoed input), so each goes through `loggable`: no line break,
 * control character or workflow command survives, and long text is cut.
 */
export function createLog() {
  // The last warning annotation is kept for the note that says how many more there were.
  let warningsLeft = ANNOTATIONS_PER_STEP - 1
  let warningsInLog = 0
  return {
    info: (text: string): void => core.info(loggable(text)),
    /** A warning annotation while GitHub shows them; after that, a line in the log. */
    warning: (text: string): void => {
      if (warningsLeft-- > 0) return core.warning(loggable(text))
      warningsInLog++
      core.info(loggable(`Warning: ${text}`))
    },
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
    /** The step's last word on warnings: how many did not get an annotation. */
    closeWarnings: (): void => {
      if (warningsInLog === 0) return
      core.warning(
        `${plural(warningsInLog, 'more warning')} in the log, on lines that start with "Warning:" ` +
          `(GitHub shows ${ANNOTATIONS_PER_STEP} warning annotations per step)`
      )
      warningsInLog = 0
    },
    /** Fails the step; each of `lines` is made safe on its own, so only these line breaks remain. */
    fail: (...lines: string[]): void => core.setFailed(lines.map(line => loggable(line)).join('\n'))
  }
}

export type Log = ReturnType<typeof createLog>

/** The step's log: one per process, as one process runs one step. */
export const log: Log = createLog()
