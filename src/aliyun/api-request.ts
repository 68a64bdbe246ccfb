import { ApiError } from '../errors.js'
import type { HttpRequest, HttpResponse, Transport } from '../http/transport.js'
import {
  type ErrorClassifier,
  errorFromResponse,
  parseJsonObject,
  stringField
} from './service-errors.js'

/** A 2xx answer from an Alibaba Cloud API: its JSON body (if it is one) and its request ID. */
export interface ApiAnswer {
  body: Record<string, unknown> | undefined
  requestId: string
  response: HttpResponse
}

export interface ApiCall {
  /** What the user knows the call as, for errors: `GetInstanceSnapshot (snapshot … of …)`. */
  operation: string
  /** What an error answer means for this API. */
  classify: ErrorClassifier
}

/**
 * The one way every API request of the action goes out, signed or not: send it, name the
 * operation in network errors, parse the body, pick the request ID, and turn an answer that is
 * not a 2xx into an ApiError with the service's Code, Message and RequestId.
 */
export async function sendApiRequest(
  transport: Transport,
  request: HttpRequest,
  call: ApiCall
): Promise<ApiAnswer> {
  const response = await transport.send(request).catch((error: unknown) => {
    throw error instanceof ApiError ? error.withOperation(call.operation) : error
  })
  const body = parseJsonObject(response.body)
  if (response.status < 200 || response.status >= 300) {
    throw errorFromResponse(call.operation, response, body, call.classify)
  }
  const requestId = stringField(body, 'RequestId') || response.headers['x-acs-request-id'] || ''
  return { body, requestId, response }
}
