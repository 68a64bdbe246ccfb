// How the gateway authenticates an ACS3-HMAC-SHA256 (signature V3) call: the signature, then the
// x-acs-date window, then the single-use nonce. PAI-DSW calls and signed STS calls share it.
import { apiError } from './api-errors.mjs'
import { timestampError } from './request-freshness.mjs'
import { verifySignature } from './signature-verifier.mjs'

/**
 * @typedef {object} Authenticator
 * @property {Map<string, import('./types.mjs').CredentialSpec>} credentials by access key id
 * @property {import('./emulator-clock.mjs').EmulatorClock} clock
 * @property {import('./request-freshness.mjs').NonceRegistry} nonces
 */

/**
 * @param {import('./received-request.mjs').ReceivedRequest} received
 * @param {Authenticator} gateway
 * @returns {{ credential: import('./types.mjs').CredentialSpec } | { error: import('./api-errors.mjs').ApiError }}
 */
export function authenticateV3(received, { credentials, clock, nonces }) {
  const verdict = verifySignature(
    received,
    accessKeyId => credentials.get(accessKeyId),
    clock.localNow()
  )
  if ('error' in verdict) return verdict
  const stale = timestampError(received.headers.get('x-acs-date')?.[0], clock.serverNow())
  if (stale) return { error: stale }
  // Only an authentic, fresh request uses up its nonce.
  const nonce = received.headers.get('x-acs-signature-nonce')?.[0] ?? ''
  if (!nonces.claim(nonce, clock.localNow())) return { error: apiError('SignatureNonceUsed') }
  return verdict
}
