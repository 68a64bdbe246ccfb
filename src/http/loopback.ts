const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1'])

/**
 * `localhost`, `127.0.0.0/8` and `::1` (as a URL's hostname spells it, `[::1]`): this machine.
 * Plain http:// is allowed only to these, and requests to them never go through a proxy.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (LOOPBACK_NAMES.has(host)) return true
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return octets !== null && octets.slice(1).every(octet => Number(octet) <= 255)
}
