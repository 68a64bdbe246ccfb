// RFC 3986 percent-encoding, the form ACS3 signatures are computed over.

/**
 * Encodes everything except the unreserved characters `A-Z a-z 0-9 - _ . ~`.
 * @param {string} text
 */
export function encodeRfc3986(text) {
  // encodeURIComponent also spares !'()* which RFC 3986 reserves
  return encodeURIComponent(text).replace(/[!'()*]/g, escapeAscii)
}

/**
 * Decodes %XX sequences. A malformed sequence leaves the text as it is, so a bad path still gets a
 * canonical form (and a signature mismatch) instead of crashing the server.
 * @param {string} text
 */
export function decodePercent(text) {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** @param {string} character */
function escapeAscii(character) {
  return '%' + character.charCodeAt(0).toString(16).toUpperCase()
}
