// CreateInstanceSnapshot: validates the JSON body like the service, then adds a snapshot that
// follows the `createdSnapshots` timeline and is served like a configured one.
import { randomInt } from 'node:crypto'
import { apiError } from './api-errors.mjs'
import { isLabelList } from './instance-spec.mjs'
import { validateFields, validateListedAfterMs, validateTimeline } from './snapshot-timeline.mjs'
import { successEnvelope } from './success-envelope.mjs'

/** @type {import('./types.mjs').TimelineStep[]} */
const DEFAULT_TIMELINE = [
  { status: 'Committing', polls: 2 },
  { status: 'Pushing', polls: 2 },
  { status: 'Saved' }
]
// What the API documents for SnapshotName: it becomes the image's tag in the registry.
const SNAPSHOT_NAME = /^[a-z0-9-]+$/
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * The snapshots made so far, and how new ones behave.
 * @typedef {object} SnapshotCreation
 * @property {import('./types.mjs').CreatedSnapshotOptions} options validated
 * @property {import('./types.mjs').CreatedSnapshot[]} created in creation order
 */

/**
 * @param {import('./types.mjs').CreatedSnapshotOptions} options
 * @returns {SnapshotCreation}
 */
export function snapshotCreation(options) {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError('createdSnapshots must be an object')
  }
  if (options.timeline !== undefined) validateTimeline(options.timeline, 'createdSnapshots')
  for (const key of /** @type {const} */ (['reasonCode', 'reasonMessage', 'imageId'])) {
    if (options[key] !== undefined && typeof options[key] !== 'string') {
      throw new TypeError(`createdSnapshots.${key} must be a string`)
    }
  }
  validateFields(options.fields, 'createdSnapshots.fields')
  validateListedAfterMs(options.listedAfterMs, 'createdSnapshots.listedAfterMs')
  return { options, created: [] }
}

/**
 * @param {object} context
 * @param {import('./snapshot-store.mjs').SnapshotStore} context.store
 * @param {import('./routes.mjs').Route} context.route
 * @param {import('./received-request.mjs').ReceivedRequest} context.received
 * @param {SnapshotCreation} context.creation
 * @param {string} context.requestId
 * @param {boolean} context.countsAsPoll false when only a fault needs a body to mangle: then
 *   nothing is created
 * @returns {import('./types.mjs').ApiResult}
 */
export function createInstanceSnapshot(context) {
  const { store, route, received, creation, requestId } = context
  const parsed = parseBody(received)
  if ('error' in parsed) return parsed
  const { body, request } = parsed
  const instanceId = route.instanceId ?? ''
  const instance = store.instance(instanceId)
  if (!instance) {
    const message = `The instance '${instanceId}' does not exist.`
    return { error: apiError('InvalidInstance.NotFound', { message }) }
  }
  if (instance.status !== 'Running') {
    const message = `The instance '${instanceId}' is not running (status ${instance.status}).`
    return { error: apiError('ValidationError', { message }) }
  }
  const snapshotId = `snp-${randomText(16)}`
  if (context.countsAsPoll) {
    const { options } = creation
    store.add({
      instanceId,
      snapshotId,
      snapshotName: request.SnapshotName,
      imageUrl: request.ImageUrl,
      imageId: options.imageId ?? `image-${randomText(16)}`,
      labels: request.Labels ?? [],
      excludePaths: request.ExcludePaths ?? [],
      ...(request.SnapshotDescription === undefined
        ? {}
        : { snapshotDescription: request.SnapshotDescription }),
      ...(options.reasonCode === undefined ? {} : { reasonCode: options.reasonCode }),
      ...(options.reasonMessage === undefined ? {} : { reasonMessage: options.reasonMessage }),
      ...(options.fields === undefined ? {} : { fields: options.fields }),
      ...(options.listedAfterMs === undefined ? {} : { listedAfterMs: options.listedAfterMs }),
      timeline: options.timeline ?? DEFAULT_TIMELINE
    })
    creation.created.push({ snapshotId, instanceId, body })
  }
  return {
    body: { ...successEnvelope(requestId), InstanceId: instanceId, SnapshotId: snapshotId }
  }
}

/**
 * @typedef {object} CreateRequest
 * @property {string} ImageUrl
 * @property {string} SnapshotName
 * @property {string} [SnapshotDescription]
 * @property {import('./types.mjs').SnapshotLabel[]} [Labels]
 * @property {string[]} [ExcludePaths]
 * @property {boolean} [Overwrite]
 */

/**
 * The body as the service reads it: JSON, an object, the required keys present and every known
 * key of its type (a `null` counts as absent). Unknown keys are ignored.
 * @param {import('./received-request.mjs').ReceivedRequest} received
 * @returns {{ body: Record<string, unknown>, request: CreateRequest } | { error: import('./api-errors.mjs').ApiError }}
 */
function parseBody(received) {
  const text = received.body.toString('utf8')
  const contentType = received.headers.get('content-type')?.[0] ?? ''
  if (text !== '' && !/^application\/json\s*(;|$)/i.test(contentType)) {
    return invalid(`The body must be JSON (content-type application/json), got "${contentType}".`)
  }
  /** @type {unknown} */
  let body = {}
  if (text !== '') {
    try {
      body = JSON.parse(text)
    } catch {
      return invalid('The body is not valid JSON.')
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid('The body must be a JSON object.')
  }
  const object = /** @type {Record<string, unknown>} */ (body)
  const problem = bodyProblem(object)
  if (problem) return invalid(problem)
  return { body: object, request: /** @type {CreateRequest} */ (withoutNulls(object)) }
}

/** @param {Record<string, unknown>} body */
function bodyProblem(body) {
  for (const key of ['ImageUrl', 'SnapshotName']) {
    const value = body[key]
    if (value === undefined || value === null) return `The parameter "${key}" is required.`
    if (typeof value !== 'string') return `The parameter "${key}" must be a string.`
    if (value === '') return `The parameter "${key}" must not be empty.`
  }
  if (!SNAPSHOT_NAME.test(/** @type {string} */ (body.SnapshotName))) {
    return 'The parameter "SnapshotName" may hold only lowercase letters, digits and "-".'
  }
  const optional = /** @type {Array<[string, (value: unknown) => boolean, string]>} */ ([
    ['SnapshotDescription', value => typeof value === 'string', 'a string'],
    ['Labels', isLabelList, 'an array of {"Key": string, "Value": string} objects'],
    ['ExcludePaths', isStringList, 'an array of strings'],
    ['Overwrite', value => typeof value === 'boolean', 'a boolean']
  ])
  for (const [key, valid, what] of optional) {
    const value = body[key]
    if (value !== undefined && value !== null && !valid(value)) {
      return `The parameter "${key}" must be ${what}.`
    }
  }
  return undefined
}

/** @param {unknown} value */
function isStringList(value) {
  return Array.isArray(value) && value.every(item => typeof item === 'string')
}

/** @param {Record<string, unknown>} body */
function withoutNulls(body) {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null))
}

/** @param {string} message */
function invalid(message) {
  return { error: apiError('ValidationError', { message }) }
}

/** @param {number} length lowercase letters and digits */
function randomText(length) {
  return Array.from({ length }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('')
}
