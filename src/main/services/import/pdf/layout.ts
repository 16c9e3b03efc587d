/**
 * From positioned text runs back to an article's blocks: runs into lines, lines into
 * columns read in order, lines into paragraphs (line breaks joined, end-of-line hyphens
 * undone), running headers, footers and page numbers dropped, headings told by size and
 * weight, footnotes kept at the end of their page's text. Pure functions over readPdf's
 * output, so every rule is testable without a PDF.
 */
import { squashed } from '../squashed'
import type { Block } from '../types'
import type { PdfPage, PdfTextRun } from './readPdf'

/** A line placed in the page's reading order: its column, and where that column ends. */
export interface Placed extends Line {
  /** 0: the only column, or across both; 1 and 2: left and right. */
  column: number
  right: number
}

/** A piece of one line: runs on one baseline with no column gap between them. */
export interface Line {
  text: string
  x0: number
  x1: number
  y: number
  size: number
  bold: boolean
  page: number
}

/** The rules' thresholds, in units of the line's font size unless said otherwise. */
export interface LayoutRules {
  /** A horizontal gap wider than this splits a baseline into pieces (column gutter). */
  columnGap: number
  /** Share of pages a top or bottom line must repeat on to be a running header or footer. */
  repeatShare: number
  /** A gap between lines wider than this many line spacings starts a new paragraph. */
  paragraphGap: number
  /** A size this much above the body's (ratio) makes a heading. */
  headingRatio: number
  /** Lines this much smaller than the body (ratio) at a page's foot are footnotes. */
  footnoteRatio: number
}

export const DEFAULT_RULES: LayoutRules = {
  columnGap: 1.5,
  repeatShare: 0.4,
  paragraphGap: 1.15,
  headingRatio: 1.12,
  footnoteRatio: 0.92,
}

const round = (n: number, step = 0.5): number => Math.round(n / step) * step

/** Runs into baseline groups, each split where a gap is too wide to be a space. */
export function linesOf(runs: PdfTextRun[], page: number, rules = DEFAULT_RULES): Line[] {
  const sorted = runs.filter((r) => r.text.length > 0).sort((a, b) => b.y - a.y || a.x - b.x)
  const groups: PdfTextRun[][] = []
  for (const run of sorted) {
    const group = groups[groups.length - 1]
    const base = group?.reduce((m, r) => (r.size > m.size ? r : m), group[0] as PdfTextRun)
    // Within half a size of the line's largest run: the same line (superscripts included).
    if (group && base && Math.abs(base.y - run.y) <= 0.5 * Math.max(base.size, run.size))
      group.push(run)
    else groups.push([run])
  }
  const lines: Line[] = []
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x)
    let pieces: PdfTextRun[] = []
    const flush = (): void => {
      const line = lineOf(pieces, page)
      if (line) lines.push(line)
      pieces = []
    }
    for (const run of group) {
      const prev = pieces[pieces.length - 1]
      // Measured in the smaller size: a heading beside a column's line is not a wider space.
      if (prev && run.x - (prev.x + prev.width) > rules.columnGap * Math.min(prev.size, run.size))
        flush()
      pieces.push(run)
    }
    flush()
  }
  return lines
}

function lineOf(runs: PdfTextRun[], page: number): Line | undefined {
  let text = ''
  let prev: PdfTextRun | undefined
  for (const run of runs) {
    if (prev) {
      const gap = run.x - (prev.x + prev.width)
      if (gap > 0.15 * Math.min(prev.size, run.size) && !/\s$/.test(text) && !/^\s/.test(run.text))
        text += ' '
    }
    // A run of the same font going on where the last one stopped has no space between them,
    // whatever pdf.js guessed (it adds one where an invisible soft hyphen moved the pen).
    const glued =
      prev &&
      prev.font === run.font &&
      Math.abs(run.x - (prev.x + prev.width)) < 0.05 * run.size &&
      /\p{L}$/u.test(text) &&
      /^ \p{Ll}/u.test(run.text)
    text += glued ? run.text.slice(1) : run.text
    prev = run
  }
  text = squashed(text)
  if (!text) return undefined
  // The line's size and weight are those of most of its letters (a superscript is not).
  const main = runs.reduce((m, r) => (r.text.length > m.text.length ? r : m), runs[0] as PdfTextRun)
  const base = runs.reduce((m, r) => (r.size > m.size ? r : m), runs[0] as PdfTextRun)
  const first = runs[0] as PdfTextRun
  const last = runs[runs.length - 1] as PdfTextRun
  return {
    text,
    x0: first.x,
    x1: last.x + last.width,
    y: base.y,
    size: main.size,
    bold: runs.filter((r) => r.text.trim()).every((r) => r.bold),
    page,
  }
}

const PAGE_NUMBER =
  /^(?:page\s*)?[-–—([]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?(?:\s*(?:of|\/|von|de)\s*\d{1,4})?$/i

const repeatKey = (line: Line): string =>
  `${Math.round(line.y / 4)}|${line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ')}`

/**
 * Lines in the top or bottom band of a page that recur at the same height on many pages
 * (digits aside, so "Page 3 of 9" matches "Page 4 of 9"), and lone page numbers there. A
 * page's outermost line needs fewer: recurring as another page's outermost line at that
 * height is enough, as a book's running head names its chapter ("Chapter 2: Naming 3") only
 * for that chapter's few pages.
 */
export function withoutRunningLines(
  pages: { lines: Line[]; height: number }[],
  rules = DEFAULT_RULES,
): Line[][] {
  const band = (line: Line, height: number): boolean =>
    line.y > height * 0.86 || line.y < height * 0.14
  const edges = pages.map(({ lines }) => ({
    top: lines.length ? Math.max(...lines.map((l) => l.y)) : 0,
    bottom: lines.length ? Math.min(...lines.map((l) => l.y)) : 0,
  }))
  const outermost = (l: Line, i: number): boolean =>
    Math.abs(l.y - (edges[i]?.top ?? 0)) < 1 || Math.abs(l.y - (edges[i]?.bottom ?? 0)) < 1
  const counts = new Map<string, number>()
  const outerCounts = new Map<string, number>()
  pages.forEach(({ lines, height }, i) => {
    const inBand = lines.filter((l) => band(l, height))
    for (const k of new Set(inBand.map(repeatKey))) counts.set(k, (counts.get(k) ?? 0) + 1)
    const outer = inBand.filter((l) => outermost(l, i))
    for (const k of new Set(outer.map(repeatKey))) outerCounts.set(k, (outerCounts.get(k) ?? 0) + 1)
  })
  const needed = Math.max(2, Math.ceil(rules.repeatShare * pages.length))
  return pages.map(({ lines, height }, i) => {
    if (!lines.length) return lines
    return lines.filter((l) => {
      if (!band(l, height)) return true
      if ((counts.get(repeatKey(l)) ?? 0) >= needed) return false
      if (!outermost(l, i)) return true
      if ((outerCounts.get(repeatKey(l)) ?? 0) >= 2) return false
      // A lone number at the very top or foot of the page is its number.
      return !PAGE_NUMBER.test(l.text)
    })
  })
}

/** The most common of a measure, weighted (e.g. sizes by letters). */
function mode(values: [number, number][]): number | undefined {
  const counts = new Map<number, number>()
  for (const [v, w] of values) counts.set(v, (counts.get(v) ?? 0) + w)
  let best: number | undefined
  let bestCount = -1
  for (const [v, c] of counts)
    if (c > bestCount) {
      best = v
      bestCount = c
    }
  return best
}

/**
 * The page's lines in reading order, each with its column (0 for a single column or a line
 * across both). Two columns are recognised by a vertical gutter in the middle of the text
 * that no body line crosses; lines that do cross it (a title, a wide heading) cut the page
 * into bands, each read left column first.
 */
export function readingOrder(lines: Line[], bodySize: number): Placed[] {
  const byHeight = [...lines].sort((a, b) => b.y - a.y || a.x0 - b.x0)
  const body = lines.filter((l) => Math.abs(l.size - bodySize) <= 0.15 * bodySize)
  const gutter = findGutter(body, bodySize)
  const out: Omit<Placed, 'right'>[] = []
  if (gutter === undefined) out.push(...byHeight.map((l) => ({ ...l, column: 0 })))
  else {
    let left: Line[] = []
    let right: Line[] = []
    const flushBand = (): void => {
      out.push(
        ...left.map((l) => ({ ...l, column: 1 })),
        ...right.map((l) => ({ ...l, column: 2 })),
      )
      left = []
      right = []
    }
    for (const line of byHeight) {
      if (line.x1 <= gutter) left.push(line)
      else if (line.x0 >= gutter) right.push(line)
      else {
        flushBand()
        out.push({ ...line, column: 0 })
      }
    }
    flushBand()
  }
  // Where the column's body text ends on the right, to tell a paragraph's short last line.
  const rightEdge = new Map<number, number>()
  for (const l of out)
    if (Math.abs(l.size - bodySize) <= 0.15 * bodySize)
      rightEdge.set(l.column, Math.max(rightEdge.get(l.column) ?? 0, l.x1))
  return out.map((l) => ({ ...l, right: rightEdge.get(l.column) ?? l.x1 }))
}

function findGutter(body: Line[], size: number): number | undefined {
  if (body.length < 4) return undefined
  const x0 = Math.min(...body.map((l) => l.x0))
  const x1 = Math.max(...body.map((l) => l.x1))
  const width = x1 - x0
  if (width <= 0) return undefined
  const cover = new Uint16Array(Math.ceil(width) + 1)
  for (const l of body)
    for (let x = Math.floor(l.x0 - x0); x < Math.ceil(l.x1 - x0) && x < cover.length; x++)
      cover[x] = (cover[x] ?? 0) + 1
  // The widest uncovered stretch in the middle half of the text.
  let best: [number, number] | undefined
  let start = -1
  const from = Math.floor(width * 0.25)
  const to = Math.ceil(width * 0.75)
  for (let x = from; x <= to; x++) {
    const empty = (cover[x] ?? 0) === 0
    if (empty && start < 0) start = x
    if ((!empty || x === to) && start >= 0) {
      const end = empty ? x + 1 : x
      if (!best || end - start > best[1] - best[0]) best = [start, end]
      start = -1
    }
  }
  if (!best || best[1] - best[0] < 0.8 * size) return undefined
  const gutter = x0 + (best[0] + best[1]) / 2
  const leftCount = body.filter((l) => l.x1 <= gutter).length
  const rightCount = body.filter((l) => l.x0 >= gutter).length
  return leftCount >= 2 && rightCount >= 2 ? gutter : undefined
}

interface Paragraph {
  lines: Placed[]
  footnote: boolean
}

/**
 * A table-of-contents line: a title, a dot leader, a page number. Page numbers mean nothing
 * once the text flows, so the entry is kept as a list item with its title only.
 */
const CONTENTS_ENTRY = /(?:\s*\.){4,}\s*(?:\d{1,4}|[ivxlcdm]{1,7})$/i

const ENDS_SENTENCE = /[.!?…:;]["'”’»)\]]*$/
const STARTS_LOWER = /^["'“‘(]?\p{Ll}/u

/** Joins the next line onto a paragraph's text, undoing an end-of-line hyphen if it was one. */
export function joinLines(text: string, next: string, vocabulary: ReadonlySet<string>): string {
  if (text.endsWith('\u00ad')) return text.slice(0, -1) + next
  const hyphen = /(\p{L}+)[-\u2010]$/u.exec(text)
  if (hyphen && /^\p{Ll}/u.test(next)) {
    const head = hyphen[1] as string
    const tail = /^\p{L}+/u.exec(next)?.[0] ?? ''
    const joined = (head + tail).toLowerCase()
    const compound = `${head}-${tail}`.toLowerCase()
    // The document itself says which it is: the word written whole, or as a compound.
    const keep =
      !vocabulary.has(joined) &&
      (vocabulary.has(compound) ||
        (vocabulary.has(head.toLowerCase()) && vocabulary.has(tail.toLowerCase())))
    return keep ? text + next : text.slice(0, -1) + next
  }
  // Before a capital (Anglo-Saxon) the hyphen is the word's own.
  if (hyphen && /^\p{Lu}/u.test(next)) return text + next
  return `${text} ${next}`
}

/** Every word (and hyphenated compound) the document writes within a line. */
export function vocabularyOf(lines: Line[]): Set<string> {
  const words = new Set<string>()
  for (const l of lines) {
    // The last word of a line may be half a hyphenated word: not evidence.
    const inner = l.text.replace(/\S*[-\u2010\u00ad]$/u, '')
    for (const w of inner.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) {
      words.add(w)
      for (const part of w.split('-')) words.add(part)
    }
  }
  return words
}

export interface LayoutResult {
  blocks: Block[]
  bodySize: number
}

/** The whole document's pages into blocks. */
export function layoutPages(pages: PdfPage[], rules = DEFAULT_RULES): LayoutResult {
  const raw = pages.map((p, i) => ({ lines: linesOf(p.runs, i, rules), height: p.height }))
  const kept = withoutRunningLines(raw, rules)
  const all = kept.flat()
  const bodySize = mode(all.map((l) => [round(l.size), l.text.length])) ?? 11
  const vocabulary = vocabularyOf(all)
  const leading = bodyLeading(kept, bodySize)

  const paragraphs: Paragraph[] = []
  let pendingNotes: Paragraph[] = []
  for (const lines of kept) {
    const ordered = readingOrder(lines, bodySize)
    const notes = footnotesOf(ordered, bodySize, rules)
    const flow = ordered.filter((l) => !notes.has(l))
    const pageParagraphs = paragraphsOf(flow, leading, bodySize, rules)
    const first = pageParagraphs[0]
    const prev = paragraphs[paragraphs.length - 1]
    // A paragraph cut by the page break goes on; this page's notes wait until it ends.
    if (first && prev && continues(prev, first, bodySize, rules)) {
      prev.lines.push(...first.lines)
      pageParagraphs.shift()
      if (pageParagraphs.length) {
        paragraphs.push(...pendingNotes)
        pendingNotes = []
      }
    } else {
      paragraphs.push(...pendingNotes)
      pendingNotes = []
    }
    paragraphs.push(...pageParagraphs)
    pendingNotes.push(
      ...paragraphsOf(
        ordered.filter((l) => notes.has(l)),
        leading,
        bodySize,
        rules,
        true,
      ),
    )
  }
  paragraphs.push(...pendingNotes)
  return { blocks: toBlocks(paragraphs, bodySize, vocabulary, rules), bodySize }
}

/** The usual distance between consecutive body lines of one column. */
function bodyLeading(pages: Line[][], bodySize: number): number {
  const gaps: [number, number][] = []
  for (const lines of pages) {
    const body = lines
      .filter((l) => Math.abs(l.size - bodySize) <= 0.1 * bodySize)
      .sort((a, b) => a.x0 - b.x0 || b.y - a.y)
    const byColumn = new Map<number, Line[]>()
    for (const l of body) {
      const key = Math.round(l.x0 / (bodySize * 4))
      byColumn.set(key, [...(byColumn.get(key) ?? []), l])
    }
    for (const col of byColumn.values()) {
      col.sort((a, b) => b.y - a.y)
      for (let i = 1; i < col.length; i++) {
        const gap = (col[i - 1] as Line).y - (col[i] as Line).y
        if (gap > 0.9 * bodySize && gap < 3 * bodySize) gaps.push([round(gap), 1])
      }
    }
  }
  return mode(gaps) ?? bodySize * 1.2
}

/**
 * Small lines at the foot of a page, below its body text, that open with a note mark
 * (a number or a symbol): the page's footnotes.
 */
function footnotesOf(ordered: Placed[], bodySize: number, rules: LayoutRules): Set<Line> {
  const notes = new Set<Line>()
  const body = ordered.filter((l) => l.size >= bodySize * rules.footnoteRatio)
  if (!body.length) return notes
  for (const column of new Set(ordered.map((l) => l.column))) {
    const inColumn = ordered.filter((l) => l.column === column)
    const lowestBody = Math.min(
      ...inColumn.filter((l) => l.size >= bodySize * rules.footnoteRatio).map((l) => l.y),
    )
    const below = inColumn.filter(
      (l) => l.y < lowestBody && l.size < bodySize * rules.footnoteRatio,
    )
    if (below.length && /^(?:\d{1,3}|[*†‡§¶])/.test(below[0]?.text ?? ''))
      for (const l of below) notes.add(l)
  }
  return notes
}

function paragraphsOf(
  lines: Placed[],
  leading: number,
  bodySize: number,
  rules: LayoutRules,
  footnote = false,
): Paragraph[] {
  const out: Paragraph[] = []
  let current: Paragraph | undefined
  for (const line of lines) {
    const prev = current?.lines[current.lines.length - 1]
    if (current && prev && !breaksBetween(prev, line, leading, bodySize, rules, footnote)) {
      current.lines.push(line)
      continue
    }
    if (
      current &&
      prev &&
      prev.column !== line.column &&
      continues(current, { lines: [line], footnote }, bodySize, rules)
    ) {
      current.lines.push(line)
      continue
    }
    current = { lines: [line], footnote }
    out.push(current)
  }
  return out
}

function breaksBetween(
  a: Placed,
  b: Placed,
  leading: number,
  bodySize: number,
  rules: LayoutRules,
  footnote: boolean,
): boolean {
  const gap = a.y - b.y
  if (gap <= 0) return true
  if (CONTENTS_ENTRY.test(a.text)) return true
  const expected = Math.max(leading * (Math.max(a.size, b.size) / bodySize), 1.05 * b.size)
  if (gap > rules.paragraphGap * expected) return true
  // From a line across both columns, only straight down to the next (a title's second line).
  if (a.column !== b.column && (a.column !== 0 || Math.abs(a.x0 - b.x0) > b.size)) return true
  if (Math.abs(a.size - b.size) > 0.1 * bodySize || a.bold !== b.bold) return true
  // A footnote starts with its mark.
  if (footnote && /^(?:\d{1,3}|[*†‡§¶])\s/.test(b.text)) return true
  // A first-line indent, after a line that ended a sentence.
  return b.x0 - a.x0 > 0.8 * b.size && b.x0 - a.x0 < 4 * b.size && ENDS_SENTENCE.test(a.text)
}

/** Whether a paragraph cut at a column's or page's end goes on in the next one. */
function continues(
  prev: Paragraph,
  next: Paragraph,
  bodySize: number,
  rules: LayoutRules,
): boolean {
  if (prev.footnote !== next.footnote) return false
  const a = prev.lines[prev.lines.length - 1] as Placed
  const b = next.lines[0] as Placed
  if (isHeadingSized(a, bodySize, rules) || isHeadingSized(b, bodySize, rules)) return false
  if (Math.abs(a.size - b.size) > 0.1 * bodySize || a.bold !== b.bold) return false
  // A line that stops well short of the column's edge ended its paragraph.
  if (a.right - a.x1 > 4 * a.size && !/[-\u2010\u00ad]$/.test(a.text)) return false
  return !ENDS_SENTENCE.test(a.text) || STARTS_LOWER.test(b.text)
}

const isHeadingSized = (l: Line, bodySize: number, rules: LayoutRules): boolean =>
  l.size >= bodySize * rules.headingRatio

function toBlocks(
  paragraphs: Paragraph[],
  bodySize: number,
  vocabulary: ReadonlySet<string>,
  rules: LayoutRules,
): Block[] {
  const texts = paragraphs.map((p) =>
    p.lines.slice(1).reduce((t, l) => joinLines(t, l.text, vocabulary), (p.lines[0] as Line).text),
  )
  const headingSize = (p: Paragraph, text: string): number | undefined => {
    const first = p.lines[0] as Line
    if (p.footnote || p.lines.length > 3 || text.length > 200) return undefined
    if (first.size >= bodySize * rules.headingRatio) return round(first.size)
    // Bold at the body's size, on a line of its own, not a sentence: the smallest heading.
    if (first.bold && p.lines.every((l) => l.bold) && text.length <= 120 && !/[.,;]$/.test(text))
      return round(bodySize)
    return undefined
  }
  const sizes = paragraphs.map((p, i) => headingSize(p, texts[i] as string))
  const levels = [...new Set(sizes.filter((s): s is number => s !== undefined))].sort(
    (a, b) => b - a,
  )
  // Contents entries nest by their indent from the leftmost entry.
  const entryX = paragraphs
    .filter((_, i) => CONTENTS_ENTRY.test(texts[i] as string))
    .map((p) => (p.lines[0] as Line).x0)
  const entryLeft = entryX.length ? Math.min(...entryX) : 0
  return paragraphs.map((p, i) => {
    const text = texts[i] as string
    const size = sizes[i]
    if (CONTENTS_ENTRY.test(text))
      return {
        type: 'listItem' as const,
        ordered: false,
        depth: Math.min(3, Math.round(((p.lines[0] as Line).x0 - entryLeft) / (1.5 * bodySize))),
        text: text.replace(CONTENTS_ENTRY, '').trim(),
      }
    return size === undefined
      ? { type: 'paragraph' as const, text }
      : { type: 'heading' as const, level: Math.min(6, levels.indexOf(size) + 1), text }
  })
}
