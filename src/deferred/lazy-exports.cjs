// Shared by the bundle-only stand-ins in this folder.
'use strict'

/**
 * Defines each of `names` on `target` as a getter that loads the real module the first time any of
 * them is read: importing the stand-in costs nothing, using it behaves like the real thing.
 * @param {Record<string, unknown>} target
 * @param {() => Record<string, unknown>} load
 * @param {readonly string[]} names
 */
function defineLazyExports(target, load, names) {
  /** @type {Record<string, unknown> | undefined} */
  let loaded
  for (const name of names) {
    Object.defineProperty(target, name, { enumerable: true, get: () => (loaded ??= load())[name] })
  }
}

module.exports = { defineLazyExports }
