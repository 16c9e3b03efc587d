/** Between DOM selections and the passage positions the contract speaks of (paragraph + offsets). */

export interface Position {
  paragraph: number
  start: number
  end: number
}

/** The paragraph element (`[data-paragraph]`) a node is in, if any. */
export function paragraphOf(node: Node | null): HTMLElement | null {
  const el = node instanceof Element ? node : node?.parentElement
  return (el?.closest('[data-paragraph]') as HTMLElement | null) ?? null
}

/** Character offset of a DOM point from the start of an element's text. */
export function offsetIn(el: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange()
  range.selectNodeContents(el)
  range.setEnd(node, offset)
  return range.toString().length
}

/** A DOM range over characters [start, end) of an element's text. */
export function rangeFor(el: HTMLElement, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
  const range = document.createRange()
  let at = 0
  let started = false
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const next = at + n.data.length
    if (!started && start < next) {
      range.setStart(n, start - at)
      started = true
    }
    if (started && end <= next) {
      range.setEnd(n, end - at)
      return range
    }
    at = next
  }
  return null
}

/**
 * The passage the reader has selected inside `root`, trimmed of surrounding space. A
 * selection running past its first paragraph is cut at that paragraph's end.
 */
export function selectedPosition(root: HTMLElement): Position | null {
  const sel = window.getSelection()
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null
  const range = sel.getRangeAt(0)
  if (!root.contains(range.commonAncestorContainer)) return null
  const first = paragraphOf(range.startContainer)
  const last = paragraphOf(range.endContainer)
  const para = first ?? last
  if (!para) return null
  const text = para.textContent ?? ''
  let start = first ? offsetIn(para, range.startContainer, range.startOffset) : 0
  let end = last === para ? offsetIn(para, range.endContainer, range.endOffset) : text.length
  while (start < end && /\s/.test(text[start] ?? '')) start++
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--
  if (start >= end) return null
  return { paragraph: Number(para.dataset.paragraph), start, end }
}

/** The paragraph and character offset under a point on screen. */
export function pointPosition(x: number, y: number): { el: HTMLElement; offset: number } | null {
  const caret = document.caretPositionFromPoint?.(x, y)
  const node = caret?.offsetNode ?? null
  const el = paragraphOf(node)
  if (!el || !node || !caret) return null
  return { el, offset: offsetIn(el, node, caret.offset) }
}
