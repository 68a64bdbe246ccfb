import { decodePercent } from './percent-encoding.mjs'

/**
 * Splits a raw query string into decoded name/value pairs, in the order received. `+` stays a
 * plus sign: RFC 3986, not HTML forms, is what signatures are computed over.
 * @param {string} rawQuery the part after `?`, possibly empty
 * @returns {Array<[string, string]>}
 */
export function parseQuery(rawQuery) {
  return rawQuery
    .split('&')
    .filter(pair => pair !== '')
    .map(pair => {
      const equals = pair.indexOf('=')
      const name = equals < 0 ? pair : pair.slice(0, equals)
      const value = equals < 0 ? '' : pair.slice(equals + 1)
      return [decodePercent(name), decodePercent(value)]
    })
}
