import { InputError, got } from '../errors.js'
import { isLoopbackHost } from '../http/loopback.js'

export interface Endpoint {
  protocol: 'https' | 'http'
  /** Host name, with `:port` when one was given: exactly what goes into the `host` header. */
  host: string
  /** `protocol://host` */
  origin: string
}

const REGION = /^[a-z]{2,}(?:-[a-z0-9]+){1,4}$/
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

export const REGION_FORMAT = 'a region ID such as cn-hangzhou or ap-southeast-1'

/** The region becomes part of a host name, so only the shape of a region ID is accepted. */
export function parseRegion(input: string, value: string): string {
  if (value.length > 40 || !REGION.test(value)) {
    throw new InputError(input, `must be ${REGION_FORMAT}; ${got(value)}`)
  }
  return value
}

function isValidHostname(hostname: string): boolean {
  if (hostname === '[::1]') return true
  return hostname.length <= 253 && hostname.split('.').every(label => HOST_LABEL.test(label))
}

/**
 * Accepts a host (`pai-dsw-vpc.cn-hangzhou.aliyuncs.com`), `host:port`, or an `https://` URL.
 * Plain `http://` is allowed only for loopback hosts, so credentials never cross a network in clear.
 */
export function parseEndpoint(
  input: string,
  value: string,
  example = 'pai-dsw-vpc.cn-hangzhou.aliyuncs.com'
): Endpoint {
  const accepted = `a host name or https:// URL such as ${example} (http:// only for loopback hosts)`
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new InputError(input, `must be ${accepted}; ${got(value)}`)
  }
  const protocol = url.protocol.slice(0, -1)
  if (protocol !== 'https' && protocol !== 'http') {
    throw new InputError(input, `must use https:// (or http:// for loopback); ${got(value)}`)
  }
  if (url.username || url.password) {
    throw new InputError(
      input,
      'must not contain user name or password; pass credentials as inputs'
    )
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new InputError(input, `must be a host without path, query or fragment; ${got(value)}`)
  }
  if (/[\s\\@]/.test(value) || !isValidHostname(url.hostname)) {
    throw new InputError(input, `must be ${accepted}; ${got(value)}`)
  }
  if (protocol === 'http' && !isLoopbackHost(url.hostname)) {
    throw new InputError(
      input,
      `may use plain http:// only for loopback hosts (127.0.0.1, localhost, [::1]); ${got(value)}. Use https://`
    )
  }
  return { protocol, host: url.host, origin: `${protocol}://${url.host}` }
}

export function defaultPaiDswEndpoint(region: string): Endpoint {
  const host = `pai-dsw.${region}.aliyuncs.com`
  return { protocol: 'https', host, origin: `https://${host}` }
}
