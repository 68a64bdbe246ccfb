import { describe, expect, it } from '@jest/globals'
import { inputErrorOf, parseGiven } from '../helpers/parse-inputs.js'

const base: Record<string, string> = {
  'instance-id': 'dsw-1',
  'snapshot-id': 'latest',
  region: 'cn-hangzhou',
  'access-key-id': 'AKID',
  'access-key-secret': 'the-secret'
}
const parse = (inputs: Record<string, string>) => parseGiven(inputs)
const errorOf = (inputs: Record<string, string>) => inputErrorOf(inputs)

describe('instance-id', () => {
  it('takes several IDs (commas or newlines, duplicates once) or all with its filters', () => {
    expect(parse({ ...base, 'instance-id': 'dsw-1, dsw-2\ndsw-1' }).instances).toEqual({
      kind: 'ids',
      ids: ['dsw-1', 'dsw-2']
    })
    expect(
      parse({
        ...base,
        'instance-id': 'all',
        'workspace-id': '12345',
        'instance-name-prefix': 'train-',
        'instance-labels': 'team=ml'
      }).instances
    ).toEqual({
      kind: 'all',
      filter: { workspaceId: '12345', namePrefix: 'train-', labels: { team: 'ml' } }
    })
    expect(parse({ ...base, 'instance-id': 'ALL', 'workspace-id': 'all' }).instances).toEqual({
      kind: 'all',
      filter: { workspaceId: 'ALL', namePrefix: undefined, labels: {} }
    })
  })

  it.each([
    [
      { 'instance-id': 'dsw-1, dsw-2', 'snapshot-id': 'snp-1' },
      "Input 'snapshot-id' must be 'latest' or 'all' when instance-id names several instances"
    ],
    [
      { 'instance-id': 'all', 'snapshot-id': 'new', 'image-url': 'registry.example.com/a/b' },
      "Input 'snapshot-id' must be 'latest' or 'all'"
    ],
    [{ 'instance-id': 'all, dsw-1' }, "Input 'instance-id' must be 'all' alone"],
    [
      { 'instance-id': Array.from({ length: 101 }, (_, i) => `dsw-${i}`).join(',') },
      'lists 101 IDs; at most 100'
    ],
    [{ 'instance-id': 'dsw-1, ../x' }, "Input 'instance-id' must be a plain ID"],
    [{ 'workspace-id': '12345' }, "Input 'workspace-id' applies only to instance-id: all"],
    [
      { 'instance-name-prefix': 'train-' },
      "Input 'instance-name-prefix' applies only to instance-id: all"
    ],
    [{ 'instance-labels': 'team=ml' }, "Input 'instance-labels' applies only to instance-id: all"],
    [
      { 'instance-id': 'all', 'workspace-id': 'ws/../x' },
      "Input 'workspace-id' must be a plain ID"
    ],
    [
      { 'instance-id': 'all', 'instance-labels': 'team' },
      "Input 'instance-labels' must be key=value pairs"
    ]
  ])('refuses %p', (override, message) => {
    expect(errorOf({ ...base, ...override })).toContain(message)
  })

  it('takes up to 100 IDs, and past that says what to use instead', () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => `dsw-${i}`)
    expect(parse({ ...base, 'instance-id': ids(100).join(',') }).instances).toEqual({
      kind: 'ids',
      ids: ids(100)
    })
    expect(errorOf({ ...base, 'instance-id': ids(101).join(',') })).toBe(
      "Input 'instance-id' lists 101 IDs; at most 100 are accepted (use 'all' with " +
        'workspace-id and the filters, or a matrix of jobs)'
    )
  })

  it('says in full why a prefix or a snapshot ID is refused', () => {
    expect(errorOf({ ...base, 'instance-id': 'all', 'instance-name-prefix': 'a\tb' })).toBe(
      "Input 'instance-name-prefix' must be the start of an instance name: at most 128 " +
        "characters, no control characters; got 'a\\tb'"
    )
    expect(errorOf({ ...base, 'instance-id': 'dsw-1, dsw-2', 'snapshot-id': 'snp-1' })).toBe(
      "Input 'snapshot-id' must be 'latest' or 'all' when instance-id names several instances " +
        "(or 'all'): snapshot IDs and new belong to one instance"
    )
  })
})
