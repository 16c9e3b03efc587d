/** The fields of a block that decide a list item's number; other kinds only end a list. */
export interface NumberedBlock {
  type: string
  ordered?: boolean
  depth?: number
}

/**
 * The number each ordered list item shows: its place among the items before it at its depth,
 * by block index. The reader draws it and the plain text writes it, so both say the same. A
 * picture inside a list does not end it (the reader draws pictures between paragraphs).
 */
export function listNumbers(blocks: readonly NumberedBlock[] | undefined): Map<number, number> {
  const numbers = new Map<number, number>()
  if (!blocks) return numbers
  const counters: number[] = []
  blocks.forEach((b, i) => {
    if (b.type === 'image') return
    if (b.type !== 'listItem' || b.depth === undefined) {
      counters.length = 0
      return
    }
    counters.length = b.depth + 1
    counters[b.depth] = (counters[b.depth] ?? 0) + 1
    if (b.ordered) numbers.set(i, counters[b.depth] as number)
  })
  return numbers
}
