import { describe, expect, it } from '@jest/globals'
import {
  canonicalRegistry,
  isSameImage,
  parseImageReference
} from '../../src/aliyun/image-reference.js'
import { deliveredImage } from '../../src/verdict/delivered-image.js'

const parsed = (value: string) => parseImageReference(value)!

describe('image references', () => {
  it('splits registry, repository and tag', () => {
    expect(
      parseImageReference('registry.cn-shanghai.aliyuncs.com/pai_product/tf:py36_cpu')
    ).toEqual({
      registry: 'registry.cn-shanghai.aliyuncs.com',
      repository: 'pai_product/tf',
      tag: 'py36_cpu'
    })
    expect(parseImageReference('localhost:5000/a/b')).toEqual({
      registry: 'localhost:5000',
      repository: 'a/b'
    })
  })

  it.each([
    '',
    'team/env:v1',
    'registry.example.com/team/env:v1\n::error::x',
    'registry.example.com/team/env:v1 --privileged',
    'registry.example.com/Team/env',
    'registry.example.com/team/env@sha256:abc',
    `registry.example.com/${'a'.repeat(250)}`
  ])('refuses %j', value => {
    expect(parseImageReference(value)).toBeUndefined()
  })

  it('takes the network names of one Container Registry for the same registry', () => {
    const publicName = 'registry.cn-hangzhou.aliyuncs.com'
    for (const name of [
      'registry-vpc.cn-hangzhou.aliyuncs.com',
      'registry-internal.cn-hangzhou.aliyuncs.com',
      'REGISTRY.cn-hangzhou.aliyuncs.com'
    ]) {
      expect(canonicalRegistry(name)).toBe(publicName)
    }
    expect(canonicalRegistry('registry-intl-vpc.ap-southeast-1.aliyuncs.com')).toBe(
      'registry.ap-southeast-1.aliyuncs.com'
    )
    expect(canonicalRegistry('team-registry-vpc.cn-hangzhou.cr.aliyuncs.com')).toBe(
      'team-registry.cn-hangzhou.cr.aliyuncs.com'
    )
    expect(canonicalRegistry('registry.cn-shanghai.aliyuncs.com')).not.toBe(publicName)
    expect(canonicalRegistry('evil.example')).toBe('evil.example')
  })

  it('takes only whole Container Registry host names for one, never a look-alike', () => {
    expect(canonicalRegistry('registry-intl.ap-southeast-1.aliyuncs.com')).toBe(
      'registry.ap-southeast-1.aliyuncs.com'
    )
    // A host that merely ends like a registry, or continues past one, is compared as it is.
    for (const host of [
      'myregistry.cn-hangzhou.aliyuncs.com',
      'registry.cn-hangzhou.aliyuncs.com.evil.example',
      'x.team-registry.cn-hangzhou.cr.aliyuncs.com',
      'team-registry.cn-hangzhou.cr.aliyuncs.com.evil.example'
    ]) {
      expect(canonicalRegistry(host)).toBe(host)
    }
    const asked = parsed('team-registry.cn-hangzhou.cr.aliyuncs.com/team/env:v1')
    const lookalike = parsed('team-registry.cn-hangzhou.cr.aliyuncs.com.evil.example/team/env:v1')
    expect(isSameImage(asked, lookalike)).toBe(false)
  })

  it('accepts a reference up to 255 characters, and no longer', () => {
    const of = (length: number) => `r.io/${'a'.repeat(length - 'r.io/'.length)}`
    expect(parseImageReference(of(255))?.repository).toHaveLength(250)
    expect(parseImageReference(of(256))).toBeUndefined()
  })

  it('compares repository and tag exactly', () => {
    const asked = parsed('registry.cn-hangzhou.aliyuncs.com/team/env:v1')
    expect(isSameImage(asked, parsed('registry-vpc.cn-hangzhou.aliyuncs.com/team/env:v1'))).toBe(
      true
    )
    expect(isSameImage(asked, parsed('registry.cn-hangzhou.aliyuncs.com/team/env:v2'))).toBe(false)
    expect(isSameImage(asked, parsed('registry.cn-hangzhou.aliyuncs.com/team/env'))).toBe(false)
    expect(isSameImage(asked, parsed('registry.cn-hangzhou.aliyuncs.com/team/env2:v1'))).toBe(false)
    expect(isSameImage(asked, parsed('registry.cn-hangzhou.aliyuncs.com:444/team/env:v1'))).toBe(
      false
    )
  })

  it('takes an explicit :443, the HTTPS default port, for the same registry, and no other port', () => {
    const asked = parsed('registry.cn-hangzhou.aliyuncs.com/team/env:v9')
    for (const same of [
      'registry.cn-hangzhou.aliyuncs.com:443/team/env:v9',
      'registry-vpc.cn-hangzhou.aliyuncs.com:443/team/env:v9',
      'REGISTRY.cn-hangzhou.aliyuncs.com:443/team/env:v9'
    ]) {
      expect(isSameImage(asked, parsed(same))).toBe(true)
      expect(isSameImage(parsed(same), asked)).toBe(true)
    }
    expect(canonicalRegistry('team-registry-vpc.cn-hangzhou.cr.aliyuncs.com:443')).toBe(
      'team-registry.cn-hangzhou.cr.aliyuncs.com'
    )
    for (const other of [
      'registry.cn-hangzhou.aliyuncs.com:80',
      'registry.cn-hangzhou.aliyuncs.com:4430',
      'registry.cn-hangzhou.aliyuncs.com:5000'
    ]) {
      expect(isSameImage(asked, parsed(`${other}/team/env:v9`))).toBe(false)
    }
    // Only a port: a host that merely contains 443 is compared as it is.
    expect(canonicalRegistry('registry443.example.com')).toBe('registry443.example.com')
  })
})

describe('deliveredImage', () => {
  const asked = 'registry.cn-hangzhou.aliyuncs.com/team/env:v1'

  it('hands on a well-formed image, and the one asked for as it was asked', () => {
    expect(deliveredImage(asked)).toEqual({ imageUrl: asked })
    for (const reported of [
      'registry-vpc.cn-hangzhou.aliyuncs.com/team/env:v1',
      'registry-internal.cn-hangzhou.aliyuncs.com/team/env:v1',
      'REGISTRY.cn-hangzhou.aliyuncs.com/team/env:v1'
    ]) {
      expect(deliveredImage(reported, asked)).toEqual({ imageUrl: asked })
    }
  })

  it('names what is wrong otherwise, the reported text escaped', () => {
    expect(deliveredImage(undefined)).toEqual({
      problem: 'the service reported no image URL for it'
    })
    const hostile = deliveredImage('x\n::error::y --privileged')
    expect('problem' in hostile && hostile.problem).toMatch(
      /^the service reported no usable image: ImageUrl 'x\\n::error::y --privileged' is not an image reference/
    )
    expect(deliveredImage('evil.example/attacker/backdoor:latest', asked)).toEqual({
      problem:
        'it reports image evil.example/attacker/backdoor:latest, not the image asked for ' +
        `(${asked})`
    })
  })
})
