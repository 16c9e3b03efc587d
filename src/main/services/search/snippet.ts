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

function isMatch(
  surface: string,
  term: string | null,
  terms: Set<string>,
  query: ParsedQuery,
): boolean {
  if (term && terms.has(term)) return true
  if (query.prefix && surface.startsWith(query.prefix)) return true
  return query.phrases.some((p) => p.includes(surface))
}

/** Matched tokens in order, none overlapping: a compound matched whole is marked whole. */
function matchesIn(text: string, terms: Set<string>, query: ParsedQuery): Token[] {
  // Only the matches become tokens: a search makes a snippet of every paragraph it lists.
  const hits: Token[] = []
  scan(text, (surface, term, start, end) => {
    if (isMatch(surface, term, terms, query)) hits.push({ surface, term, start, end })
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
    let best = -1
    for (const h of hits) {
      const start = Math.max(0, h.start - LEAD)
      const count = hits.filter((o) => o.start >= start && o.end <= start + SNIPPET_CHARS).length
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
