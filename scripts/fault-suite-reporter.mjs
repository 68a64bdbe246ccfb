// A jest reporter that closes the run with one `faults: N passed, N failed` line counting the
// scenarios of the fault suite (the end-to-end fault and input-fuzz tests), so that a CI log shows
// at a glance how the action fared under every fault.
const FAULT_SUITE = /__tests__\/e2e\/(?:faults|input-fuzz)\.test\.ts$/

export default class FaultSuiteReporter {
  /** @param {unknown} _contexts @param {{ testResults: { testFilePath: string, testResults: { status: string }[] }[] }} results */
  onRunComplete(_contexts, results) {
    let passed = 0
    let failed = 0
    for (const file of results.testResults) {
      if (!FAULT_SUITE.test(file.testFilePath)) continue
      for (const test of file.testResults) {
        if (test.status === 'passed') passed++
        else if (test.status === 'failed') failed++
      }
    }
    if (passed + failed > 0) process.stdout.write(`faults: ${passed} passed, ${failed} failed\n`)
  }
}
