/**
 * Where a saved page's pictures are. A "Web page, complete" keeps them in `page_files/`
 * beside it; SingleFile inlines them as `data:` URIs; anything else is on the web and is
 * never fetched. A path may not leave the page's folder.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import type { ImageResolver } from './toBlocks'

/** Larger inlined pictures are left out rather than carried through the import. */
export const MAX_EMBEDDED_IMAGE_BYTES = 10 * 1024 * 1024

/**
 * @param resources For a page that arrived as bytes (dropped on the window): the absolute
 *   paths of the files that came with it, standing in for the disk.
 * @param inside For a page from a web archive: the addresses of the parts it holds.
 */
export function imageResolver(
  pagePath: string | undefined,
  pageUrl: string | undefined,
  resources?: readonly string[],
  inside?: ReadonlySet<string>,
): ImageResolver {
  const arrived = resources && new Set(resources)
  const isFile = (path: string): boolean =>
    arrived ? arrived.has(path) : existsSync(path) && statSync(path).isFile()
  const folder = pagePath ? dirname(pagePath) : undefined
  return (raw) => {
    const src = raw.trim()
    if (inside?.size) {
      // A web archive's own parts, by the address (or `cid:`) they were saved under.
      let address: string | undefined
      try {
        address = new URL(src, pageUrl ?? 'https://invalid.invalid/').href
      } catch {
        address = undefined
      }
      if (inside.has(src)) return { src, origin: 'embedded' }
      if (address && inside.has(address)) return { src: address, origin: 'embedded' }
    }
    if (/^data:/i.test(src)) {
      const ok = /^data:image\/(png|jpe?g|gif|webp|avif|svg\+xml|bmp)[;,]/i.test(src)
      return ok && src.length * 0.75 <= MAX_EMBEDDED_IMAGE_BYTES
        ? { src, origin: 'embedded' }
        : { origin: 'embedded' }
    }
    if (/^(https?:)?\/\//i.test(src) || /^[a-z][\w+.-]*:/i.test(src)) {
      try {
        return { src: new URL(src, pageUrl ?? 'https://invalid.invalid/').href, origin: 'web' }
      } catch {
        return { origin: 'web' }
      }
    }
    if (folder) {
      let path: string
      try {
        path = resolve(folder, decodeURIComponent(src.split(/[?#]/)[0] as string))
      } catch {
        return { origin: 'web' }
      }
      const rel = relative(folder, path)
      if (rel && !rel.startsWith('..') && !isAbsolute(rel) && isFile(path))
        return { src: path, origin: 'file' }
    }
    if (pageUrl) {
      try {
        return { src: new URL(src, pageUrl).href, origin: 'web' }
      } catch {
        // fall through
      }
    }
    return { origin: 'web' }
  }
}
