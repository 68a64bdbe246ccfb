// Listening and closing for the emulator's HTTP servers (the API port and the metadata port).

/**
 * @param {import('node:http').Server} server
 * @param {number} port 0 for a random free one
 * @param {string} host
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address = server.address()
      const bound = typeof address === 'object' && address !== null ? address.port : port
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
        close: () => closeServer(server)
      })
    })
  })
}

/**
 * Stops listening and drops every connection, stalled or not.
 * @param {import('node:http').Server} server
 */
function closeServer(server) {
  const closed = new Promise(resolve => server.close(() => resolve(undefined)))
  server.closeAllConnections()
  return /** @type {Promise<void>} */ (closed)
}
