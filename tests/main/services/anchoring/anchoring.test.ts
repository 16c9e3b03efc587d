import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  articleText,
  describePassage,
  resolveAnchor,
  resolveAnchors,
  textHash,
} from '../../../../src/main/services/anchoring'
import { LecternError } from '../../../../src/shared/reply'
import type { Anchor, ResolvedAnchor } from '../../../../src/shared/types'

/** Made from seed 002 by tests/fixtures/anchoring/make-fixtures.ts; read here, not regenerated. */
const FIXTURES = join(import.meta.dirname, '../../../fixtures/anchoring')
const load = <T>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T

const article = load<string[]>('article.json')
const bookmarks = load<Record<string, Anchor>>('bookmarks.json')
const moved = load<string[]>('edited-moved.json')
const words = load<string[]>('edited-words.json')
const removed = load<string[]>('edited-removed.json')

/** What the passages edited in edited-words.json read as now. */
const EDITED_PASSAGES: Record<string, string> = {
  sentence:
    'This is not a far-fetched argument considering that in Russia, as in most other places in the world, money and politics are closely intertwined.',
  wholeParagraph:
    'Taking into account that Israel is a heavily subsidised entity with a relatively small population, its $5 billion trade with Russia is a significant political and economic factor in Israel’s longevity as an occupying entity.',
  quotation:
    'NATO’s ability to destabilise Syria will remain in place for years to come, whether in the form of foreign-based militias, Idlib-type Wahhabistans or Europe-based “opposition”.',
  articleEnd:
    'The objective of Israel will be to widen a gap between Iran and Russia, an objective that is difficult to achieve in the Middle East, but much easier to accomplish in the post-Soviet region once the status quo there is inevitably shaken.',
}
/** The bookmarks whose paragraphs edited-removed.json leaves out. */
const REMOVED = ['sentence', 'names']

const textAt = (paragraphs: readonly string[], r: ResolvedAnchor): string =>
  (paragraphs[r.paragraph] ?? '').slice(r.start, r.end)

const occurrences = (text: string, words: string): number => text.split(words).length - 1

/** Shared length over combined length of two ranges in the same paragraph. */
function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start)
  return Math.max(0, shared) / (Math.max(a.end, b.end) - Math.min(a.start, b.start))
}

function expectInvalid(make: () => unknown): void {
  let error: unknown
  try {
    make()
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(LecternError)
  expect((error as LecternError).code).toBe('invalid-argument')
  expect((error as LecternError).message.length).toBeGreaterThan(10)
}

describe('describePassage', () => {
  it('saves the words, up to 32 characters of context either side and the text hash', () => {
    const text = articleText(article)
    for (const anchor of Object.values(bookmarks)) {
      const { paragraph, start, end } = anchor.position
      expect(anchor.quote.exact).toBe(article[paragraph]?.slice(start, end))
      const at = text.indexOf(article[paragraph] as string) + start
      expect(anchor.quote.prefix).toBe(text.slice(Math.max(0, at - 32), at))
      expect(anchor.quote.suffix).toBe(text.slice(at + end - start, at + end - start + 32))
      expect(anchor.quote.prefix.length).toBeLessThanOrEqual(32)
      expect(anchor.quote.suffix.length).toBeLessThanOrEqual(32)
      expect(anchor.textHash).toBe(textHash(article))
    }
  })

  it('keeps context across paragraph breaks and none beyond the ends of the article', () => {
    expect(bookmarks.articleStart?.quote.prefix).toBe('')
    expect(bookmarks.articleEnd?.quote.suffix).toBe('')
    expect(bookmarks.paragraphStart?.quote.prefix).toBe(' in order not to anger Moscow.\n\n')
    expect(bookmarks.names?.quote.suffix).toBe('.\n\nThe true test of Russia-Israe')
    const tiny = describePassage(['a', 'bc', 'd'], { paragraph: 1, start: 0, end: 1 })
    expect(tiny.quote).toEqual({ exact: 'b', prefix: 'a\n\n', suffix: 'c\n\nd' })
  })

  it('never keeps half of an emoji in the context', () => {
    const paragraph = '😀'.repeat(20) + ' target ' + '😀'.repeat(20)
    const start = paragraph.indexOf('target')
    const { quote } = describePassage([paragraph], { paragraph: 0, start, end: start + 6 })
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
    expect(quote.prefix).not.toMatch(loneSurrogate)
    expect(quote.suffix).not.toMatch(loneSurrogate)
    expect(quote.prefix.endsWith('😀 ')).toBe(true)
  })

  it('rejects positions that are not a passage of the article', () => {
    const at = (paragraph: number, start: number, end: number) => () =>
      describePassage(article, { paragraph, start, end })
    const length = article[3]?.length ?? 0
    expectInvalid(at(-1, 0, 5))
    expectInvalid(at(999, 0, 5))
    expectInvalid(at(article.length, 0, 5))
    expectInvalid(at(1.5, 0, 5))
    expectInvalid(at(3, 10, 5))
    expectInvalid(at(3, 5, 5))
    expectInvalid(at(3, -1, 5))
    expectInvalid(at(3, 0, length + 1))
    expectInvalid(at(3, 0.5, 5))
    expectInvalid(at(3, 0, Number.NaN))
    expectInvalid(at(3, 0, Infinity))
    expectInvalid(() => describePassage(['one   two'], { paragraph: 0, start: 3, end: 6 }))
    expectInvalid(() => describePassage([], { paragraph: 0, start: 0, end: 1 }))
  })
})

describe('textHash', () => {
  it('is the SHA-256 of the paragraphs joined by blank lines, and changes with the text', () => {
    expect(articleText(['a', 'b'])).toBe('a\n\nb')
    expect(textHash(article)).toMatch(/^[0-9a-f]{64}$/)
    expect(textHash([...article])).toBe(textHash(article))
    expect(textHash(words)).not.toBe(textHash(article))
    expect(textHash(['a b'])).not.toBe(textHash(['a', 'b']))
    expect(textHash(['a.'])).not.toBe(textHash(['a']))
  })
})

describe('resolveAnchor on the saved fixtures', () => {
  it('finds every bookmark at its saved position in the original article', () => {
    for (const [name, anchor] of Object.entries(bookmarks)) {
      expect(resolveAnchor(article, anchor), name).toEqual({
        ...anchor.position,
        method: 'position',
      })
    }
  })

  it('finds moved paragraphs by their exact quote, telling a repeated phrase apart by context', () => {
    for (const [name, anchor] of Object.entries(bookmarks)) {
      const found = resolveAnchor(moved, anchor)
      const paragraph = moved.indexOf(article[anchor.position.paragraph] as string)
      expect(found, name).toMatchObject({ paragraph, method: 'quote' })
      expect(textAt(moved, found as ResolvedAnchor), name).toBe(anchor.quote.exact)
    }
    // "in Syria" is in the article many times and in the repeated phrase's old paragraph too.
    const repeated = bookmarks.repeatedPhrase as Anchor
    expect(occurrences(articleText(moved), 'in Syria')).toBeGreaterThan(10)
    expect(moved[repeated.position.paragraph]).toContain('in Syria')
    expect(resolveAnchor(moved, repeated)).toEqual({
      paragraph: moved.indexOf(article[14] as string),
      start: repeated.position.start,
      end: repeated.position.end,
      method: 'quote',
    })
  })

  it('finds edited passages fuzzily and the untouched ones as before', () => {
    for (const [name, anchor] of Object.entries(bookmarks)) {
      const found = resolveAnchor(words, anchor)
      const edited = EDITED_PASSAGES[name]
      if (!edited) {
        expect(found?.method, name).toMatch(/^(position|quote)$/)
        expect(textAt(words, found as ResolvedAnchor), name).toBe(anchor.quote.exact)
        continue
      }
      const paragraph = anchor.position.paragraph
      const start = words[paragraph]?.indexOf(edited) ?? -1
      expect(start, name).toBeGreaterThanOrEqual(0)
      expect(found, name).toMatchObject({ paragraph, method: 'fuzzy' })
      const range = found as ResolvedAnchor
      expect(overlap(range, { start, end: start + edited.length }), name).toBeGreaterThan(0.95)
    }
  })

  it('orphans bookmarks whose paragraphs were deleted and still finds the rest', () => {
    for (const [name, anchor] of Object.entries(bookmarks)) {
      const found = resolveAnchor(removed, anchor)
      if (REMOVED.includes(name)) {
        expect(articleText(removed), name).not.toContain(anchor.quote.exact)
        expect(found, name).toBeNull()
      } else {
        expect(found?.method, name).toMatch(/^(position|quote)$/)
        expect(textAt(removed, found as ResolvedAnchor), name).toBe(anchor.quote.exact)
      }
    }
  })

  it('resolves many anchors at once exactly as one by one', () => {
    for (const version of [article, moved, words, removed]) {
      const anchors = Object.values(bookmarks)
      expect(resolveAnchors(version, anchors)).toEqual(
        anchors.map((a) => resolveAnchor(version, a)),
      )
    }
  })
})

describe('resolveAnchor in harder cases', () => {
  it('finds a long passage by its two ends when words inside it changed', () => {
    const anchor = describePassage(article, {
      paragraph: 11,
      start: 0,
      end: (article[11] as string).length,
    })
    expect(anchor.quote.exact.length).toBeGreaterThan(256)
    const edited = [...article]
    edited[11] = (article[11] as string)
      .replace('not difficult', 'hardly difficult')
      .replace('regularly informs', 'routinely informs')
      .replace('2015 visit', '2015 trip')
    expect(resolveAnchor(edited, anchor)).toEqual({
      paragraph: 11,
      start: 0,
      end: (edited[11] as string).length,
      method: 'fuzzy',
    })
  })

  it('orphans a long passage when only its ends survive', () => {
    const anchor = describePassage(article, { paragraph: 11, start: 0, end: 574 })
    const exact = anchor.quote.exact
    const middle = 'Something else entirely was written here by a later editor. '.repeat(8)
    const edited = [...article]
    edited[11] = exact.slice(0, 80) + middle.slice(0, exact.length - 160) + exact.slice(-80)
    expect(edited[11]?.length).toBe(exact.length)
    expect(resolveAnchor(edited, anchor)).toBeNull()
  })

  it('keeps a passage split across two paragraphs to the part holding most of it', () => {
    const sentence =
      'Moscow regularly coordinates its military actions with Iran and its allies in Syria, as they are the ones who conduct the actual ground battle.'
    const start = (article[12] as string).indexOf(sentence)
    const anchor = describePassage(article, { paragraph: 12, start, end: start + sentence.length })
    const cut = (article[12] as string).indexOf(' as they are')
    const edited = [
      ...article.slice(0, 12),
      (article[12] as string).slice(0, cut),
      (article[12] as string).slice(cut + 1),
      ...article.slice(13),
    ]
    expect(resolveAnchor(edited, anchor)).toEqual({
      paragraph: 12,
      start,
      end: cut,
      method: 'fuzzy',
    })
  })

  it('orphans rather than throws for anchors that do not fit the article', () => {
    const anchor = bookmarks.names as Anchor
    const elsewhere = { ...anchor, position: { paragraph: 500, start: 0, end: 58 } }
    expect(resolveAnchor(removed, elsewhere)).toBeNull()
    expect(resolveAnchor(article, elsewhere)).toMatchObject({ paragraph: 17, method: 'quote' })
    expect(resolveAnchor([], anchor)).toBeNull()
    expect(resolveAnchor([''], anchor)).toBeNull()
    const empty = { ...anchor, quote: { exact: '', prefix: '', suffix: '' } }
    expect(resolveAnchor(article, empty)).toBeNull()
    const damaged = { ...anchor, position: { paragraph: -3, start: 9, end: 2 } }
    expect(resolveAnchor(article, damaged)).toMatchObject({ paragraph: 17, method: 'quote' })
    const noPosition = { quote: anchor.quote } as unknown as Anchor
    expect(resolveAnchor(article, noPosition)).toMatchObject({ paragraph: 17, method: 'quote' })
    expect(resolveAnchor(article, { position: anchor.position } as unknown as Anchor)).toBeNull()
    // Too short to look for fuzzily: a changed short phrase is orphaned, not guessed at.
    const short = describePassage(['Putin met Bennett.'], { paragraph: 0, start: 0, end: 5 })
    expect(resolveAnchor(['Puttin met Bennett.'], short)).toBeNull()
  })
})

describe('hostile text', () => {
  const paragraphs = [
    'The family 👩‍👩‍👧 went out; then 👨🏽‍💻 wrote 🇮🇱 and 🇷🇺 flags.',
    'שלום עולם, זה משפט בעברית עם ניקוד: שָׁלוֹם.',
    'مرحبا بالعالم، هذه جملة عربية مع تشكيل: السَّلَامُ عَلَيْكُمْ.',
    'Combining marks: e\u0301te\u0301, n\u0303, Z\u0351\u0368\u0364a\u0352\u0365l\u0310g\u0334o.',
    '<script>alert("x")</script> & <img src=x onerror=alert(1)> \u202Eevil\u202C',
    'lorem ipsum dolor sit amet '.repeat(3704).trim(),
  ]
  const passages: [paragraph: number, words: string][] = [
    [0, '👩‍👩‍👧'],
    [0, 'then 👨🏽‍💻 wrote 🇮🇱'],
    [1, 'זה משפט בעברית'],
    [1, 'שָׁלוֹם'],
    [2, 'السَّلَامُ عَلَيْكُمْ'],
    [3, 'e\u0301te\u0301'],
    [3, 'Z\u0351\u0368\u0364a\u0352\u0365l\u0310g\u0334o'],
    [4, '<script>alert("x")</script>'],
    [4, '\u202Eevil\u202C'],
    [5, paragraphs[5] as string],
    [5, 'sit amet lorem'],
  ]

  it('round-trips passages in any script through their saved position', () => {
    expect(paragraphs[5]?.length).toBeGreaterThan(100_000)
    for (const [paragraph, words] of passages) {
      const start = (paragraphs[paragraph] as string).lastIndexOf(words)
      const position = { paragraph, start, end: start + words.length }
      const anchor = describePassage(paragraphs, position)
      expect(anchor.quote.exact).toBe(words)
      expect(resolveAnchor(paragraphs, anchor), words.slice(0, 20)).toEqual({
        ...position,
        method: 'position',
      })
      // And by quote once a paragraph is added above.
      const shifted = ['A new first paragraph.', ...paragraphs]
      expect(resolveAnchor(shifted, anchor), words.slice(0, 20)).toEqual({
        ...position,
        paragraph: paragraph + 1,
        method: 'quote',
      })
    }
  })
})

describe('resolveAnchors at scale', () => {
  it('places 1000 anchors in a 50,000-word article', () => {
    const paragraphs = syntheticArticle(50_000, 100)
    const anchors = Array.from({ length: 1000 }, (_, i) => {
      const paragraph = (i * 7) % paragraphs.length
      const text = paragraphs[paragraph] as string
      const start = text.indexOf(' ', (i * 37) % (text.length - 80)) + 1
      return describePassage(paragraphs, { paragraph, start, end: start + 20 + (i % 60) })
    })
    const found = resolveAnchors(paragraphs, anchors)
    expect(found).toHaveLength(1000)
    found.forEach((r, i) =>
      expect(r).toEqual({ ...(anchors[i] as Anchor).position, method: 'position' }),
    )
    const shifted = ['A new first paragraph.', ...paragraphs]
    const refound = resolveAnchors(shifted, anchors)
    expect(refound.every((r, i) => r && textAt(shifted, r) === anchors[i]?.quote.exact)).toBe(true)
  })
})

/** Deterministic pseudo-random prose: `words` words in paragraphs of `perParagraph`. */
function syntheticArticle(words: number, perParagraph: number): string[] {
  const vocabulary =
    `reader article passage bookmark annotation quote paragraph context edit revision
    library offline window margin column typeface heading section chapter footnote citation source
    author date publication archive index search query result snippet highlight colour note tag
    trash restore backup recovery store journal record anchor selector prefix suffix position
    river mountain valley harbour lighthouse orchard meadow forest desert glacier island canyon
    morning evening winter summer autumn spring thunder rain snow wind frost dawn dusk midnight`
      .split(/\s+/)
      .filter(Boolean)
  let seed = 20240607
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed
  }
  const paragraphs: string[] = []
  for (let done = 0; done < words; done += perParagraph) {
    const sentence = Array.from(
      { length: perParagraph },
      () => vocabulary[next() % vocabulary.length],
    )
    paragraphs.push(`${sentence.join(' ')}.`)
  }
  return paragraphs
}

describe('passages across paragraphs', () => {
  const tail = (p: number, chars: number) => (article[p] as string).length - chars
  /** From the last 40 characters of paragraph 4 to the first 30 of paragraph 6. */
  const position = { paragraph: 4, start: tail(4, 40), endParagraph: 6, end: 30 }
  const joined = (paragraphs: readonly string[], r: ResolvedAnchor): string =>
    articleText(paragraphs).slice(
      articleText(paragraphs.slice(0, r.paragraph)).length + (r.paragraph ? 2 : 0) + r.start,
      articleText(paragraphs.slice(0, r.endParagraph ?? r.paragraph)).length +
        ((r.endParagraph ?? r.paragraph) ? 2 : 0) +
        r.end,
    )

  it('saves the whole passage, its paragraphs joined by a blank line', () => {
    const anchor = describePassage(article, position)
    expect(anchor.position).toEqual(position)
    expect(anchor.quote.exact).toBe(
      [(article[4] as string).slice(-40), article[5], (article[6] as string).slice(0, 30)].join(
        '\n\n',
      ),
    )
    expect(anchor.quote.suffix).toBe((article[6] as string).slice(30, 62))
    expect((article[4] as string).slice(0, -40).endsWith(anchor.quote.prefix)).toBe(true)
  })

  it('is found at its position, and by its quote once paragraphs before it move', () => {
    const anchor = describePassage(article, position)
    expect(resolveAnchor(article, anchor)).toEqual({ ...position, method: 'position' })
    const shifted = ['A new first paragraph.', 'And a second.', ...article]
    const found = resolveAnchor(shifted, anchor)
    expect(found).toEqual({ ...position, paragraph: 6, endParagraph: 8, method: 'quote' })
    expect(joined(shifted, found!)).toBe(anchor.quote.exact)
  })

  it('is found fuzzily when a word inside it changed', () => {
    const anchor = describePassage(article, position)
    const edited = [...article]
    edited[5] = (article[5] as string).replace(/\b(the|a)\b/, 'THE')
    const found = resolveAnchor(edited, anchor)
    expect(found).toMatchObject({ paragraph: 4, endParagraph: 6, end: 30, method: 'fuzzy' })
  })

  it('ends that fall in a paragraph break are moved onto the text', () => {
    // The selection ran from the end of paragraph 2 into the start of 3's break: it is 2's tail.
    const end2 = (article[2] as string).length
    const anchor = describePassage(article, { paragraph: 2, start: end2 - 10, end: end2 })
    expect(anchor.position).toEqual({ paragraph: 2, start: end2 - 10, end: end2 })
  })

  it('refuses a passage that ends before it starts, or in a paragraph that is not there', () => {
    expectInvalid(() =>
      describePassage(article, { paragraph: 5, start: 0, end: 3, endParagraph: 4 }),
    )
    expectInvalid(() =>
      describePassage(article, { paragraph: 5, start: 0, end: 3, endParagraph: 999 }),
    )
    expectInvalid(() =>
      describePassage(article, {
        paragraph: 4,
        start: 0,
        end: (article[5] as string).length + 1,
        endParagraph: 5,
      }),
    )
  })
})
