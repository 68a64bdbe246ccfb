// Malformed inputs, each rejected by `node dist/index.js` before any request, with an error that
// names the input. Part of the fault suite.
import { describe, expect, it } from '@jest/globals'
import { errorLine } from '../helpers/run-inspection.js'
import { secretScannedRuns } from '../helpers/secret-scanned-runs.js'

// Every run has debug logging on, and its output is scanned for secrets after each test.
const { startEmulator, runAction } = secretScannedRuns()
const CALLER = { accessKeyId: 'fuzz-id', accessKeySecret: 'fuzz-secret-0123456789' }

const LONG = 'x'.repeat(5000)

const MALFORMED: [input: string, value: string][] = [
  ['instance-id', '../dsw-1'],
  ['instance-id', 'dsw-1/../../x'],
  ['instance-id', 'dsw-1/snapshots'],
  ['instance-id', 'dsw%2F1'],
  ['instance-id', 'dsw-1?x=1'],
  ['instance-id', 'dsw-1#frag'],
  ['instance-id', 'dsw 1'],
  ['instance-id', 'dsw-1\u0007'],
  ['instance-id', '..'],
  ['instance-id', `dsw-${LONG}`],
  ['snapshot-id', 'snp-1/../../../instances'],
  ['snapshot-id', 'snp-1\\..\\x'],
  ['snapshot-id', 'snp-1%00'],
  ['snapshot-id', 'snp-1\u0001'],
  ['snapshot-id', 'snp-1\u001b[31m'],
  ['snapshot-id', 'snp-1\u2028x'],
  ['snapshot-id', 'https://evil.example/snp'],
  ['snapshot-id', 'snp-1;rm -rf /'],
  ['region', 'evil.example'],
  ['region', 'cn-hangzhou.evil.example'],
  ['region', 'cn-hangzhou/'],
  ['region', 'cn-hangzhou@evil'],
  ['region', 'CN-HANGZHOU'],
  ['region', 'cn-hangzhou:443'],
  ['region', '127.0.0.1'],
  ['region', `cn-${LONG}`],
  ['endpoint', 'http://evil.example'],
  ['endpoint', 'http://10.0.0.1'],
  ['endpoint', 'http://127.0.0.1.evil.example'],
  ['endpoint', 'https://user:pass@pai-dsw.cn-hangzhou.aliyuncs.com'],
  ['endpoint', 'https://pai-dsw.cn-hangzhou.aliyuncs.com/path'],
  ['endpoint', 'https://pai-dsw.cn-hangzhou.aliyuncs.com?x=1'],
  ['endpoint', 'ftp://pai-dsw.cn-hangzhou.aliyuncs.com'],
  ['endpoint', 'javascript:alert(1)'],
  ['endpoint', 'pai dsw.example'],
  ['timeout', 'forever'],
  ['timeout', '-1'],
  ['timeout', '10 minutes'],
  ['timeout', '1e9'],
  ['timeout', '9999h'],
  ['poll-interval', '0'],
  ['poll-interval', '5x'],
  ['poll-interval', 'NaN'],
  ['max-poll-interval', '1ms'],
  ['max-poll-interval', '-30s'],
  ['request-timeout', '0s'],
  ['request-timeout', 'fast'],
  ['not-found-timeout', '1 minute'],
  ['success-statuses', 'Saved;Failed'],
  ['success-statuses', 'Saved\tFailed'],
  ['failure-statuses', 'Saved'],
  ['failure-statuses', '<script>'],
  ['job-summary', 'yes'],
  ['job-summary', '1']
]

describe('input fuzzing', () => {
  it('covers at least 40 malformed values across the inputs', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(40)
    expect(new Set(MALFORMED.map(([input]) => input)).size).toBeGreaterThanOrEqual(12)
  })

  it.each(MALFORMED)('%s = %j is rejected before any request', async (input, value) => {
    const emulator = await startEmulator({
      credentials: [CALLER],
      snapshots: [{ instanceId: 'dsw-1', snapshotId: 'snp-1', timeline: [{ status: 'Saved' }] }]
    })
    const run = await runAction({
      'instance-id': 'dsw-1',
      'snapshot-id': 'snp-1',
      endpoint: emulator.url,
      'access-key-id': CALLER.accessKeyId,
      'access-key-secret': CALLER.accessKeySecret,
      ...(input === 'region' ? { endpoint: '' } : {}),
      [input]: value
    })
    expect(run.exitCode).toBe(1)
    expect(emulator.requests).toHaveLength(0)
    expect(errorLine(run.log)).toContain(`::error::Input '${input}'`)
    expect(run.outputs).toEqual({ result: 'error', attempts: '0', 'waited-seconds': '0' })
  })
})
