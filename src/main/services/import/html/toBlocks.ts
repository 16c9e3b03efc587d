/**
 * Turns the article's DOM into Lectern's typed blocks. Only text and image references leave
 * here: no markup, attribute or style of the page is carried over.
 */
import type { Block } from '../types'

/** Elements whose text is never part of an article. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'SVG',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'NAV',
  'HEAD',
])

const BLOCK_ELEMENTS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CENTER',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'HTML',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
])

/** Deeper than this, a subtree is read as plain text (100 000 nested divs must not blow the stack). */
const MAX_DEPTH = 400

/**
 * An element's name in capitals, without a prefix: the same for HTML documents and for XHTML
 * read as XML (an EPUB's chapters), whose element names are lower case.
 */
const tagOf = (el: Element): string => el.localName.toUpperCase()

/** Elements that make an inline element's content more than a run of text. */
const HOLDS_BLOCKS = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'TABLE',
  'PRE',
  'BLOCKQUOTE',
  'IMG',
])

/**
 * Whether an element has a block (or a picture) anywhere inside. A walk rather than a
 * selector query: it runs for every inline element, and the selector engine costs far more.
 */
function holdsBlocks(el: Element): boolean {
  const stack: Element[] = []
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push(c)
  while (stack.length) {
    const e = stack.pop() as Element
    if (HOLDS_BLOCKS.has(tagOf(e))) return true
    for (let c = e.firstElementChild; c; c = c.nextElementSibling) stack.push(c)
  }
  return false
}

/** Descendants by name: a name lookup, which works for HTML and for XHTML read as XML alike. */
const descendants = (el: Element, name: string): Element[] =>
  Array.from(el.getElementsByTagNameNS('*', name))

const clean = (s: string): string => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim()

/**
 * A heading without the sign its page shows for the heading's own link: after it
 * (`Handlers¶`, `Usage #`, `Setup 🔗`) or, as rustdoc sets it, before (`§Examples`). A `#`
 * that ends a word is the word's (`C#`), and a `§` before a number cites a section (`§ 230`).
 */
export const withoutPermalinkSign = (heading: string): string =>
  heading.replace(/(?:\s*[¶§🔗]+|\s+#+)$/u, '').replace(/^§(?=\p{L})/u, '')

/** Where a picture comes from; `resolve` turns a page's `src` into a safe local reference. */
export type ImageResolver = (src: string) => { src?: string; origin: 'file' | 'embedded' | 'web' }

interface Context {
  quote: boolean
  depth: number
}

export function toBlocks(root: Element, resolveImage: ImageResolver): Block[] {
  const blocks: Block[] = []
  let inline = ''
  let inlineQuote = false

  const flush = (): void => {
    // A line break inside a paragraph (`<br>`) is kept; two or more make two paragraphs.
    for (const part of inline.split(/\n\s*\n/)) {
      const text = clean(part.replace(/\n/g, ' '))
      if (text) blocks.push({ type: inlineQuote ? 'quote' : 'paragraph', text })
    }
    inline = ''
  }

  const image = (el: Element): void => {
    const src =
      el.getAttribute('src') ||
      el.getAttribute('data-src') ||
      el.getAttribute('data-lazy-src') ||
      el.getAttribute('data-original') ||
      ''
    const alt = clean(el.getAttribute('alt') ?? '')
    if (!src && !alt) return
    const where = src ? resolveImage(src) : { origin: 'web' as const }
    blocks.push({ type: 'image', alt, ...where })
  }

  /** Inline text of an element, leaving out what `SKIP` names; iterative, so any depth is safe. */
  const textOf = (el: Element): string => {
    let out = ''
    const stack: Node[] = [el]
    while (stack.length) {
      const node = stack.pop() as Node
      if (node.nodeType === 3) out += node.nodeValue ?? ''
      else if (node.nodeType === 1) {
        const child = node as Element
        const tag = tagOf(child)
        if (SKIP.has(tag)) continue
        if (tag === 'BR') out += '\n'
        else if (BLOCK_ELEMENTS.has(tag)) out += ' '
        for (let c = child.lastChild; c; c = c.previousSibling) stack.push(c)
      }
    }
    return out
  }

  const list = (el: Element, ordered: boolean, ctx: Context, level: number): void => {
    for (const item of Array.from(el.children)) {
      if (tagOf(item) !== 'LI') {
        walk(item, ctx)
        continue
      }
      let text = ''
      const nested: Element[] = []
      for (const child of Array.from(item.childNodes)) {
        const tag = child.nodeType === 1 ? tagOf(child as Element) : ''
        if (tag === 'UL' || tag === 'OL') nested.push(child as Element)
        else if (tag === 'IMG') image(child as Element)
        else if (child.nodeType === 3) text += child.nodeValue ?? ''
        else if (child.nodeType === 1) text += ` ${textOf(child as Element)} `
      }
      const t = clean(text)
      if (t) blocks.push({ type: 'listItem', text: t, ordered, depth: level })
      for (const sub of nested) list(sub, tagOf(sub) === 'OL', ctx, level + 1)
    }
  }

  const table = (el: Element): void => {
    for (const row of descendants(el, 'tr')) {
      if (row.closest('table') !== el) continue
      const cells = Array.from(row.children).filter((c) => tagOf(c) === 'TD' || tagOf(c) === 'TH')
      const texts = cells.map((c) => clean(textOf(c)))
      if (texts.every((t) => !t)) continue
      blocks.push({
        type: 'tableRow',
        cells: texts,
        header: cells.every((c) => tagOf(c) === 'TH'),
      })
    }
  }

  function walk(el: Element, ctx: Context): void {
    const tag = tagOf(el)
    if (SKIP.has(tag)) return
    if (ctx.depth > MAX_DEPTH) {
      inline += ` ${textOf(el)} `
      return
    }
    const inner: Context = { ...ctx, depth: ctx.depth + 1 }
    if (tag === 'IMG') {
      flush()
      image(el)
      return
    }
    if (!BLOCK_ELEMENTS.has(tag)) {
      // Inline: its text joins the paragraph being built, unless it hides blocks inside.
      if (holdsBlocks(el)) {
        walkChildren(el, inner)
      } else if (tag === 'BR') inline += '\n'
      else inline += textOf(el)
      return
    }
    flush()
    const heading = /^H([1-6])$/.exec(tag)
    if (heading) {
      const text = withoutPermalinkSign(clean(textOf(el)))
      if (text) blocks.push({ type: 'heading', level: Number(heading[1]), text })
      descendants(el, 'img').forEach(image)
      return
    }
    switch (tag) {
      case 'PRE': {
        const code = descendants(el, 'code')[0]
        const language = /(?:lang(?:uage)?-)([\w+#-]+)/.exec(
          `${code?.className ?? ''} ${el.className}`,
        )?.[1]
        const text = (el.textContent ?? '').replace(/^\n+|\s+$/g, '')
        if (text) blocks.push({ type: 'code', text, ...(language ? { language } : {}) })
        return
      }
      case 'UL':
      case 'OL':
        list(el, tag === 'OL', inner, 0)
        return
      case 'TABLE':
        table(el)
        return
      case 'FIGCAPTION': {
        const text = clean(textOf(el))
        if (text) blocks.push({ type: 'caption', text })
        return
      }
      case 'HR':
        return
      case 'BLOCKQUOTE': {
        const was = inlineQuote
        inlineQuote = true
        walkChildren(el, { ...inner, quote: true })
        flush()
        inlineQuote = was
        return
      }
    }
    walkChildren(el, inner)
    flush()
  }

  function walkChildren(el: Element, ctx: Context): void {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) inline += c.nodeValue ?? ''
      else if (c.nodeType === 1) walk(c as Element, ctx)
    }
  }

  walk(root, { quote: false, depth: 0 })
  flush()
  return blocks.filter((b, i) => {
    // A caption that only repeats the picture's description is said once.
    const prev = blocks[i - 1]
    return !(b.type === 'caption' && prev?.type === 'caption' && prev.text === b.text)
  })
}
