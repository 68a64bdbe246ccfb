/**
 * Container image references as PAI-DSW pushes them: `registry.example.com[:port]/namespace/
 * repository[:tag]`. The same grammar checks the `image-url` input and every image URL the service
 * reports, so an `image-url` output is only ever a reference of this shape: no spaces, no line
 * breaks, no `::`, nothing a later step's shell or a workflow command could read as more.
 */
export interface ImageReference {
  /** `host[:port]` as written. */
  registry: string
  /** `namespace/repository`, without the registry and the tag. */
  repository: string
  tag?: string
}

/** The longest reference accepted (Docker's own limit for a name with its tag is about this). */
export const MAX_IMAGE_REFERENCE = 255

const REGISTRY = String.raw`(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+)(?::\d{1,5})?`
const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`
const IMAGE_REFERENCE = new RegExp(
  String.raw`^(${REGISTRY})/(${COMPONENT}(?:/${COMPONENT})*)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?$`
)

export const IMAGE_FORMAT =
  'an image reference with its registry, such as registry.cn-hangzhou.aliyuncs.com/team/env:v8 ' +
  '(the tag is optional; no digest)'

/** The parts of `value`, or undefined when it is not an image reference of the accepted shape. */
export function parseImageReference(value: string): ImageReference | undefined {
  const match = value.length <= MAX_IMAGE_REFERENCE ? IMAGE_REFERENCE.exec(value) : null
  if (!match) return undefined
  const [, registry, repository, tag] = match
  return { registry: registry!, repository: repository!, ...(tag ? { tag } : {}) }
}

/**
 * Container Registry answers on several network names for one registry — public, VPC, internal,
 * international (`registry-vpc.cn-hangzhou.aliyuncs.com`, `team-registry-vpc.cn-hangzhou.cr.
 * aliyuncs.com`) — and the service may report the image under another of them than the one asked
 * for. Each is reduced to its public name; any other host is compared as it is (case aside).
 *
 * An explicit `:443` is dropped: registries are reached over HTTPS, whose default port it is, so
 * `host:443/team/env` and `host/team/env` name the same endpoint and the same pushed image (Docker
 * keys its stored logins by the name as written, but pushes and pulls both to one place). Any
 * other port is another registry.
 */
export function canonicalRegistry(registry: string): string {
  const host = registry.toLowerCase().replace(/:443$/, '')
  const personal = /^registry(?:-intl)?(?:-vpc|-internal)?\.([a-z0-9-]+)\.aliyuncs\.com$/.exec(host)
  if (personal) return `registry.${personal[1]}.aliyuncs.com`
  const enterprise = /^([a-z0-9-]+)-registry(?:-vpc)?\.([a-z0-9-]+)\.cr\.aliyuncs\.com$/.exec(host)
  if (enterprise) return `${enterprise[1]}-registry.${enterprise[2]}.cr.aliyuncs.com`
  return host
}

/**
 * Whether the service's `reported` image is the one `asked` for: the same registry (by
 * `canonicalRegistry`), and exactly the same repository path and tag.
 */
export function isSameImage(asked: ImageReference, reported: ImageReference): boolean {
  return (
    canonicalRegistry(asked.registry) === canonicalRegistry(reported.registry) &&
    asked.repository === reported.repository &&
    asked.tag === reported.tag
  )
}
