import type { Env, InputReader } from '../credentials/source.js'
import { InputError, got } from '../errors.js'
import { ATTEMPT_LABEL, type NewSnapshot } from '../check/create.js'
import { IMAGE_FORMAT, parseImageReference } from '../aliyun/image-reference.js'
import { CONTROL, listItems, parseBoolean } from './input-parsers.js'

/** Inputs that mean something only with `snapshot-id: new`. */
export const NEW_ONLY_INPUTS = [
  'image-url',
  'snapshot-name',
  'snapshot-description',
  'exclude-paths',
  'overwrite-image'
] as const

/**
 * The API: a snapshot name may hold only lowercase letters, digits and `-`; it becomes the image's
 * display name and, when image-url has no tag, its tag (which must not start with `-`).
 */
const SNAPSHOT_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/
const MAX_NAME = 64
const MAX_DESCRIPTION = 1024
const MAX_EXCLUDE_PATHS = 100
const MAX_PATH = 1024

/** Reads what `snapshot-id: new` creates; `read` returns '' for an input not given. */
export function readNewSnapshot(
  read: InputReader,
  env: Env,
  labels: Record<string, string>,
  now: number
): NewSnapshot {
  const given = read('snapshot-name')
  const snapshotName = given
    ? parseSnapshotName('snapshot-name', given)
    : defaultSnapshotName(env, now)
  const image = read('image-url')
  if (!image) {
    throw new InputError(
      'image-url',
      `is required with snapshot-id: new; it must be ${IMAGE_FORMAT}`
    )
  }
  if (ATTEMPT_LABEL in labels) {
    throw new InputError(
      'snapshot-labels',
      `must not set ${ATTEMPT_LABEL}: the action labels each create attempt with it`
    )
  }
  return {
    imageUrl: parseImageUrl('image-url', image, snapshotName),
    snapshotName,
    description: parseDescription(read('snapshot-description')) || defaultDescription(env),
    labels,
    excludePaths: parseExcludePaths('exclude-paths', read('exclude-paths')),
    overwrite: read('overwrite-image')
      ? parseBoolean('overwrite-image', read('overwrite-image'))
      : false
  }
}

/** Any new-only input given without `snapshot-id: new` is a mistake worth naming. */
export function refuseNewOnlyInputs(read: InputReader): void {
  const given = NEW_ONLY_INPUTS.find(name => read(name))
  if (given) {
    throw new InputError(
      given,
      "is used only with snapshot-id: new (which creates the snapshot); remove it, or set snapshot-id to 'new'"
    )
  }
}

export function parseSnapshotName(input: string, value: string): string {
  if (!SNAPSHOT_NAME.test(value)) {
    throw new InputError(
      input,
      `must be 1 to ${MAX_NAME} lowercase letters, digits and -, starting with a letter or digit ` +
        `(it becomes the image's name and tag); ${got(value)}`
    )
  }
  return value
}

/** The image to push, with the snapshot name as its tag when it has none. */
export function parseImageUrl(input: string, value: string, snapshotName: string): string {
  const image = parseImageReference(value)
  const tagged = image?.tag ? value : `${value}:${snapshotName}`
  // The tag added must still leave a reference of the accepted shape and length.
  if (!image || !parseImageReference(tagged)) {
    throw new InputError(input, `must be ${IMAGE_FORMAT}; ${got(value)}`)
  }
  return tagged
}

/**
 * `deploy-4242-1`: the repository's name, the run ID and the attempt, so a re-run never collides
 * with the first attempt. Valid by construction: lower-cased, other characters become `-`, and
 * the repository's part is shortened (never the run's) to fit 64 characters.
 */
export function defaultSnapshotName(env: Env, now: number): string {
  const clean = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
  const suffix = env.GITHUB_RUN_ID
    ? clean(`${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT || '1'}`)
    : now.toString(36)
  const room = MAX_NAME - suffix.length - 1
  const repository = clean(env.GITHUB_REPOSITORY?.split('/').pop() ?? '')
    .slice(0, room)
    .replace(/-+$/, '')
  return `${repository || 'snapshot'}-${suffix}`.slice(0, MAX_NAME)
}

function defaultDescription(env: Env): string {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID)
    return 'Created by the wait-for-pai-dsw-snapshot action'
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  return (
    `Created by ${env.GITHUB_WORKFLOW ? `workflow ${env.GITHUB_WORKFLOW} of ` : ''}` +
    `${env.GITHUB_REPOSITORY}, run ${env.GITHUB_RUN_ID} attempt ${env.GITHUB_RUN_ATTEMPT || '1'}: ` +
    `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
  ).slice(0, MAX_DESCRIPTION)
}

function parseDescription(value: string): string {
  if (value.length > MAX_DESCRIPTION || /[^\P{Cc}\n\t]/u.test(value)) {
    throw new InputError(
      'snapshot-description',
      `must be at most ${MAX_DESCRIPTION} characters, without control characters; ${got(value)}`
    )
  }
  return value
}

/** `/mnt/data, /tmp` (commas or newlines): absolute paths left out of the image. */
export function parseExcludePaths(input: string, value: string): string[] {
  const paths = listItems(value)
  if (paths.length > MAX_EXCLUDE_PATHS) {
    throw new InputError(
      input,
      `lists ${paths.length} paths; at most ${MAX_EXCLUDE_PATHS} are accepted`
    )
  }
  for (const path of paths) {
    if (!path.startsWith('/') || path.length > MAX_PATH || CONTROL.test(path)) {
      throw new InputError(
        input,
        `must be absolute paths (such as /mnt/data) separated by commas or newlines, each at most ${MAX_PATH} characters; ${got(path)}`
      )
    }
  }
  return [...new Set(paths)]
}
