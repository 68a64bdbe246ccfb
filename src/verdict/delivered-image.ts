import { IMAGE_FORMAT, isSameImage, parseImageReference } from '../aliyun/image-reference.js'
import { quoted } from '../text.js'

/** The image a snapshot reports, as a later step may use it — or why it may not. */
export type DeliveredImage = { imageUrl: string } | { problem: string }

/**
 * Checks the image URL a snapshot reports: it must be a well-formed image reference and, when the
 * step asked for an image (`snapshot-id: new`), that image (the registry by its canonical name,
 * the repository and tag exactly; see `isSameImage`). The image handed on is then the one asked
 * for, as the user spelled it: the service may name the registry by its VPC or internal name,
 * which a runner outside that network cannot pull from.
 */
export function deliveredImage(reported: string | undefined, asked?: string): DeliveredImage {
  if (!reported) return { problem: 'the service reported no image URL for it' }
  const image = parseImageReference(reported)
  if (!image) {
    return {
      problem: `the service reported no usable image: ImageUrl ${quoted(reported)} is not ${IMAGE_FORMAT}`
    }
  }
  const wanted = asked === undefined ? undefined : parseImageReference(asked)
  if (asked !== undefined && !(wanted && isSameImage(wanted, image))) {
    return { problem: `it reports image ${reported}, not the image asked for (${asked})` }
  }
  return { imageUrl: asked ?? reported }
}
