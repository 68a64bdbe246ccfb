// The fields of a profile (aliyun CLI config or credentials file), read as text and checked as
// strictly as the same values from the environment (issue 29, item 2).
import { describe, expect, it } from '@jest/globals'
import type { Endpoint } from '../../src/aliyun/endpoint.js'
import {
  type ProfileFields,
  ecsRoleOf,
  roleOf,
  textOf
} from '../../src/credentials/profile-fields.js'
import { CredentialsError } from '../../src/errors.js'

const WHERE = "Profile 'ci' of the aliyun CLI config /home/runner/.aliyun/config.json"
const ROLE = 'acs:ram::123456789012:role/ci-deploy'
const INPUT_STS: Endpoint = {
  protocol: 'https',
  host: 'sts.aliyuncs.com',
  origin: 'https://sts.aliyuncs.com'
}
const DEFAULTS = { roleSessionName: 'from-inputs', durationSeconds: 3600, stsEndpoint: INPUT_STS }
/** The field names of a RamRoleArn profile of the aliyun CLI. */
const RAM_ROLE = { arn: 'ram_role_arn', session: 'ram_session_name', seconds: ['expired_seconds'] }
const STS = { endpoint: 'sts_endpoint', region: 'sts_region', vpc: 'enable_vpc' }

/** A profile as a parsed file gives it. */
function profile(fields: Record<string, unknown>, env: Record<string, string> = {}): ProfileFields {
  return { where: WHERE, field: key => textOf(fields[key]), env, defaults: DEFAULTS }
}
const role = (fields: Record<string, unknown>, env: Record<string, string> = {}) =>
  roleOf(profile({ ram_role_arn: ROLE, ...fields }, env), RAM_ROLE, STS)

function messageOf(read: () => unknown): string {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(CredentialsError)
    return (error as Error).message
  }
  throw new Error('expected the profile to be refused')
}
/** The message's first characters, as long as `prefix`: what a test expects it to start with. */
const startOf = (message: string, prefix: string) => message.slice(0, prefix.length)

describe('textOf', () => {
  it('reads strings trimmed, and finite numbers and booleans as text', () => {
    expect(textOf('  acs:ram::1:role/x \n')).toBe('acs:ram::1:role/x')
    expect(textOf(3600)).toBe('3600')
    expect(textOf(true)).toBe('true')
    expect(textOf(false)).toBe('false')
  })

  it('takes every other value as absent, numbers JSON reads as Infinity too', () => {
    expect(textOf(JSON.parse('1e999'))).toBe('')
    expect(textOf(-Infinity)).toBe('')
    expect(textOf(NaN)).toBe('')
    for (const value of [null, undefined, {}, ['x'], 10n]) expect(textOf(value)).toBe('')
  })
})

describe('ecsRoleOf', () => {
  it('refuses when the environment turns the metadata service off, saying what to do', () => {
    const message = messageOf(() =>
      ecsRoleOf(
        profile({ ram_role_name: 'r' }, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' }),
        'ram_role_name'
      )
    )
    expect(message).toBe(
      `${WHERE} reads the ECS RAM role, but ALIBABA_CLOUD_ECS_METADATA_DISABLED is true: ` +
        'pick another profile, or let the action ask the metadata service'
    )
  })
})

describe('roleOf', () => {
  it('takes expired_seconds of 0 or absent as the role inputs’ duration', () => {
    expect(role({ expired_seconds: 0 }).durationSeconds).toBe(3600)
    expect(role({ expired_seconds: '0' }).durationSeconds).toBe(3600)
    expect(role({}).durationSeconds).toBe(3600)
    expect(role({ expired_seconds: 1800 }).durationSeconds).toBe(1800)
  })

  it('names the profile once in its own errors, and speaks of fields, not inputs', () => {
    const arn = `${WHERE} has a ram_role_arn that is not a RAM role ARN such as`
    expect(
      startOf(
        messageOf(() => role({ ram_role_arn: 'acs:ram::1:role/../x' })),
        arn
      )
    ).toBe(arn)
    expect(messageOf(() => role({ expired_seconds: 60 }))).toBe(
      `${WHERE}: field expired_seconds must be a whole number of seconds from 900 to 43200 ` +
        "(and at most the role's maximum session duration); got '60'"
    )
  })

  it('sends STS to the VPC endpoint of the region the environment names, trimmed', () => {
    const env = { ALIBABA_CLOUD_STS_REGION: ' cn-beijing \n' }
    expect(role({ enable_vpc: true }, env).stsEndpoint).toEqual({
      protocol: 'https',
      host: 'sts-vpc.cn-beijing.aliyuncs.com',
      origin: 'https://sts-vpc.cn-beijing.aliyuncs.com'
    })
    expect(role({ sts_region: 'cn-shanghai' }).stsEndpoint).toEqual({
      protocol: 'https',
      host: 'sts.cn-shanghai.aliyuncs.com',
      origin: 'https://sts.cn-shanghai.aliyuncs.com'
    })
  })

  it('names the variable or the field whose region is not one', () => {
    const env = { ALIBABA_CLOUD_STS_REGION: 'cn-beijing.evil.test/' }
    const variable = messageOf(() => role({ enable_vpc: 'true' }, env))
    expect(startOf(variable, WHERE)).toBe(WHERE)
    expect(variable).toContain('ALIBABA_CLOUD_STS_REGION must be a region ID')
    const field = `${WHERE}: field sts_region must be a region ID`
    expect(
      startOf(
        messageOf(() => role({ sts_region: 'cn-beijing.evil.test/' })),
        field
      )
    ).toBe(field)
  })
})
