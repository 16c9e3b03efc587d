import type { Palette, PlacedBookmark } from '../../../shared/types'

/** A paragraph's bookmarks, by paragraph index, in the order they appear in it. */
export function bookmarksByParagraph(
  bookmarks: readonly PlacedBookmark[],
  articleId: string,
): Map<number, PlacedBookmark[]> {
  const byParagraph = new Map<number, PlacedBookmark[]>()
  for (const b of bookmarks) {
    if (!b.placed || b.articleId !== articleId) continue
    byParagraph.set(b.placed.paragraph, [...(byParagraph.get(b.placed.paragraph) ?? []), b])
  }
  return byParagraph
}

const NOTE_CHARS = 300

/**
 * Highlights are painted by the browser, out of reach of screen readers; this says the same in
 * words, just before the paragraph, for them only: colour name, the words, and the note.
 */
export function BookmarkSummary({
  bookmarks,
  palette,
}: {
  bookmarks: PlacedBookmark[]
  palette: Palette
}) {
  return (
    <span className="visually-hidden bookmark-summary">
      {bookmarks.map((b) => {
        const note = b.note.trim()
        const shortNote = note.length > NOTE_CHARS ? `${note.slice(0, NOTE_CHARS)}…` : note
        return (
          <span key={b.id}>
            {`Highlighted in ${b.color}, ${palette[b.color].name}: “${b.anchor.quote.exact}”.`}
            {shortNote && ` Note: ${shortNote}`}{' '}
          </span>
        )
      })}
    </span>
  )
}
