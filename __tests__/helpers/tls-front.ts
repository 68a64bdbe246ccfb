import { readFileSync } from 'node:fs'
import { type Server, type Socket, connect, createServer } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'

const FIXTURES = new URL('../fixtures/tls/', import.meta.url)
export const TEST_CA_FILE = new URL('cert.pem', FIXTURES).pathname

export interface TlsFront {
  /** `https://127.0.0.1:PORT`, serving the emulator behind it. */
  url: string
  connections: number
  close(): Promise<void>
}

/**
 * An HTTPS front for the (plain HTTP) emulator, with the test certificate. The first
 * `resetHandshakes` connections are reset as soon as the client starts its TLS handshake, as a
 * flaky middlebox would.
 */
export async function startTlsFront(emulatorUrl: string, resetHandshakes = 0): Promise<TlsFront> {
  const target = new URL(emulatorUrl)
  const sockets = new Set<Socket>()
  const tls = createTlsServer(
    {
      key: readFileSync(new URL('key.pem', FIXTURES)),
      cert: readFileSync(new URL('cert.pem', FIXTURES))
    },
    clear => {
      const upstream = connect(Number(target.port), target.hostname)
      sockets.add(upstream)
      clear.pipe(upstream).pipe(clear)
      clear.on('error', () => upstream.destroy())
      upstream.on('error', () => clear.destroy())
    }
  )
  tls.on('tlsClientError', () => undefined)
  const front = { url: '', connections: 0, close: async () => undefined }
  const server: Server = createServer(socket => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    if (front.connections++ < resetHandshakes) {
      socket.once('data', () => socket.resetAndDestroy())
      return
    }
    tls.emit('connection', socket)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  front.url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  front.close = async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise(resolve => server.close(resolve))
  }
  return front
}
