/** How alike two pieces of text are, measured in edits (insertions, deletions, substitutions). */
import search from 'approx-string-match'

/**
 * 1 when `pattern` occurs in `text`, falling towards 0 with each edit its closest occurrence
 * needs; 0 when either is empty. Used on the few characters either side of a candidate, as in
 * Hypothesis's matchQuote.
 */
export function textMatchScore(text: string, pattern: string): number {
  if (text.length === 0 || pattern.length === 0) return 0
  const [closest] = search(text, pattern, pattern.length)
  return closest ? 1 - closest.errors / pattern.length : 0
}

/** Long patterns are aligned a piece at a time so the cost stays linear in their length. */
const PIECE_LENGTH = 256

/**
 * An upper bound on the edits between `pattern` and `span`, for spans that start and end where
 * the pattern's first and last words were found. The pattern is laid along the span a piece at
 * a time, each piece fuzzily matched just after the last; text skipped between pieces or left
 * over at the end counts as inserted. Exact for small edits, pessimistic for scrambled text,
 * which is the safe side for deciding whether a passage survived an edit.
 */
export function alignedErrors(span: string, pattern: string): number {
  let errors = 0
  let cursor = 0
  for (let at = 0; at < pattern.length; at += PIECE_LENGTH) {
    const piece = pattern.slice(at, at + PIECE_LENGTH)
    const reach = piece.length + Math.ceil(piece.length / 4) + 16
    const window = span.slice(cursor, cursor + reach)
    const [closest] = search(window, piece, piece.length).sort((a, b) => a.start - b.start)
    if (!closest) {
      errors += piece.length
      continue
    }
    errors += closest.errors + closest.start
    cursor += closest.end
  }
  return errors + span.length - cursor
}
