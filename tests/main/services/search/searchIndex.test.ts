import { Index } from 'flexsearch'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadArticleLibrary } from '../../../../src/main/services/library/articleLibrary'
import { SearchIndex, type SearchSnapshot } from '../../../../src/main/services/search/searchIndex'
import { termsOf } from '../../../../src/main/services/search/analyzer'
import { loadCranfield } from '../../../bench/cranfield'
import { averagePrecision, ndcg } from '../../../bench/metrics'
import { article, seedIndex, SEEDS } from '../../seedLibrary'

const QUESTIONS: [question: string, articleId: string, paragraph: number][] = [
  ['why did russia get involved in the syrian war', '002_dac4dfd4f164a684', 5],
  ['which drones did israel deliver to russia for use against ukraine', '004_02c1bed588b60a46', 14],
  ['how did putin describe the loss of the ilyushin', '000_ba4c929e0bb2f9d7', 1],
  ['what did putin say about hanukkah', '001_ab22bda9c27d4d3a', 10],
  [
    'how many years of diplomatic relations did russia and israel complete',
    '003_074f73b336730d63',
    4,
  ],
]

let index: SearchIndex
beforeAll(async () => {
  index = await seedIndex([
    article('ru', 'Русская статья', [
      'Владимир Путин встретился с премьер-министром Израиля в Москве.',
    ]),
    article('he', 'מאמר בעברית', ['ראש הממשלה נפגש עם נשיא רוסיה בעיר ירושלים.']),
    article('ar', 'مقال عربي', ['الْتَقَى الرَّئِيسُ الرُّوسِيُّ بِرَئِيسِ الْوُزَرَاءِ فِي مُوسْكُو.']),
    article('fr', 'Un article', ['Le président a visité l’école élémentaire de Montréal.']),
  ])
})

describe('SearchIndex', () => {
  it('answers natural-language questions with the right passage first', () => {
    for (const [question, articleId, paragraph] of QUESTIONS) {
      const [best] = index.search(question, 5)
      expect(best, question).toMatchObject({ articleId, paragraph })
    }
  })

  it('where FlexSearch on its own (all words required) finds nothing for most of them', async () => {
    const plain = new Index()
    const passages = (await loadArticleLibrary(SEEDS)).all().flatMap((a) => a.paragraphs)
    passages.forEach((p, i) => plain.add(i, p))
    const empty = QUESTIONS.filter(([q]) => (plain.search(q) as number[]).length === 0)
    expect(empty.length).toBeGreaterThanOrEqual(4)
    for (const [q] of QUESTIONS) expect(index.search(q).length, q).toBeGreaterThan(0)
  })

  it('ranks by score and returns passage-level hits', () => {
    const hits = index.search('netanyahu putin', 20)
    expect(hits.length).toBe(20)
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score)
    expect(new Set(hits.map((h) => `${h.articleId}#${h.paragraph}`)).size).toBe(hits.length)
  })

  it('matches a word being typed as a prefix', () => {
    const hits = index.search('Hanukk')
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.every((h) => /hanukkah/i.test(h.snippet))).toBe(true)
    // …but not once the word is finished with a space.
    expect(index.search('Hanukk ')).toEqual([])
  })

  it('is case- and diacritic-insensitive', () => {
    expect(index.search('ECOLE ELEMENTAIRE ')[0]?.articleId).toBe('fr')
    expect(index.search('montreal ')[0]?.articleId).toBe('fr')
  })

  it('finds Cyrillic, Hebrew and Arabic words, with or without diacritics', () => {
    expect(index.search('путин москве ')[0]?.articleId).toBe('ru')
    expect(index.search('Путин')[0]?.articleId).toBe('ru')
    expect(index.search('ירושלים ')[0]?.articleId).toBe('he')
    expect(index.search('ירוש')[0]?.articleId).toBe('he')
    expect(index.search('موسكو ')[0]?.articleId).toBe('ar')
    expect(index.search('الرئيس الروسي ')[0]?.articleId).toBe('ar')
  })

  it('requires quoted phrases to appear as written', () => {
    const hits = index.search('"encrypted telephone line"')
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({ articleId: '004_02c1bed588b60a46', paragraph: 15 })
    expect(index.search('"telephone encrypted line"')).toEqual([])
  })

  it('boosts passages of an article whose title matches', () => {
    const [best] = index.search('close relations zionism ', 1)
    expect(best?.articleId).toBe('004_02c1bed588b60a46')
  })

  it('marks the matched words in the snippet', () => {
    const [hit] = index.search('crocodile tears ')
    expect(hit).toBeDefined()
    const marked = hit!.marks.map(([s, e]) => hit!.snippet.slice(s, e).toLowerCase())
    expect(marked).toEqual(['crocodile', 'tears'])
  })

  it('answers hostile or empty queries politely', () => {
    for (const q of [
      '',
      '   ',
      '.*+?^${}()|[]\\',
      'the of and',
      '🙂🙂',
      '"',
      '"unclosed phrase',
      'x'.repeat(10_000),
    ]) {
      expect(() => index.search(q), q).not.toThrow()
    }
    expect(index.search('the of and ')).toEqual([])
  })
})

describe('SearchIndex on the Cranfield collection', () => {
  const { documents, queries } = loadCranfield()
  const cranfield = new SearchIndex()
  for (const d of documents) {
    cranfield.addArticle({ id: String(d.id), title: d.title, paragraphs: [d.text] })
  }
  const ranking = (q: string): number[] =>
    cranfield.rank(q, 100).map((r) => Number(r.passage.articleId))

  it('ranks the judged answers to 225 questions like a tuned BM25 with feedback', () => {
    const map = queries.reduce((s, q) => s + averagePrecision(ranking(q.text), q), 0)
    const gain = queries.reduce((s, q) => s + ndcg(ranking(q.text), q), 0)
    expect(map / queries.length).toBeGreaterThanOrEqual(0.33)
    expect(gain / queries.length).toBeGreaterThanOrEqual(0.4)
  })

  it('widens questions with the words of their best answers, but keeps look-ups literal', () => {
    const shares = (text: string, query: string): boolean => {
      const asked = new Set(termsOf(query))
      return termsOf(text).some((t) => asked.has(t))
    }
    const question = 'spanwise destalling behind a propeller slipstream of wings'
    const widened = cranfield.rank(question, 100).filter((r) => !shares(r.passage.text, question))
    expect(widened.length).toBeGreaterThan(0)
    for (const r of cranfield.rank('slipstream wing ', 100)) {
      expect(shares(r.passage.text, 'slipstream wing')).toBe(true)
    }
  })

  it('gives the same answers from a snapshot as from a rebuild', () => {
    const snapshot = JSON.parse(JSON.stringify(cranfield.toSnapshot())) as SearchSnapshot
    const texts = new Map(documents.map((d) => [String(d.id), d.text]))
    const loaded = SearchIndex.fromSnapshot(snapshot, (id) => texts.get(id))
    for (const q of [queries[0]!.text, 'boundary lay', '"heat transfer"', 'supersonic ']) {
      expect(loaded.search(q, 20), q).toEqual(cranfield.search(q, 20))
    }
    expect(() => SearchIndex.fromSnapshot({ ...snapshot, version: 0 } as never, () => '')).toThrow(
      /version/,
    )
    expect(() => SearchIndex.fromSnapshot(snapshot, () => undefined)).toThrow(/missing passage/)
  })
})

describe('SearchIndex without titles (the reader’s bookmarks and notes)', () => {
  it('finds passages that have no title field', () => {
    const notes = new SearchIndex()
    notes.addDocument({ kind: 'note', articleId: 'a', title: 'A', paragraph: 0, text: 'A zeugma' })
    notes.addDocument({
      kind: 'bookmark',
      articleId: 'a',
      title: 'A',
      paragraph: 2,
      text: 'quokka',
    })
    expect(notes.search('zeugma quokka').map((h) => h.kind)).toEqual(['note', 'bookmark'])
    expect(notes.search('quok').map((h) => h.kind)).toEqual(['bookmark'])
  })
})
