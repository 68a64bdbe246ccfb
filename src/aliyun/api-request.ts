import { ApiError } from '../errors.js'
import type { HttpRequest, HttpResponse, Transport } from '../http/transport.js'
import { ACTION_NAME, ACTION_VERSION } from '../action-version.js'
import {
  type ErrorClassifier,
  errorFromResponse,
  parseJsonObject,
  stringField,
  xmlErrorBody
} from './service-errors.js'

/**
 * Names this action in the service's records (support cases, audit trails): the action and its
 * version, then the runtime in the shape the official SDK sends (`(<os>; <arch>) Node.js/<v>`).
 */
export const USER_AGENT =
  `${ACTION_NAME}/${ACTION_VERSION} (${process.platform}; ${process.arch}) ` +
  `Node.js/${process.version}`

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
 * The one way every API request of the action goes out, signed or not: send it (with our
 * User-Agent), name the operation in network errors, parse the body, pick the request ID, and
 * turn an answer that is not a success into an ApiError with the service's Code, Message and
 * RequestId: a status that is not a 2xx, or a 2xx whose body says `Success: false` (which the
 * official SDK hands to its caller as it is; the API's `Success` field is the service's verdict).
 */
export async function sendApiRequest(
  transport: Transport,
  request: HttpRequest,
  call: ApiCall
): Promise<ApiAnswer> {
  const withAgent = { ...request, headers: { ...request.headers, 'user-agent': USER_AGENT } }
  const response = await transport.send(withAgent).catch((error: unknown) => {
    throw error instanceof ApiError ? error.withOperation(call.operation) : error
  })
  const body = parseJsonObject(response.body)
  if (response.status < 200 || response.status >= 300 || saysUnsuccessful(body)) {
    // An XML error answer is read as the official SDK reads it; a proxy's page is not.
    throw errorFromResponse(call.operation, response, body ?? xmlErrorBody(response), call.classify)
  }
  const requestId = stringField(body, 'RequestId') || response.headers['x-acs-request-id'] || ''
  return { body, requestId, response }
}

/** `Success: false` (or `"false"`, which the SDK reads as false); absent or `null` is no verdict. */
function saysUnsuccessful(body: Record<string, unknown> | undefined): boolean {
  return body?.Success === false || body?.Success === 'false'
}
