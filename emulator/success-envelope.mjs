/**
 * The fields PAI-DSW puts around every successful answer. `Code: "null"` and `HttpStatusCode: 0`
 * copy the documentation's own example: clients must not read success from them.
 * @param {string} requestId
 */
export function successEnvelope(requestId) {
  return { RequestId: requestId, Success: true, Message: '', Code: 'null', HttpStatusCode: 0 }
}
