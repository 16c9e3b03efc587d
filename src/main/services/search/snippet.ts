/** Excerpts of a paragraph around what matched, with the matched words located. */
import type { Range } from '../../../shared/types'
import { scan, type Token } from './analyzer'
import type { ParsedQuery } from './parseQuery'

/** About two lines of the results list. */
export const SNIPPET_CHARS = 200
const LEAD = 40

export interface Snippet {
  snippet: string
  marks: Range[]
}

/** Matched tokens in order, none overlapping: a compound matched whole is marked whole. */
function matchesIn(text: string, terms: Set<string>, query: ParsedQuery): Token[] {
  // Only the matches become tokens: a search makes a snippet of every paragraph it lists.
  const hits: Token[] = []
  const prefix = query.prefix
  const phraseWords = new Set(query.phrases.flat())
  scan(text, (surface, term, start, end) => {
    if (
      (term !== null && terms.has(term)) ||
      (prefix !== null && surface.startsWith(prefix)) ||
      phraseWords.has(surface)
    ) {
      hits.push({ surface, term, start, end })
    }
  })
  hits.sort((a, b) => a.start - b.start || b.end - a.end)
  const out: Token[] = []
  for (const h of hits) if (h.start >= (out.at(-1)?.end ?? 0)) out.push(h)
  return out
}

/**
 * Picks the window of the paragraph holding the most matches and marks them. `terms` are
 * the reader's own words (as index terms, so every form of a word is marked), never the
 * words feedback added.
 */
export function makeSnippet(text: string, terms: Set<string>, query: ParsedQuery): Snippet {
  const hits = matchesIn(text, terms, query)
  let from = 0
  if (text.length > SNIPPET_CHARS && hits.length) {
    // Each window starts a little before a match; the first holding the most matches wins.
    // The matches are in order and apart, so a window's are a run of them: [first, end).
    let best = -1
    let first = 0
    let end = 0
    for (const h of hits) {
      const start = Math.max(0, h.start - LEAD)
      while (first < hits.length && (hits[first] as Token).start < start) first++
      while (end < hits.length && (hits[end] as Token).end <= start + SNIPPET_CHARS) end++
      const count = Math.max(0, end - first)
      if (count > best) {
        best = count
        from = start
      }
    }
  }
  let to = Math.min(text.length, from + SNIPPET_CHARS)
  // Cut at word boundaries.
  if (from > 0) {
    const space = text.indexOf(' ', from)
    if (space !== -1 && space < from + LEAD) from = space + 1
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to)
    if (space > from) to = space
  }
  const head = from > 0 ? '…' : ''
  const tail = to < text.length ? '…' : ''
  const snippet = head + text.slice(from, to) + tail
  const shift = head.length - from
  const marks: Range[] = hits
    .filter((h) => h.start >= from && h.end <= to)
    .map((h) => [h.start + shift, h.end + shift])
  return { snippet, marks }
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string)
}

/** The snippet as HTML: the text escaped first, `<mark>` added around the matches after. */
export function snippetHtml({ snippet, marks }: Snippet): string {
  let html = ''
  let at = 0
  for (const [start, end] of marks) {
    html += `${escapeHtml(snippet.slice(at, start))}<mark>${escapeHtml(snippet.slice(start, end))}</mark>`
    at = end
  }
  return html + escapeHtml(snippet.slice(at))
}
