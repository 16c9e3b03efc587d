/**
 * An EPUB book to one article: its chapters (spine items) in reading order, each turned into
 * Lectern's typed blocks by the same code as a web page's article (no markup is kept), its
 * table of contents as the outline, its pictures carried along to be copied into the
 * library. Synchronous and self-contained, so it runs in the import worker with its limits.
 * Every chapter is kept whole (no Readability): in a book, all the text is the article.
 */
import { JSDOM } from 'jsdom'
import { decodeHtml } from '../decode'
import { directionOf } from '../direction'
import { isoDate } from '../dates'
import { withoutScriptsAndStyles } from '../html/extractHtml'
import { capNesting } from '../html/nesting'
import { toBlocks, type ImageResolver } from '../html/toBlocks'
import { readZip } from '../zip/safeZip'
import {
  blocksToText,
  foldWords,
  ImportError,
  type Block,
  type ExtractedArticle,
  type OutlinePoint,
} from '../types'
import { readPackage, resolveHref, withoutXhtmlNamespace, type TocEntry } from './package'

/** What is unpacked: documents and pictures. Fonts, styles, scripts, audio and video never are. */
const WANTED = /(^META-INF\/|\.(x?html?|xml|opf|ncx|png|jpe?g|gif|webp|avif|bmp|svg)$)/i
const PICTURE = /\.(png|jpe?g|gif|webp|avif|bmp|svg)$/i

/** Marks where a table-of-contents target is, as a paragraph of its own, found again after. */
const MARK = (n: number): string => `\ue000${n}\ue001`
const MARKED = /^\ue000(\d+)\ue001$/

/**
 * A line break in the source between two CJK characters: a space in HTML, yet no space in
 * Chinese or Japanese text, whose words are not separated (CSS Text 3 removes it too).
 */
const WRAPPED_CJK =
  /([\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef])[ \t]*\r?\n\s*(?=[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef])/gu

/** Blocks of their own: a marker paragraph before one splits nothing. */
const STANDALONE =
  /^(P|H[1-6]|UL|OL|DL|TABLE|PRE|BLOCKQUOTE|DIV|SECTION|ARTICLE|ASIDE|HEADER|FOOTER|FIGURE|MAIN|ADDRESS|HR|IMG)$/
/** Elements whose content is one block (or one row, one item): nothing goes inside them. */
const ONE_BLOCK =
  /^(P|H[1-6]|LI|UL|OL|DL|DT|DD|TABLE|THEAD|TBODY|TFOOT|TR|TD|TH|PRE|FIGCAPTION|CAPTION)$/

type Parse = (
  source: string,
  type: 'application/xml' | 'application/xhtml+xml' | 'text/html',
) => Document

export function extractEpub(bytes: Uint8Array): ExtractedArticle {
  const files = readZip(bytes, 'EPUB', (name) => WANTED.test(name))
  const dom = new JSDOM('<!doctype html><html><body></body></html>')
  try {
    const { window } = dom
    const parser = new window.DOMParser()
    const parse: Parse = (source, type) => parser.parseFromString(source, type)
    const pkg = readPackage(files, parse)

    // Each table-of-contents entry, numbered in reading order of the tree.
    const points: { entry: TocEntry; depth: number }[] = []
    const flatten = (entries: TocEntry[], depth: number): void => {
      for (const entry of entries) {
        points.push({ entry, depth })
        flatten(entry.children, depth + 1)
      }
    }
    flatten(pkg.toc, 0)

    const blocks: Block[] = []
    // A book that opens on its own title (a title page, a first heading) would show it twice:
    // the reader already shows it above the text.
    const saysTitle = (text: string): boolean =>
      pkg.title !== undefined &&
      foldWords(text) === foldWords(pkg.title) &&
      !blocks.some((b) => b.type !== 'image')
    const pictures = new Map<string, Uint8Array>()
    const sections: { title: string; block: number }[] = []
    const pointBlock = new Map<number, number>()
    for (const path of pkg.spine) {
      const start = blocks.length
      const targets = points
        .map((p, n) => ({ n, fragment: p.entry.fragment, path: p.entry.path }))
        .filter((p) => p.path === path)
      const chapter = chapterBlocks(parse, files, path, targets, pictures)
      for (const block of chapter) {
        const mark = block.type !== 'image' && 'text' in block ? MARKED.exec(block.text) : null
        if (mark) pointBlock.set(Number(mark[1]), blocks.length)
        else if (!(block.type === 'heading' && saysTitle(block.text))) blocks.push(block)
      }
      // An entry pointing at the chapter itself, or at an id that was not found, starts it.
      for (const t of targets) if (!pointBlock.has(t.n)) pointBlock.set(t.n, start)
      if (blocks.length === start) continue
      const named = targets[0] && points[targets[0].n]?.entry.title
      const heading = chapter.find((b) => b.type === 'heading')
      const title = named ?? (heading && 'text' in heading ? heading.text : undefined)
      sections.push({ title: title ?? `Part ${sections.length + 1}`, block: start })
    }

    const text = blocksToText(blocks)
    if (!text.trim()) throw new ImportError('empty: the book has no text', 'empty')
    const outline: OutlinePoint[] = points.flatMap(({ entry, depth }, n) => {
      const block = pointBlock.get(n)
      // An entry into a document outside the spine (or one with no text) has nowhere to go.
      return block === undefined || block >= blocks.length
        ? []
        : [{ title: entry.title, depth, block }]
    })
    const language = pkg.language
    const published = isoDate(pkg.date)
    return {
      format: 'epub',
      title: pkg.title ?? sections[0]?.title ?? 'Untitled book',
      ...(pkg.creators.length ? { author: pkg.creators.join(', ') } : {}),
      ...(pkg.publisher ? { siteName: pkg.publisher } : {}),
      ...(published ? { published } : {}),
      ...(language ? { language } : {}),
      ...(pkg.identifier ? { identifier: pkg.identifier } : {}),
      direction: directionOf(rightToLeftScript(pkg.progression, language, text), language, text),
      blocks,
      outline: outline.length ? outline : sections.map((s) => ({ ...s, depth: 0 })),
      sections,
      files: pictures,
    }
  } finally {
    dom.window.close()
  }
}

/**
 * The spine's page progression says which way pages turn, not which way lines run: a
 * Japanese or Chinese book set vertically turns its pages right to left, yet its lines, shown
 * horizontally here, read left to right. Only a book not in those scripts takes it as the
 * text's direction.
 */
function rightToLeftScript(
  progression: 'ltr' | 'rtl' | undefined,
  language: string | undefined,
  text: string,
): 'rtl' | undefined {
  if (progression !== 'rtl') return undefined
  if (/^(ja|zh|ko|mn)\b/i.test(language ?? '')) return undefined
  const sample = text.slice(0, 5000)
  const cjk = sample.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/gu)?.length ?? 0
  return cjk > sample.length / 4 ? undefined : 'rtl'
}

/**
 * One content document's blocks, with a marker paragraph before each table-of-contents
 * target in it. XHTML is parsed as XML (as a reading system does) and moved into an HTML
 * document, so that the block code sees the elements it knows; markup that is not
 * well-formed is read as HTML instead.
 */
function chapterBlocks(
  parse: Parse,
  files: ReadonlyMap<string, Uint8Array>,
  path: string,
  targets: { n: number; fragment?: string }[],
  pictures: Map<string, Uint8Array>,
): Block[] {
  const bytes = files.get(path)
  if (!bytes) return []
  const source = capNesting(withoutScriptsAndStyles(decodeHtml(bytes)))
  const xml = /\.(xhtml|xht|xml)$/i.test(path)
    ? parse(withoutXhtmlNamespace(source), 'application/xhtml+xml')
    : undefined
  const xmlBody =
    xml && !xml.getElementsByTagName('parsererror').length
      ? Array.from(xml.documentElement.children).find((e) => e.localName === 'body')
      : undefined
  // Read where it was parsed: the block code reads XHTML's elements as it reads HTML's.
  const root = xmlBody ?? parse(source, 'text/html').body
  const document = root.ownerDocument
  const ids = prepareChapter(root)
  const fragments = targets.filter((t) => t.fragment)
  if (fragments.length) {
    for (const { n, fragment } of fragments) {
      let el = ids.get(fragment as string)
      if (!el) continue
      // Names in capitals: XHTML read as XML keeps them in lower case.
      const safe = (e: Element): boolean =>
        STANDALONE.test(e.localName.toUpperCase()) &&
        (e.parentElement === root ||
          !ONE_BLOCK.test(e.parentElement?.localName.toUpperCase() ?? ''))
      while (!safe(el) && el.parentElement && el.parentElement !== root) el = el.parentElement
      const mark = document.createElement('p')
      mark.textContent = MARK(n)
      el.before(mark)
    }
  }
  return toBlocks(root, pictureResolver(files, path, pictures))
}

/**
 * Undoes what only a styled page needs: SVG-wrapped pictures (covers) become plain pictures,
 * ruby annotations (furigana) go, so Japanese reads as its text, not doubled, and vertical
 * writing is read as text (its styles never apply here), so it shows horizontally. Returns
 * the chapter's elements by id, for the table of contents to point into.
 */
function prepareChapter(root: Element): Map<string, Element> {
  const ids = new Map<string, Element>()
  const svgs: Element[] = []
  const readings: Element[] = []
  const pageNumbers: Element[] = []
  // One walk over the elements (selector queries over a whole chapter cost far more).
  const stack: Element[] = [root]
  while (stack.length) {
    const el = stack.pop() as Element
    const name = el.localName
    if (el.id && !ids.has(el.id)) ids.set(el.id, el)
    if (name === 'svg') svgs.push(el)
    else if (name === 'rt' || name === 'rp') readings.push(el)
    else if (
      /(^|\s)pagebreak(\s|$)/.test(el.getAttribute('epub:type') ?? '') ||
      el.getAttribute('role') === 'doc-pagebreak'
    )
      pageNumbers.push(el)
    for (let c = el.lastChild; c; c = c.previousSibling) {
      if (c.nodeType === 1) stack.push(c as Element)
      else if (c.nodeType === 3 && c.nodeValue?.includes('\n')) {
        // Written back only when it changes: every change to the tree costs jsdom a walk.
        const joined = c.nodeValue.replace(WRAPPED_CJK, '$1')
        if (joined !== c.nodeValue) c.nodeValue = joined
      }
    }
  }
  for (const svg of svgs) {
    for (const image of Array.from(svg.querySelectorAll('image'))) {
      const href = image.getAttribute('href') ?? image.getAttribute('xlink:href')
      if (!href) continue
      const img = root.ownerDocument.createElement('img')
      img.setAttribute('src', href)
      img.setAttribute('alt', svg.getAttribute('aria-label') ?? '')
      svg.before(img)
    }
  }
  for (const el of readings) el.remove()
  // The printed edition's page numbers, marked as such, are not the book's text.
  for (const el of pageNumbers) el.replaceChildren()
  return ids
}

/** A chapter's pictures: files in the book, by their path in it; nothing outside is fetched. */
function pictureResolver(
  files: ReadonlyMap<string, Uint8Array>,
  chapter: string,
  pictures: Map<string, Uint8Array>,
): ImageResolver {
  return (src) => {
    if (/^data:/i.test(src)) return { src, origin: 'embedded' }
    if (/^[a-z][\w+.-]*:/i.test(src)) return { src, origin: 'web' }
    const target = resolveHref(chapter, src.trim())
    const bytes = target && PICTURE.test(target.path) ? files.get(target.path) : undefined
    if (!target || !bytes) return { origin: 'web' }
    pictures.set(target.path, bytes)
    return { src: target.path, origin: 'embedded' }
  }
}
