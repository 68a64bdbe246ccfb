/** Resource IDs become URL path segments: only plain IDs, nothing that could change the path. */
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
export const MAX_ID_LENGTH = 128

export const ID_FORMAT = `a plain ID of letters, digits, -, _ and . (at most ${MAX_ID_LENGTH} characters)`

/** No `/`, `..`, `%`, `?` or anything else that could change a path it goes into. */
export function isPlainId(value: string): boolean {
  return value.length <= MAX_ID_LENGTH && PLAIN_ID.test(value) && !value.includes('..')
}
