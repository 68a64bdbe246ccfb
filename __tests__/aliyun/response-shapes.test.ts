import { describe, expect, it } from '@jest/globals'
import { ID_FORMAT } from '../../src/aliyun/ids.js'
import {
  MAX_ITEMS_IN_A_FIELD,
  ShapeError,
  createdSnapshotFromBody,
  instancePageFromBody,
  snapshotFromBody,
  snapshotPageFromBody
} from '../../src/aliyun/response-shapes.js'

const expected = { instanceId: 'dsw-1' }

function shapeError(run: () => unknown): ShapeError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ShapeError)
    return error as ShapeError
  }
  throw new Error('no ShapeError thrown')
}

describe('ShapeError messages', () => {
  it('names the error, the field, the expectation and null/undefined as such', () => {
    const e = shapeError(() => snapshotFromBody({ Status: 5 }, expected))
    expect(e.name).toBe('ShapeError')
    expect(e.field).toBe('Status')
    expect(e.message).toBe("field Status must be a string; got a number '5'")
    expect(shapeError(() => snapshotFromBody(null, expected)).message).toBe(
      'field body must be an object; got null'
    )
    expect(shapeError(() => snapshotFromBody(undefined, expected)).message).toBe(
      'field body must be an object; got undefined'
    )
  })

  it('previews at most five items of a list or object, and four levels deep', () => {
    expect(shapeError(() => snapshotFromBody({ Status: [1, 2, 3, 4, 5] }, expected)).message).toBe(
      "field Status must be a string; got an array '[1,2,3,4,5]'"
    )
    expect(
      shapeError(() => snapshotFromBody({ Status: [1, 2, 3, 4, 5, 6] }, expected)).message
    ).toBe("field Status must be a string; got an array '[1,2,3,4,5,…]'")
    expect(
      shapeError(() =>
        snapshotFromBody({ Status: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 } }, expected)
      ).message
    ).toBe('field Status must be a string; got an object \'{"a":1,"b":2,"c":3,"d":4,"e":5,…}\'')
    expect(
      shapeError(() => snapshotFromBody({ Status: [[[[{ a: 1 }, [1]]]]] }, expected)).message
    ).toBe("field Status must be a string; got an array '[[[[{…},[…]]]]]'")
  })
})

describe('snapshotFromBody', () => {
  it('refuses non-objects, naming the entry path without its trailing dot', () => {
    expect(shapeError(() => snapshotFromBody([], expected)).message).toBe(
      "field body must be an object; got an array '[]'"
    )
    expect(shapeError(() => snapshotFromBody('x', expected, 'Snapshots[2].')).field).toBe(
      'Snapshots[2]'
    )
    expect(shapeError(() => snapshotFromBody(1, expected, 'a.b.')).field).toBe('a.b')
  })

  it('keeps documented fields, treats null as absent, drops the rest', () => {
    expect(
      snapshotFromBody(
        {
          InstanceId: 'dsw-1',
          SnapshotId: 'snap-1',
          Status: 'Available',
          ImageId: null,
          Labels: [
            { Key: 'k', Value: 'v' },
            { Key: 'only' },
            { Value: 'only' },
            { Key: null, Other: 1 }
          ],
          ExcludePaths: ['/a'],
          Extra: { deep: 1 }
        },
        { instanceId: 'dsw-1', snapshotId: 'snap-1' }
      )
    ).toStrictEqual({
      InstanceId: 'dsw-1',
      SnapshotId: 'snap-1',
      Status: 'Available',
      Labels: [{ Key: 'k', Value: 'v' }, { Key: 'only' }, { Value: 'only' }, {}],
      ExcludePaths: ['/a']
    })
    expect(
      snapshotFromBody({ InstanceId: null, SnapshotId: null, Labels: null }, expected)
    ).toStrictEqual({})
  })

  it('bounds strings at their maximum length', () => {
    expect(snapshotFromBody({ Status: 'x'.repeat(128) }, expected)).toStrictEqual({
      Status: 'x'.repeat(128)
    })
    expect(
      shapeError(() => snapshotFromBody({ Status: 'x'.repeat(129) }, expected)).message
    ).toMatch(/^field Status must be at most 128 characters; got a string /)
  })

  it('checks labels: objects only, and their Value bounded under its own path', () => {
    expect(shapeError(() => snapshotFromBody({ Labels: ['x'] }, expected)).message).toBe(
      "field Labels[0] must be a {Key, Value} object; got a string 'x'"
    )
    expect(shapeError(() => snapshotFromBody({ Labels: [{ Value: 7 }] }, expected)).field).toBe(
      'Labels[0].Value'
    )
  })

  it('bounds list fields at MAX_ITEMS_IN_A_FIELD items', () => {
    const paths = Array.from({ length: MAX_ITEMS_IN_A_FIELD }, () => '/p')
    expect(snapshotFromBody({ ExcludePaths: paths }, expected).ExcludePaths).toHaveLength(
      MAX_ITEMS_IN_A_FIELD
    )
    const e = shapeError(() => snapshotFromBody({ ExcludePaths: [...paths, '/p'] }, expected))
    expect(e.field).toBe('ExcludePaths')
    expect(e.message).toContain(`a list of at most ${MAX_ITEMS_IN_A_FIELD} items`)
  })
})

describe('snapshotPageFromBody', () => {
  it('reads entries and a numeric-string TotalCount', () => {
    expect(
      snapshotPageFromBody(
        { Snapshots: [{ SnapshotId: 's1', InstanceId: 'dsw-1' }], TotalCount: '12' },
        'dsw-1',
        1
      )
    ).toStrictEqual({ snapshots: [{ SnapshotId: 's1', InstanceId: 'dsw-1' }], totalCount: 12 })
    expect(snapshotPageFromBody({ TotalCount: 0 }, 'dsw-1', 1)).toStrictEqual({
      snapshots: [],
      totalCount: 0
    })
    expect(snapshotPageFromBody({}, 'dsw-1', 1)).toStrictEqual({
      snapshots: [],
      totalCount: undefined
    })
  })

  it('refuses a TotalCount that is not a whole number', () => {
    // Digits only: Number() alone would take ' 12', '+12', '1e3' and '0x1F' for whole numbers.
    for (const bad of [-1, 1.5, 'x12', '12x', '-1', true, ' 12', '12 ', '+12', '1e3', '0x1F']) {
      expect(shapeError(() => snapshotPageFromBody({ TotalCount: bad }, 'dsw-1', 1)).field).toBe(
        'TotalCount'
      )
    }
  })

  it('requires each entry to carry a SnapshotId of the instance, naming its path', () => {
    const e = shapeError(() =>
      snapshotPageFromBody({ Snapshots: [{ SnapshotId: 's1' }, {}] }, 'dsw-1', 2)
    )
    expect(e.message).toBe(`field Snapshots[1].SnapshotId must be ${ID_FORMAT}; got undefined`)
    expect(
      shapeError(() =>
        snapshotPageFromBody({ Snapshots: [{ SnapshotId: 's1', InstanceId: 'dsw-2' }] }, 'dsw-1', 1)
      ).field
    ).toBe('Snapshots[0].InstanceId')
  })

  it('refuses a non-list and a page longer than PageSize', () => {
    expect(shapeError(() => snapshotPageFromBody({ Snapshots: 'x' }, 'dsw-1', 1)).message).toBe(
      "field Snapshots must be a list; got a string 'x'"
    )
    const e = shapeError(() =>
      snapshotPageFromBody({ Snapshots: [{ SnapshotId: 'a' }, { SnapshotId: 'b' }] }, 'dsw-1', 1)
    )
    expect(e.message).toMatch(
      /^field Snapshots must be a list of at most 1 entries \(the PageSize asked for\)/
    )
  })
})

describe('instancePageFromBody', () => {
  it('reads instances with their documented fields', () => {
    expect(
      instancePageFromBody(
        {
          Instances: [
            { InstanceId: 'dsw-1', Status: 'Running', Labels: [{ Key: 'k' }], Other: 1 },
            { InstanceId: 'dsw-2', Labels: null }
          ],
          TotalCount: 2
        },
        2
      )
    ).toStrictEqual({
      instances: [
        { InstanceId: 'dsw-1', Status: 'Running', Labels: [{ Key: 'k' }] },
        { InstanceId: 'dsw-2' }
      ],
      totalCount: 2
    })
  })

  it('names the path of a bad entry', () => {
    expect(shapeError(() => instancePageFromBody({ Instances: [1] }, 1)).message).toBe(
      "field Instances[0] must be an object; got a number '1'"
    )
    expect(shapeError(() => instancePageFromBody({ Instances: [{}] }, 1)).field).toBe(
      'Instances[0].InstanceId'
    )
    expect(
      shapeError(() => instancePageFromBody({ Instances: [{ InstanceId: 'i', Status: 1 }] }, 1))
        .field
    ).toBe('Instances[0].Status')
    expect(
      shapeError(() => instancePageFromBody({ Instances: [{ InstanceId: 'i', Labels: [1] }] }, 1))
        .field
    ).toBe('Instances[0].Labels[0]')
  })
})

describe('createdSnapshotFromBody', () => {
  it('returns the new ID, of the instance asked for', () => {
    expect(createdSnapshotFromBody({ SnapshotId: 's1', InstanceId: 'dsw-1' }, 'dsw-1')).toBe('s1')
    expect(shapeError(() => createdSnapshotFromBody({ SnapshotId: null }, 'dsw-1')).message).toBe(
      `field SnapshotId must be ${ID_FORMAT}; got null`
    )
  })
})
