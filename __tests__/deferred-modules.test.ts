import { describe, expect, it } from '@jest/globals'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const names = (module: object) => Object.keys(module).sort()

describe('the bundle-only stand-ins of src/deferred', () => {
  it.each([
    ['@actions/http-client', '../src/deferred/actions-http-client.cjs'],
    ['@actions/exec', '../src/deferred/actions-exec.cjs']
  ])('forward every export of %s (a new one would be missing from dist/)', async (name, path) => {
    expect(names(require(path))).toEqual(names(await import(name)))
  })

  it('find the separately built @actions/http-client where dist/index.js looks for it', async () => {
    const besideDist = createRequire(new URL('../dist/index.js', import.meta.url))
    const built = besideDist('./actions-http-client/index.cjs')
    expect(names(built)).toEqual(names(await import('@actions/http-client')))
    expect(typeof built.HttpClient).toBe('function')
  })
})
