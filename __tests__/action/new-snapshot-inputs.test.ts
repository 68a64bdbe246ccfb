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
