/** How the CLI prints things for people (JSON output needs no help). */
import type {
  Annotation,
  Article,
  ArticleSummary,
  Palette,
  PlacedBookmark,
  SearchResult,
} from '../../shared/types'

export const metaLine = (a: ArticleSummary): string =>
  [a.author, a.source, a.date, `${a.words} words`].filter(Boolean).join(' · ')

export function printList(articles: ArticleSummary[]): string {
  return articles.map((a) => `${a.id}  ${a.title}\n    ${metaLine(a)}`).join('\n') + '\n'
}

export function printArticle(a: Article): string {
  return `${a.title}\n${metaLine(a)}\n\n${a.paragraphs.join('\n\n')}\n`
}

export function printSearch(result: SearchResult): string {
  // A word that matched nothing was replaced by the library's nearest word: say so first,
  // as the search box does, so the reader knows what the hits answer.
  const corrected = result.showingResultsFor
    ? `Showing results for "${result.showingResultsFor}".\n`
    : ''
  if (result.hits.length === 0) return `${corrected}No matches for "${result.query}".\n`
  const label = { passage: '', bookmark: '[bookmark] ', note: '[note] ' }
  return (
    corrected +
    result.hits
      .map(
        (h) =>
          `${h.articleId} ¶${h.paragraph}  ${h.score.toFixed(2)}  ${label[h.kind]}${h.title}\n    ${h.snippet}`,
      )
      .join('\n') +
    '\n'
  )
}

const indent = (text: string): string => text.replace(/^/gm, '    ')

export function printBookmark(b: PlacedBookmark, palette: Palette): string {
  const where = b.placed
    ? `¶${b.placed.paragraph}${b.placed.endParagraph === undefined ? '' : `–${b.placed.endParagraph}`}`
    : 'orphaned: passage not found'
  const tags = b.tags.length ? `  ${b.tags.map((t) => `#${t}`).join(' ')}` : ''
  const note = b.note ? `\n${indent(b.note)}` : ''
  return `${b.id}  ${b.articleId} ${where}  ${b.color} (${palette[b.color].name})${tags}\n    “${b.anchor.quote.exact}”${note}\n`
}

export function printNote(n: Annotation & { type: 'note' }): string {
  const tags = n.tags.length ? `  ${n.tags.map((t) => `#${t}`).join(' ')}` : ''
  return `${n.id}  ${n.articleId}  ${n.modified}${tags}\n${indent(n.text)}\n`
}
