import type { Dispatcher } from 'undici'

export interface UndiciParts {
  createDispatcher(): Dispatcher
  request(
    dispatcher: Dispatcher,
    options: Dispatcher.RequestOptions
  ): Promise<Dispatcher.ResponseData>
}

/**
 * The parts of undici the transport uses. Without a proxy, the agent and the request function are
 * imported one by one: undici's index also loads fetch, WebSocket, caches and mocks — and,
 * through its cookie module, Node's own bundled undici — which costs every run tens of
 * milliseconds and megabytes at its first request (see BENCHMARKS.md). The proxy agent needs the
 * Dispatcher methods that only the index installs, so proxied runs load the index.
 * The one-by-one paths are undici internals that its semver does not cover: undici is pinned to
 * an exact version in package.json, and the client and fault tests exercise both ways.
 */
export async function loadUndiciParts(proxied: boolean): Promise<UndiciParts> {
  if (proxied) {
    const undici = await import('undici')
    return {
      createDispatcher: () => new undici.EnvHttpProxyAgent(),
      request: (dispatcher, options) => dispatcher.request(options)
    }
  }
  const [agent, api] = await Promise.all([
    import('undici/lib/dispatcher/agent.js'),
    import('undici/lib/api/api-request.js')
  ])
  return {
    createDispatcher: () => new agent.default({ keepAliveTimeout: 10_000 }),
    request: (dispatcher, options) => api.default.call(dispatcher, options)
  }
}
