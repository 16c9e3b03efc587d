/**
 * An EPUB's package, read from its zip: `META-INF/container.xml` names the package document
 * (OPF), which gives the metadata, the manifest and the reading order (spine); the navigation
 * document (EPUB 3) or the NCX (EPUB 2) gives the table of contents. Books under DRM are
 * refused here, before any of their text is read.
 */
import { posix } from 'node:path'
import { squashed } from '../squashed'
import { ImportError } from '../types'

export interface TocEntry {
  title: string
  /** The target's path in the zip, and the element id it points at, if any. */
  path: string
  fragment?: string
  children: TocEntry[]
}

export interface EpubPackage {
  title?: string
  creators: string[]
  language?: string
  publisher?: string
  date?: string
  identifier?: string
  /** The spine's `page-progression-direction`, when it states one. */
  progression?: 'ltr' | 'rtl'
  /** Content documents in reading order, by their path in the zip. */
  spine: string[]
  toc: TocEntry[]
}

/** Font obfuscation (IDPF and Adobe): only fonts are scrambled, and Lectern never reads fonts. */
const FONT_OBFUSCATION = new Set([
  'http://www.idpf.org/2008/embedding',
  'http://ns.adobe.com/pdf/enc#RC',
])
const FONT_FILE = /\.(otf|ttf|woff2?|eot)$/i

type Parse = (text: string, type: 'application/xml') => Document

/** A path in the zip from a reference in the file at `base`; undefined when it leaves the zip. */
export function resolveHref(
  base: string,
  href: string,
): { path: string; fragment?: string } | undefined {
  if (/^[a-z][\w+.-]*:/i.test(href)) return undefined
  const [rawPath = '', rawFragment] = href.split('#', 2)
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    decoded = rawPath
  }
  const path = decoded ? posix.normalize(posix.join(posix.dirname(base), decoded)) : base
  if (path.startsWith('../') || path === '..' || path.startsWith('/')) return undefined
  return { path, ...(rawFragment ? { fragment: rawFragment } : {}) }
}

const text = (bytes: Uint8Array | undefined): string | undefined =>
  bytes && new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')

function parseXml(parse: Parse, source: string, what: string): Document {
  const doc = parse(source, 'application/xml')
  const error = doc.getElementsByTagName('parsererror')[0]
  if (error || !doc.documentElement)
    throw new ImportError(
      `unreadable: the EPUB's ${what} is not well-formed XML (${(error?.textContent ?? '').trim().slice(0, 120)})`,
      'unreadable',
    )
  return doc
}

/**
 * Elements by local name, whatever prefix or namespace the file gives them, in document
 * order. A walk, not a selector query or a live collection: on a large package document
 * either costs many times more.
 */
function byName(root: Document | Element, name: string): Element[] {
  const found: Element[] = []
  // Iterative and in document order: a hostile file may nest without end.
  const stack: Element[] = []
  const pushChildren = (el: Element): void => {
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c)
  }
  if ('documentElement' in root) {
    if (root.documentElement) stack.push(root.documentElement)
  } else pushChildren(root)
  while (stack.length) {
    const el = stack.pop() as Element
    if (el.localName === name) found.push(el)
    pushChildren(el)
  }
  return found
}

export function readPackage(files: ReadonlyMap<string, Uint8Array>, parse: Parse): EpubPackage {
  if (files.has('META-INF/rights.xml'))
    throw new ImportError(
      'refused: this book is protected by DRM (it has a rights file); Lectern can only read books without DRM',
      'unsupported',
    )
  refuseEncrypted(files, parse)

  const container = text(files.get('META-INF/container.xml'))
  if (!container)
    throw new ImportError(
      'unreadable: not an EPUB (it has no META-INF/container.xml)',
      'wrong-format',
    )
  const rootfile = byName(parseXml(parse, container, 'container'), 'rootfile').find(
    (r) =>
      (r.getAttribute('media-type') ?? 'application/oebps-package+xml') ===
      'application/oebps-package+xml',
  )
  const opfPath = rootfile?.getAttribute('full-path')
  const opfText = opfPath ? text(files.get(opfPath)) : undefined
  if (!opfPath || opfText === undefined)
    throw new ImportError(
      `unreadable: the EPUB's package document ${opfPath ? `(${opfPath}) is missing` : 'is not named in its container'}`,
      'unreadable',
    )
  const opf = parseXml(parse, opfText, 'package document')
  const metadata = byName(opf, 'metadata')[0]
  const manifest = new Map<string, { path: string; type: string; properties: string }>()
  for (const item of byName(opf, 'item')) {
    const id = item.getAttribute('id')
    const href = item.getAttribute('href')
    const resolved = href ? resolveHref(opfPath, href) : undefined
    if (id && resolved)
      manifest.set(id, {
        path: resolved.path,
        type: item.getAttribute('media-type') ?? '',
        properties: item.getAttribute('properties') ?? '',
      })
  }
  const spineEl = byName(opf, 'spine')[0]
  const spine = (spineEl ? byName(spineEl, 'itemref') : [])
    .map((ref) => manifest.get(ref.getAttribute('idref') ?? ''))
    .filter((item): item is NonNullable<typeof item> => Boolean(item && files.has(item.path)))
    .filter((item) => /html|xml/i.test(item.type))
    .map((item) => item.path)
  if (spine.length === 0)
    throw new ImportError(
      'unreadable: the EPUB lists no chapters that are in it (its spine is empty)',
      'unreadable',
    )

  const dc = (name: string): string[] =>
    metadata
      ? byName(metadata, name)
          .map((e) => squashed(e.textContent))
          .filter(Boolean)
      : []
  const progression = spineEl?.getAttribute('page-progression-direction')
  const language = dc('language')[0]
  const nav = [...manifest.values()].find((i) => /(^|\s)nav(\s|$)/.test(i.properties))
  const ncxId = spineEl?.getAttribute('toc')
  const ncx =
    (ncxId ? manifest.get(ncxId) : undefined) ??
    [...manifest.values()].find((i) => i.type === 'application/x-dtbncx+xml')
  let toc: TocEntry[] = []
  if (nav) toc = navToc(files, nav.path, parse)
  if (!toc.length && ncx) toc = ncxToc(files, ncx.path, parse)
  const title = dc('title')[0]
  const publisher = dc('publisher')[0]
  const date = dc('date')[0]
  const identifier = uniqueIdentifier(opf, metadata)
  return {
    ...(title ? { title } : {}),
    creators: dc('creator'),
    ...(language ? { language } : {}),
    ...(publisher ? { publisher } : {}),
    ...(date ? { date } : {}),
    ...(identifier ? { identifier } : {}),
    ...(progression === 'rtl' || progression === 'ltr' ? { progression } : {}),
    spine,
    toc,
  }
}

function uniqueIdentifier(opf: Document, metadata: Element | undefined): string | undefined {
  if (!metadata) return undefined
  const ids = byName(metadata, 'identifier')
  const wanted = opf.documentElement.getAttribute('unique-identifier')
  const chosen = ids.find((e) => wanted && e.getAttribute('id') === wanted) ?? ids[0]
  return squashed(chosen?.textContent) || undefined
}

/**
 * `META-INF/encryption.xml` over anything but fonts means the content is encrypted (DRM):
 * importing it would give pages of noise.
 */
function refuseEncrypted(files: ReadonlyMap<string, Uint8Array>, parse: Parse): void {
  const source = text(files.get('META-INF/encryption.xml'))
  if (source === undefined) return
  const doc = parseXml(parse, source, 'encryption list')
  for (const data of byName(doc, 'EncryptedData')) {
    const algorithm = byName(data, 'EncryptionMethod')[0]?.getAttribute('Algorithm') ?? ''
    const uri = byName(data, 'CipherReference')[0]?.getAttribute('URI') ?? ''
    if (FONT_OBFUSCATION.has(algorithm) && FONT_FILE.test(uri)) continue
    if (FONT_FILE.test(uri)) continue // an encrypted font only loses its typeface
    throw new ImportError(
      `refused: this book is protected by DRM (“${uri.slice(0, 80)}” is encrypted); Lectern can only read books without DRM`,
      'unsupported',
    )
  }
}

/**
 * XHTML with its namespace declaration taken out, so a DOM builds plain elements. An XHTML
 * element costs jsdom many times a plain one (each gets a style declaration, among others),
 * and nothing here needs more than names, attributes and text.
 */
export const withoutXhtmlNamespace = (source: string): string =>
  // Only in the root's start tag: the same words in the text (a book about XHTML) stay.
  source.replace(/<html\b[^>]*>/, (tag) =>
    tag.replace(/\sxmlns\s*=\s*(["'])http:\/\/www\.w3\.org\/1999\/xhtml\1/, ''),
  )

/** The EPUB 3 navigation document's `toc` nav, as a tree. */
function navToc(files: ReadonlyMap<string, Uint8Array>, path: string, parse: Parse): TocEntry[] {
  const source = text(files.get(path))
  if (!source) return []
  let doc: Document
  try {
    doc = parseXml(parse, withoutXhtmlNamespace(source), 'navigation document')
  } catch {
    return [] // a broken table of contents loses the outline, not the book
  }
  const navs = byName(doc, 'nav')
  const toc = navs.find((n) => /(^|\s)toc(\s|$)/.test(n.getAttribute('epub:type') ?? '')) ?? navs[0]
  const list = toc && Array.from(toc.children).find((c) => c.localName === 'ol')
  const walk = (ol: Element): TocEntry[] =>
    Array.from(ol.children)
      .filter((li) => li.localName === 'li')
      .flatMap((li) => {
        const label = Array.from(li.children).find(
          (c) => c.localName === 'a' || c.localName === 'span',
        )
        const sub = Array.from(li.children).find((c) => c.localName === 'ol')
        const children = sub ? walk(sub) : []
        const href = label?.getAttribute('href')
        const target = href ? resolveHref(path, href) : undefined
        const title = squashed(label?.textContent) || squashed(label?.getAttribute('title'))
        if (!target || !title) return children // a heading without a link: its entries move up
        return [{ title, ...target, children }]
      })
  return list ? walk(list) : []
}

/** The EPUB 2 NCX's navMap, as a tree. */
function ncxToc(files: ReadonlyMap<string, Uint8Array>, path: string, parse: Parse): TocEntry[] {
  const source = text(files.get(path))
  if (!source) return []
  let doc: Document
  try {
    doc = parseXml(parse, source, 'NCX')
  } catch {
    return []
  }
  const walk = (parent: Element): TocEntry[] =>
    Array.from(parent.children)
      .filter((c) => c.localName === 'navPoint')
      .flatMap((point) => {
        const label = Array.from(point.children).find((c) => c.localName === 'navLabel')
        const content = Array.from(point.children).find((c) => c.localName === 'content')
        const children = walk(point)
        const src = content?.getAttribute('src')
        const target = src ? resolveHref(path, src) : undefined
        const title = squashed(label?.textContent)
        if (!target || !title) return children
        return [{ title, ...target, children }]
      })
  const map = byName(doc, 'navMap')[0]
  return map ? walk(map) : []
}
