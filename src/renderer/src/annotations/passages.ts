/** Between DOM selections and the passage positions the contract speaks of (paragraph + offsets). */

import type { PassagePosition } from '../../../shared/types'

/** A passage: from `start` in `paragraph` to `end` in `endParagraph` (when it runs on). */
export type Position = PassagePosition

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
 * The passage the reader has selected inside `root`, trimmed of surrounding space. It may run
 * over several paragraphs; a selection that starts or ends outside the text (in a heading's
 * margin, between paragraphs) starts or ends with the first or last paragraph it touches.
 */
export function selectedPosition(root: HTMLElement): Position | null {
  const sel = window.getSelection()
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null
  const range = sel.getRangeAt(0)
  if (!root.contains(range.commonAncestorContainer)) return null
  const touched = [...root.querySelectorAll<HTMLElement>('[data-paragraph]')].filter((p) =>
    range.intersectsNode(p),
  )
  const first = touched[0]
  const last = touched.at(-1)
  if (!first || !last) return null
  const textOf = (el: HTMLElement): string => el.textContent ?? ''
  let startEl = first
  let endEl = last
  let start = first.contains(range.startContainer)
    ? offsetIn(first, range.startContainer, range.startOffset)
    : 0
  let end = last.contains(range.endContainer)
    ? offsetIn(last, range.endContainer, range.endOffset)
    : textOf(last).length
  // Trim space (and paragraphs holding nothing selected) from both ends.
  for (;;) {
    const text = textOf(startEl)
    while (start < text.length && /\s/.test(text[start] ?? '')) start++
    if (start < text.length || startEl === endEl) break
    startEl = touched[touched.indexOf(startEl) + 1] as HTMLElement
    start = 0
  }
  for (;;) {
    const text = textOf(endEl)
    while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--
    if (end > 0 || endEl === startEl) break
    endEl = touched[touched.indexOf(endEl) - 1] as HTMLElement
    end = textOf(endEl).length
  }
  const paragraph = Number(startEl.dataset.paragraph)
  const endParagraph = Number(endEl.dataset.paragraph)
  if (endParagraph < paragraph || (endParagraph === paragraph && start >= end)) return null
  return { paragraph, start, end, ...(endParagraph > paragraph ? { endParagraph } : {}) }
}

/** DOM ranges covering a passage, one per paragraph it runs over (for painting highlights). */
export function passageRanges(root: HTMLElement, position: Position): Range[] {
  const last = position.endParagraph ?? position.paragraph
  const ranges: Range[] = []
  for (let p = position.paragraph; p <= last; p++) {
    const el = root.querySelector<HTMLElement>(`[data-paragraph="${p}"]`)
    if (!el) continue
    const length = (el.textContent ?? '').length
    const from = p === position.paragraph ? position.start : 0
    const to = p === last ? position.end : length
    const range = from < to ? rangeFor(el, from, to) : null
    if (range) ranges.push(range)
  }
  return ranges
}

/** Whether a point (paragraph and offset) lies inside a passage. */
export function passageHolds(position: Position, paragraph: number, offset: number): boolean {
  const last = position.endParagraph ?? position.paragraph
  if (paragraph < position.paragraph || paragraph > last) return false
  if (paragraph === position.paragraph && offset < position.start) return false
  if (paragraph === last && offset >= position.end) return false
  return true
}

/** The paragraph and character offset under a point on screen. */
export function pointPosition(x: number, y: number): { el: HTMLElement; offset: number } | null {
  const caret = document.caretPositionFromPoint?.(x, y)
  const node = caret?.offsetNode ?? null
  const el = paragraphOf(node)
  if (!el || !node || !caret) return null
  return { el, offset: offsetIn(el, node, caret.offset) }
}

/**
 * Where the bar over a selection goes: the selection's box, or, for one taller than the
 * window (a selection over many paragraphs), the line where it ends, by the pointer.
 */
export function selectionRect(range: Range): DOMRect {
  const box = range.getBoundingClientRect()
  if (box.height < window.innerHeight / 2) return box
  const lines = range.getClientRects()
  return lines[lines.length - 1] ?? box
}
