/**
 * Highlights drawn with the CSS Custom Highlight API: ranges over the article's text
 * nodes, painted by the browser, so the article's DOM is never rewritten.
 */

const MARKS = /\p{M}/gu

/** Folds one character for matching, keeping a one-to-one mapping of positions. */
function foldChar(c: string): string {
  const f = c.normalize('NFD').replace(MARKS, '').toLowerCase()
  return f.length === 1 ? f : c.toLowerCase().length === 1 ? c.toLowerCase() : c
}

/** Case- and diacritic-insensitive copy of a text with the same length. */
export function foldText(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) out += foldChar(text[i] as string)
  return out
}

/** Text kept for screen readers only (highlight descriptions) or hidden: never a match on screen. */
const UNSEEN = '.visually-hidden, [hidden], [aria-hidden="true"]'

function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.parentElement?.closest(UNSEEN) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  })
  const nodes: Text[] = []
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text)
  return nodes
}

/** Every occurrence of `needle` in the visible text under `root` (within one text node each). */
export function findRanges(root: Node, needle: string, wholeWords = false): Range[] {
  const query = foldText(needle.trim())
  if (!query) return []
  const ranges: Range[] = []
  for (const node of textNodes(root)) {
    const text = node.data
    const hay = foldText(text)
    for (let at = hay.indexOf(query); at !== -1; at = hay.indexOf(query, at + query.length)) {
      if (wholeWords && !isWordAt(text, at, query.length)) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + query.length)
      ranges.push(range)
    }
  }
  return ranges
}

const WORD_CHAR = /[\p{L}\p{N}]/u
function isWordAt(text: string, at: number, length: number): boolean {
  return !WORD_CHAR.test(text[at - 1] ?? ' ') && !WORD_CHAR.test(text[at + length] ?? ' ')
}

const supported = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS

export function setHighlight(name: string, ranges: readonly Range[]): void {
  if (!supported()) return
  if (ranges.length === 0) CSS.highlights.delete(name)
  else CSS.highlights.set(name, new Highlight(...ranges))
}

export function clearHighlight(name: string): void {
  if (supported()) CSS.highlights.delete(name)
}
