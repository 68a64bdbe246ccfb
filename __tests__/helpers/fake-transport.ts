import type { HttpRequest, HttpResponse, Transport } from '../../src/http/transport.js'

/** A transport that answers from a function (or throws what it returns) and keeps what was sent. */
export function fakeTransport(answer: (request: HttpRequest) => HttpResponse | Error) {
  const sent: HttpRequest[] = []
  const transport: Transport = {
    send: async request => {
      sent.push(request)
      const response = answer(request)
      if (response instanceof Error) throw response
      return response
    },
    close: async () => undefined
  }
  return { transport, sent }
}

export const jsonResponse = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): HttpResponse => ({ status, headers, body: JSON.stringify(body) })
