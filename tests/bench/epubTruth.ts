/** What an EPUB's text is, read from its own XHTML, to score an importer against (no ground-truth file exists). */
import { readFileSync } from 'node:fs'
import { unzipSync } from 'fflate'
import { JSDOM } from 'jsdom'

/**
 * The words of a book as its own XHTML has them, read independently of the importer: every
 * spine document's body text in spine order, less what is never text (scripts, styles, the
 * navigation list, ruby readings, print page numbers).
 */
export function bookWords(file: string): string[] {
  const files = unzipSync(readFileSync(file))
  const text = (name: string): string => new TextDecoder().decode(files[name])
  const dom = new JSDOM('')
  const parse = (s: string, type: DOMParserSupportedType) =>
    new dom.window.DOMParser().parseFromString(s, type)
  const opfPath = /full-path="([^"]+)"/.exec(text('META-INF/container.xml'))?.[1] as string
  const opf = parse(text(opfPath), 'application/xml')
  const dir = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : ''
  const hrefs = new Map(
    Array.from(opf.querySelectorAll('*'))
      .filter((e) => e.localName === 'item')
      .map((e) => [e.getAttribute('id'), e.getAttribute('href')]),
  )
  const words: string[] = []
  for (const ref of Array.from(opf.querySelectorAll('*')).filter(
    (e) => e.localName === 'itemref',
  )) {
    const href = hrefs.get(ref.getAttribute('idref'))
    const name = decodeURIComponent(new URL(href as string, `file:///${dir}`).pathname.slice(1))
    if (!files[name]) continue
    const doc = parse(text(name), 'application/xhtml+xml')
    const body = Array.from(doc.documentElement.children).find((e) => e.localName === 'body')
    if (!body) continue
    for (const el of Array.from(body.querySelectorAll('script, style, nav, rt, rp, svg')))
      el.remove()
    for (const el of Array.from(body.querySelectorAll('*')))
      if (/pagebreak/.test(el.getAttribute('epub:type') ?? '')) el.replaceChildren()
    // Blocks end a word, as a reader sees them (a mark no line-joining rule reads past).
    for (const el of Array.from(
      body.querySelectorAll('p, div, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, br, pre, tr'),
    ))
      el.append(' ¦ ')
    // A source line break between CJK characters is no space (CSS Text 3's segment breaks).
    const cjk = '\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u9fff\\uff00-\\uffef'
    const unwrapped = (body.textContent ?? '').replace(
      new RegExp(`([${cjk}])[ \\t]*\\n\\s*(?=[${cjk}])`, 'gu'),
      '$1',
    )
    words.push(...(unwrapped.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []))
  }
  dom.window.close()
  return words
}

/** Word-bag F1 of the imported text against the book's own words. */
export function wordF1(got: string[], want: string[]): number {
  const bag = new Map<string, number>()
  for (const w of want) bag.set(w, (bag.get(w) ?? 0) + 1)
  let shared = 0
  for (const w of got) {
    const n = bag.get(w) ?? 0
    if (n > 0) {
      shared++
      bag.set(w, n - 1)
    }
  }
  const p = shared / Math.max(1, got.length)
  const r = shared / Math.max(1, want.length)
  return p + r ? (2 * p * r) / (p + r) : 0
}
