import { type IncomingMessage, type Server, createServer, request } from 'node:http'
import { type Socket, connect } from 'node:net'

export interface ForwardProxy {
  url: string
  /** What went through: `CONNECT host:port` tunnels and absolute-form `GET http://…` requests. */
  seen: string[]
  close(): Promise<void>
}

/**
 * A minimal HTTP forward proxy on loopback, as on a self-hosted runner behind a proxy. `hosts`
 * maps names only it knows (`pai-dsw.proxied.test`) to the address (and, for tunnels, the
 * `address:port`) it connects to instead.
 */
export async function startForwardProxy(hosts: Record<string, string> = {}): Promise<ForwardProxy> {
  const seen: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    seen.push(`${incoming.method} ${incoming.url}`)
    const target = new URL(incoming.url ?? '')
    const upstream = request(
      target,
      { method: incoming.method, headers: incoming.headers },
      answer => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      }
    )
    upstream.on('error', () => outgoing.destroy())
    incoming.pipe(upstream)
  })
  server.on('connection', socket => sockets.add(socket))
  server.on('connect', (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${incoming.url}`)
    const [host = '', port = '443'] = (incoming.url ?? '').split(/:(?=\d+$)/)
    // A mapping may move the port too (`127.0.0.1:8443`), for names of well-known ports.
    const [address = host, mappedPort = port] = (hosts[host] ?? host).split(/:(?=\d+$)/)
    const upstream = connect(Number(mappedPort), address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client).pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    seen,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    }
  }
}
