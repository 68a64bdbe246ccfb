// Instance descriptions from the emulator's options, checked the way snapshot specs are: a bad
// scenario fails at start-up with a TypeError naming the problem.
import { validateFields } from './snapshot-timeline.mjs'

export const DEFAULT_WORKSPACE_ID = 'ws-default'
const PAYMENT_TYPES = ['PayAsYouGo', 'Subscription']

/**
 * An instance ID alone, or a description of one.
 * @param {unknown} entry
 * @returns {import('./types.mjs').InstanceSpec}
 */
export function instanceSpecOf(entry) {
  if (typeof entry === 'string') return validateInstanceSpec({ instanceId: entry })
  return validateInstanceSpec(/** @type {import('./types.mjs').InstanceSpec} */ (entry))
}

/**
 * @param {import('./types.mjs').InstanceSpec} spec
 * @returns {import('./types.mjs').InstanceSpec}
 */
function validateInstanceSpec(spec) {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new TypeError(`an instance must be an ID or an object, got ${JSON.stringify(spec)}`)
  }
  if (typeof spec.instanceId !== 'string' || spec.instanceId === '') {
    throw new TypeError('instance spec: instanceId must be a non-empty string')
  }
  const where = `instance ${spec.instanceId}`
  for (const key of /** @type {const} */ (['workspaceId', 'status'])) {
    if (spec[key] !== undefined && (typeof spec[key] !== 'string' || spec[key] === '')) {
      throw new TypeError(`${where}: ${key} must be a non-empty string`)
    }
  }
  for (const key of /** @type {const} */ (['instanceName', 'workspaceName'])) {
    if (spec[key] !== undefined && typeof spec[key] !== 'string') {
      throw new TypeError(`${where}: ${key} must be a string`)
    }
  }
  if (spec.paymentType !== undefined && !PAYMENT_TYPES.includes(spec.paymentType)) {
    throw new TypeError(`${where}: paymentType must be one of ${PAYMENT_TYPES.join(', ')}`)
  }
  if (spec.gmtCreateTime !== undefined && Number.isNaN(Date.parse(spec.gmtCreateTime))) {
    throw new TypeError(`${where}: gmtCreateTime is not a date`)
  }
  if (spec.labels !== undefined && !isLabelList(spec.labels)) {
    throw new TypeError(`${where}: labels must be an array of { Key, Value } strings`)
  }
  validateFields(spec.fields, `${where}: fields`)
  return spec
}

/**
 * A list of `{Key, Value}` with string keys and values.
 * @param {unknown} labels
 */
export function isLabelList(labels) {
  return (
    Array.isArray(labels) &&
    labels.every(
      label =>
        typeof label === 'object' &&
        label !== null &&
        typeof label.Key === 'string' &&
        typeof label.Value === 'string'
    )
  )
}
