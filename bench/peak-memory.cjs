// Preloaded (`node --require`) into every process the startup benchmark times: reports the
// process's peak resident memory on stderr as it exits, the same small cost for bare Node and for
// the action. Linux's VmHWM counts this program only; getrusage's maxRSS, the fallback elsewhere,
// also counts the memory of the parent process this one was forked from before exec.
'use strict'
const { readFileSync, writeSync } = require('node:fs')

function peakKiB() {
  try {
    const match = /^VmHWM:\s*(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Number(match[1])
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS
}

process.on('exit', () => writeSync(2, `\npeak-rss-kib=${peakKiB()}\n`))
