import type { PaiDswCalls } from '../../src/aliyun/pai-dsw-client.js'

/**
 * A fake of the PAI-DSW calls: the ones a test gives, the others refused as unexpected. Counters
 * are read through, so a test's own getter (`get requestCount()`) stays live.
 */
export function fakePaiDsw(calls: Partial<PaiDswCalls>): PaiDswCalls {
  const unexpected = (name: string) => () => Promise.reject(new Error(`unexpected ${name} call`))
  return {
    get requestCount() {
      return calls.requestCount ?? 0
    },
    get clockSkewMs() {
      return calls.clockSkewMs ?? 0
    },
    getInstanceSnapshot: (...args) =>
      (calls.getInstanceSnapshot?.bind(calls) ?? unexpected('GetInstanceSnapshot'))(...args),
    createInstanceSnapshot: (...args) =>
      (calls.createInstanceSnapshot?.bind(calls) ?? unexpected('CreateInstanceSnapshot'))(...args),
    listInstances: (...args) =>
      (calls.listInstances?.bind(calls) ?? unexpected('ListInstances'))(...args),
    listInstanceSnapshots: (...args) =>
      (calls.listInstanceSnapshots?.bind(calls) ?? unexpected('ListInstanceSnapshot'))(...args)
  }
}
