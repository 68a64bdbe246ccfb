import { describe, expect, it } from '@jest/globals'
import { NOW, inputErrorOf, parseGiven } from '../helpers/parse-inputs.js'
import { defaultSnapshotName } from '../../src/action/new-snapshot-inputs.js'

const base: Record<string, string> = {
  'instance-id': 'dsw-730xxxxxxxxxx',
  'snapshot-id': 'new',
  'image-url': 'registry.cn-hangzhou.aliyuncs.com/team/env:v8',
  region: 'cn-hangzhou',
  'access-key-id': 'AKID',
  'access-key-secret': 'the-secret'
}
const RUN = {
  GITHUB_REPOSITORY: 'Octo-Org/Deploy_Service',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_WORKFLOW: 'release'
}

const parse = (inputs: Record<string, string>) => parseGiven(inputs, RUN)
const errorOf = (inputs: Record<string, string>) => inputErrorOf(inputs, RUN)

describe('snapshot-id: new', () => {
  it('reads what to create, with the defaults a re-run cannot collide with', () => {
    expect(parse({ ...base, 'snapshot-labels': 'team=ml, env=prod' }).snapshots).toEqual({
      kind: 'new',
      snapshot: {
        imageUrl: 'registry.cn-hangzhou.aliyuncs.com/team/env:v8',
        snapshotName: 'deploy-service-4242-2',
        description:
          'Created by workflow release of Octo-Org/Deploy_Service, run 4242 attempt 2: ' +
          'https://github.com/Octo-Org/Deploy_Service/actions/runs/4242',
        labels: { team: 'ml', env: 'prod' },
        excludePaths: [],
        overwrite: false
      }
    })
  })

  it('tags an untagged image with the snapshot name, and takes every optional input', () => {
    const snapshot = parse({
      ...base,
      'image-url': 'registry.example.com:5000/team/env',
      'snapshot-name': 'nightly-7',
      'snapshot-description': 'before the upgrade',
      'exclude-paths': '/mnt/data,\n/tmp, /mnt/data',
      'overwrite-image': 'true'
    }).snapshots
    expect(snapshot).toMatchObject({
      kind: 'new',
      snapshot: {
        imageUrl: 'registry.example.com:5000/team/env:nightly-7',
        snapshotName: 'nightly-7',
        description: 'before the upgrade',
        excludePaths: ['/mnt/data', '/tmp'],
        overwrite: true
      }
    })
  })

  it('derives a name that differs between attempts and fits 64 characters', () => {
    const first = defaultSnapshotName({ ...RUN, GITHUB_RUN_ATTEMPT: '1' }, NOW)
    const second = defaultSnapshotName(RUN, NOW)
    expect(first).toBe('deploy-service-4242-1')
    expect(second).not.toBe(first)
    const long = defaultSnapshotName(
      { ...RUN, GITHUB_REPOSITORY: `o/${'Long_Name.'.repeat(20)}` },
      NOW
    )
    expect(long).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/)
    expect(long).toMatch(/-4242-2$/)
  })
  it('names a snapshot made outside a workflow run after the step clock, not the wall clock', () => {
    expect(defaultSnapshotName({}, NOW)).toBe(`snapshot-${NOW.toString(36)}`)
    expect(defaultSnapshotName({}, NOW + 1000)).toBe(`snapshot-${(NOW + 1000).toString(36)}`)
  })

  it.each([
    [{ 'image-url': '' }, "Input 'image-url' is required with snapshot-id: new"],
    [
      { 'image-url': 'team/env:v8' },
      "Input 'image-url' must be an image reference with its registry"
    ],
    [
      { 'image-url': 'registry.example.com/Team/env' },
      "Input 'image-url' must be an image reference"
    ],
    [{ 'image-url': 'registry.example.com/team/env@sha256:abc' }, 'no digest'],
    [
      { 'image-url': 'registry.example.com/team/env:v8\n::set-output' },
      "got 'registry.example.com/team/env:v8\\n::set-output'"
    ],
    [
      { 'snapshot-name': 'Nightly_7' },
      "Input 'snapshot-name' must be 1 to 64 lowercase letters, digits and -"
    ],
    [{ 'snapshot-name': 'n'.repeat(65) }, "Input 'snapshot-name' must be 1 to 64"],
    [{ 'snapshot-name': '-x' }, 'starting with a letter or digit'],
    [{ 'exclude-paths': 'relative/path' }, "Input 'exclude-paths' must be absolute paths"],
    [{ 'overwrite-image': 'yes' }, "Input 'overwrite-image' must be true or false"],
    [{ 'snapshot-description': 'a\u0007b' }, "Input 'snapshot-description' must be at most 1024"],
    [{ 'snapshot-name-prefix': 'nightly' }, "Input 'snapshot-name-prefix' filters only"],
    [{ 'snapshot-id': 'new, snp-1' }, "Input 'snapshot-id' must be 'new' alone"]
  ])('refuses %p before any request', (override, message) => {
    expect(errorOf({ ...base, ...override })).toContain(message)
  })

  it.each([
    'image-url',
    'snapshot-name',
    'snapshot-description',
    'exclude-paths',
    'overwrite-image'
  ])('refuses %s without snapshot-id: new', name => {
    const value = name === 'overwrite-image' ? 'false' : name === 'exclude-paths' ? '/tmp' : 'x'
    const { 'image-url': _image, ...withoutNew } = base
    expect(errorOf({ ...withoutNew, 'snapshot-id': 'snp-1', [name]: value })).toBe(
      `Input '${name}' is used only with snapshot-id: new (which creates the snapshot); remove it, or set snapshot-id to 'new'`
    )
  })
})

/** What `snapshot-id: new` would create with these inputs, in this runner environment. */
function created(inputs: Record<string, string>, env: Record<string, string> = RUN) {
  const { snapshots } = parseGiven({ ...base, ...inputs }, env)
  if (snapshots.kind !== 'new') throw new Error(`expected a new snapshot, got ${snapshots.kind}`)
  return snapshots.snapshot
}

describe('the default snapshot name', () => {
  it('turns each run of other characters into one -, with none at either end', () => {
    const env = { ...RUN, GITHUB_REPOSITORY: 'octo/__My__Repo..' }
    expect(defaultSnapshotName(env, NOW)).toBe('my-repo-4242-2')
  })

  it('counts a run without GITHUB_RUN_ATTEMPT as its first attempt', () => {
    const { GITHUB_RUN_ATTEMPT: _attempt, ...firstRun } = RUN
    expect(defaultSnapshotName(firstRun, NOW)).toBe('deploy-service-4242-1')
  })

  it('drops the - left where the repository is cut to fit', () => {
    // 56 letters, then `-b`: the cut to the 57 characters left beside `-4242-2` ends on the `-`.
    const env = { ...RUN, GITHUB_REPOSITORY: `o/${'a'.repeat(56)}_b` }
    expect(defaultSnapshotName(env, NOW)).toBe(`${'a'.repeat(56)}-4242-2`)
  })

  it('stays a valid name of at most 64 characters whatever the run ID', () => {
    const name = defaultSnapshotName({ ...RUN, GITHUB_RUN_ID: '9'.repeat(70) }, NOW)
    expect(name).toHaveLength(64)
    expect(name).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/)
  })
})

describe('the default snapshot description', () => {
  it('links the run, on the runner’s server, naming the workflow when there is one', () => {
    const { GITHUB_WORKFLOW: _w, GITHUB_SERVER_URL: _s, GITHUB_RUN_ATTEMPT: _a, ...bare } = RUN
    expect(created({}, bare).description).toBe(
      'Created by Octo-Org/Deploy_Service, run 4242 attempt 1: ' +
        'https://github.com/Octo-Org/Deploy_Service/actions/runs/4242'
    )
    const enterprise = { ...RUN, GITHUB_SERVER_URL: 'https://ghe.example.com' }
    expect(created({}, enterprise).description).toBe(
      'Created by workflow release of Octo-Org/Deploy_Service, run 4242 attempt 2: ' +
        'https://ghe.example.com/Octo-Org/Deploy_Service/actions/runs/4242'
    )
  })

  it('names only the action outside a workflow run', () => {
    const { GITHUB_REPOSITORY: _repository, ...noRepository } = RUN
    const { GITHUB_RUN_ID: _run, ...noRun } = RUN
    for (const env of [{}, noRepository, noRun]) {
      expect(created({}, env).description).toBe('Created by the wait-for-pai-dsw-snapshot action')
    }
  })

  it('is cut to the 1024 characters a description may hold', () => {
    const description = created({}, { ...RUN, GITHUB_WORKFLOW: 'w'.repeat(1100) }).description
    expect(description).toBe(`Created by workflow ${'w'.repeat(1004)}`)
  })
})

describe('the limits of what snapshot-id: new creates', () => {
  it('refuses the label the action marks its create attempts with', () => {
    expect(errorOf({ ...base, 'snapshot-labels': 'wait-for-pai-dsw-snapshot.attempt=x' })).toBe(
      "Input 'snapshot-labels' must not set wait-for-pai-dsw-snapshot.attempt: the action " +
        'labels each create attempt with it'
    )
  })

  it('refuses an untagged image-url that the snapshot name as tag makes too long', () => {
    // 247 characters untagged: `:nightly` makes the 255 an image reference may have, and
    // `:nightly-7` two more.
    const image = `registry.example.com/team/${'e'.repeat(221)}`
    expect(image).toHaveLength(247)
    expect(created({ 'image-url': image, 'snapshot-name': 'nightly' }).imageUrl).toBe(
      `${image}:nightly`
    )
    expect(errorOf({ ...base, 'image-url': image, 'snapshot-name': 'nightly-7' })).toContain(
      "Input 'image-url' must be an image reference with its registry"
    )
  })

  it('takes a description of up to 1024 characters, and no longer', () => {
    const longest = 'd'.repeat(1024)
    expect(created({ 'snapshot-description': longest }).description).toBe(longest)
    expect(errorOf({ ...base, 'snapshot-description': `${longest}d` })).toBe(
      "Input 'snapshot-description' must be at most 1024 characters, without control " +
        `characters; got '${'d'.repeat(80)}… (945 more characters cut)'`
    )
  })

  it('takes up to 100 exclude-paths of up to 1024 characters each, and no more', () => {
    const paths = (count: number) => Array.from({ length: count }, (_, i) => `/p${i}`)
    expect(created({ 'exclude-paths': paths(100).join(',') }).excludePaths).toEqual(paths(100))
    expect(errorOf({ ...base, 'exclude-paths': paths(101).join(',') })).toBe(
      "Input 'exclude-paths' lists 101 paths; at most 100 are accepted"
    )
    const longest = `/${'p'.repeat(1023)}`
    expect(created({ 'exclude-paths': longest }).excludePaths).toEqual([longest])
    expect(errorOf({ ...base, 'exclude-paths': `${longest}p` })).toBe(
      "Input 'exclude-paths' must be absolute paths (such as /mnt/data) separated by commas or " +
        `newlines, each at most 1024 characters; got '/${'p'.repeat(79)}… (945 more characters cut)'`
    )
  })
})
