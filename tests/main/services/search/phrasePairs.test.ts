import { describe, expect, it } from 'vitest'
import { scan, termOf, wordsOf } from '../../../../src/main/services/search/analyzer'
import {
  filterWords,
  mayHoldPairs,
  PairCollector,
  phrasePairs,
} from '../../../../src/main/services/search/phrasePairs'
import { SearchIndex, WARM_SEARCHES } from '../../../../src/main/services/search/searchIndex'
import { decodeSnapshot, encodeSnapshot } from '../../../../src/main/services/search/snapshotCodec'
import { seededRandom } from '../../../bench/corpus'
import { article } from '../../seedLibrary'

/** Words of every kind a phrase may hold: stop words, compounds, accents, other scripts. */
const WORDS = [
  'the',
  'of',
  'and',
  'what',
  'you',
  'is',
  'get',
  'see',
  'type',
  'correct',
  'types',
  'boundary',
  'layer',
  'layers',
  'shock',
  'wave',
  'F-16s',
  'Su24',
  'well-known',
  'Il-20',
  'Café',
  'Müller',
  'путин',
  'москве',
  'heat',
  'transfer',
  'given',
  'gave',
]

function randomText(random: () => number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) {
    let w = WORDS[Math.floor(random() * WORDS.length)] as string
    if (random() < 0.1) w = w[0]!.toUpperCase() + w.slice(1)
    out.push(w + (random() < 0.1 ? ',' : random() < 0.05 ? ' -' : ''))
  }
  return out.join(' ')
}

const isStop = (word: string): boolean => termOf(word) === null

/** A text's filter, fed as the index feeds it. */
function filterOf(text: string): Int32Array {
  const pairs = new PairCollector()
  let terms = 0
  scan(text, (surface, term, _s, _e, compound) => {
    if (compound) return
    pairs.word(surface, term === null)
    if (term) terms++
  })
  const filter = pairs.filter(terms)
  expect(filter.length).toBe(filterWords(terms))
  return filter
}

describe('filters of adjacent word pairs', () => {
  it('never rule out a text that holds the phrase', () => {
    const random = seededRandom(7)
    for (let t = 0; t < 300; t++) {
      const text = randomText(random, 2 + Math.floor(random() * 60))
      const filter = filterOf(text)
      const words = wordsOf(text)
      for (let from = 0; from < words.length; from++) {
        for (let length = 2; length <= 5 && from + length <= words.length; length++) {
          const phrase = words.slice(from, from + length)
          const pairs = phrasePairs([phrase], isStop)
          expect(mayHoldPairs(filter, 0, filter.length, pairs), `${phrase} in ${text}`).toBe(true)
        }
      }
    }
  })

  it('rule out most pairs a text does not hold', () => {
    const random = seededRandom(11)
    let absent = 0
    let passed = 0
    for (let t = 0; t < 200; t++) {
      // Words of a text: made up, so that most pairs of other made-up words are absent.
      const own = Array.from({ length: 100 }, (_, i) => `w${t}x${i}`)
      const filter = filterOf(own.join(' '))
      for (let i = 0; i < 50; i++) {
        const pair = [`w${t}x${Math.floor(random() * 100)}`, `v${Math.floor(random() * 1e6)}`]
        absent++
        if (mayHoldPairs(filter, 0, filter.length, phrasePairs([pair], isStop))) passed++
      }
    }
    expect(passed / absent).toBeLessThan(0.1)
  })

  it('pair each word but a stop word with the one before, and make nothing of a passage without a term', () => {
    expect(phrasePairs([['and', 'the']], isStop)).toEqual([])
    expect(phrasePairs([['what', 'you', 'see', 'is']], isStop)).toHaveLength(1)
    expect(phrasePairs([['see', 'the']], isStop)).toEqual([])
    const empty = filterOf('and the of')
    expect(empty).toHaveLength(0)
    // A phrase of stop words needs no pair, and may be anywhere.
    expect(mayHoldPairs(empty, 0, 0, [])).toBe(true)
    expect(mayHoldPairs(empty, 0, 0, phrasePairs([['the', 'wave']], isStop))).toBe(false)
  })
})

describe('phrase search with pair filters', () => {
  const random = seededRandom(3)
  const articles = Array.from({ length: 40 }, (_, a) =>
    article(
      `a${a}`,
      `Article ${a}`,
      Array.from({ length: 12 }, () => randomText(random, 5 + Math.floor(random() * 40))),
    ),
  )
  const texts = new Map(articles.map((a) => [a.id, a.paragraphs]))
  /** Phrases taken from the paragraphs, each with the paragraph it came from. */
  const phrases: [phrase: string, key: string][] = []
  for (const a of articles.slice(0, 20)) {
    a.paragraphs.forEach((p, i) => {
      const words = wordsOf(p)
      if (words.length < 3) return
      const from = Math.floor(random() * (words.length - 2))
      const length = 2 + Math.floor(random() * Math.min(4, words.length - from - 1))
      phrases.push([`"${words.slice(from, from + length).join(' ')}"`, `${a.id}#${i}`])
    })
  }
  const keys = (index: SearchIndex, q: string): string[] =>
    index.search(q, 1000).map((h) => `${h.articleId}#${h.paragraph}`)

  it('finds every paragraph holding a phrase, as built and from a snapshot, old and new', () => {
    // Built as the index worker builds, reading texts back rather than keeping them.
    const built = new SearchIndex({}, undefined, (id, p) => texts.get(id)?.[p])
    for (const a of articles.slice(0, 30)) built.addArticle(a)
    const bytes = encodeSnapshot(built.toSnapshot(), null)
    const loaded = SearchIndex.fromSnapshot(
      decodeSnapshot(bytes).snapshot,
      (id, p) => texts.get(id)?.[p],
    )
    // Added after the load, beside the snapshot's filters; some gone.
    for (const a of articles.slice(30)) {
      built.addArticle(a)
      loaded.addArticle(a)
    }
    built.removeArticles(['a3'])
    loaded.removeArticles(['a3'])
    const again = SearchIndex.fromSnapshot(loaded.toSnapshot(), (id, p) => texts.get(id)?.[p])
    let found = 0
    for (const [phrase, key] of phrases) {
      const expected = keys(built, phrase)
      if (!key.startsWith('a3#')) {
        expect(expected, phrase).toContain(key)
        found++
      }
      expect(keys(loaded, phrase), phrase).toEqual(expected)
      expect(keys(again, phrase), phrase).toEqual(expected)
    }
    expect(found).toBeGreaterThan(100)
  })

  it('reads only the texts of passages that may hold the phrase', () => {
    // Every paragraph has both words, but only one has them side by side.
    const words = (i: number): string =>
      Array.from({ length: 6 }, (_, j) => `w${(i * 31 + j * 17) % 997}`).join(' ')
    const paragraphs = Array.from(
      { length: 400 },
      (_, i) => `correct ${words(i)} answers of type ${words(i + 1)} are checked`,
    )
    paragraphs[123] = 'a type correct program'
    const source = article('t', 'Types', paragraphs)
    const built = new SearchIndex({}, undefined, () => undefined)
    built.addArticle(source)
    let reads = 0
    const loaded = SearchIndex.fromSnapshot(built.toSnapshot(), (_id, p) => {
      reads++
      return paragraphs[p]
    })
    expect(loaded.search('"type correct"').map((h) => h.paragraph)).toEqual([123])
    expect(reads).toBeLessThan(paragraphs.length / 10)
  })

  it('keeps no filters where texts are kept, and still finds phrases from its snapshot', () => {
    const inMemory = new SearchIndex()
    for (const a of articles) inMemory.addArticle(a)
    expect(inMemory.toSnapshot().filters.length).toBe(0)
    const loaded = SearchIndex.fromSnapshot(inMemory.toSnapshot(), (id, p) => texts.get(id)?.[p])
    for (const [phrase] of phrases) {
      expect(keys(loaded, phrase), phrase).toEqual(keys(inMemory, phrase))
    }
    // Added after the load: no filter either, as the snapshot's passages have none.
    const extra = article('x', 'Extra', ['a boundary layer of shock'])
    loaded.addArticle(extra)
    texts.set('x', extra.paragraphs)
    expect(keys(loaded, '"boundary layer of shock"')).toContain('x#0')
    texts.delete('x')
  })

  it('refuses a snapshot whose filters do not match its passages', () => {
    const built = new SearchIndex({}, undefined, () => undefined)
    built.addArticle(articles[0]!)
    const snapshot = built.toSnapshot()
    const cut = { ...snapshot, filters: snapshot.filters.subarray(1) }
    expect(() => SearchIndex.fromSnapshot(cut, () => '')).toThrow(/pair filters/)
  })
})

describe('searches made before the reader’s first', () => {
  it('take each way a search can go, and change no answer', () => {
    const random = seededRandom(5)
    const articles = Array.from({ length: 30 }, (_, a) =>
      article(
        `a${a}`,
        `Article ${a}`,
        Array.from({ length: 8 }, () => randomText(random, 10 + Math.floor(random() * 30))),
      ),
    )
    const texts = new Map(articles.map((a) => [a.id, a.paragraphs]))
    const built = new SearchIndex()
    for (const a of articles) built.addArticle(a)
    const snapshot = built.toSnapshot()
    let reads = 0
    const open = (): SearchIndex =>
      SearchIndex.fromSnapshot(snapshot, (id, p) => {
        reads++
        return texts.get(id)?.[p]
      })
    const cold = open()
    const questions = ['boundary layer shock wave ', '"heat transfer"', 'bound', 'well-known']
    const expected = questions.map((q) => cold.search(q, 20))
    reads = 0
    const warmed = open()
    for (const kind of WARM_SEARCHES) warmed.warm(kind)
    // A phrase was looked for in paragraphs, and a misspelt word's nearest word is known.
    expect(reads).toBeGreaterThan(0)
    expect(questions.map((q) => warmed.search(q, 20))).toEqual(expected)
  })
})
