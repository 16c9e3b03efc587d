/**
 * What a bookmark's anchor keeps in memory: its own words, not the article they came from.
 * A slice of a joined article text keeps the whole text alive, so a reader bookmarking a book
 * would hold one copy of the book per bookmark until the app quits.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { describePassage, resolveAnchors } from '../../../../src/main/services/anchoring'

setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void

/** A book of `count` paragraphs of distinct text, about 1.3 MB in all. */
function book(count: number, seed: number): string[] {
  return Array.from(
    { length: count },
    (_, p) => `Book ${seed}, paragraph ${p}: ${'the road wound on past the mill — ’ '.repeat(20)}`,
  )
}

describe('an anchor in memory', () => {
  it('holds its own words, not a copy of the article per bookmark', () => {
    const anchors = []
    collect()
    const before = process.memoryUsage().heapUsed
    // A fresh article each time, as different books are: kept alive only by what anchors hold.
    for (let i = 0; i < 40; i++) {
      const paragraphs = book(1_000, i)
      const anchor = describePassage(paragraphs, {
        paragraph: 500,
        start: 0,
        end: 40,
        endParagraph: 501,
      })
      expect(resolveAnchors(paragraphs, [anchor])[0]).toMatchObject({ paragraph: 500, start: 0 })
      anchors.push(anchor)
    }
    collect()
    const grown = process.memoryUsage().heapUsed - before
    // 40 books of ~1.3 MB (two bytes a character, for the ’) would be over 100 MB.
    expect(grown).toBeLessThan(20 * 2 ** 20)
    expect(anchors[39]?.quote.exact).toContain('Book 39, paragraph 500')
  })
})
