/**
 * Passage-level search ranked like BM25F, at FlexSearch speed.
 *
 * FlexSearch holds the inverted index, with its `resolution` slots used as impact levels:
 * each (term, passage) posting is filed under its quantised BM25F term weight, computed
 * as the passage is added (title and body fields, saturation, length normalisation). A
 * query then reads each term's postings slot by slot, already sorted from strongest to
 * weakest, multiplies by the term's idf and adds them up in a typed-array score board
 * ("score-at-a-time"). Every passage sharing a word with the question is ranked — OR
 * semantics — and on a very large index the weakest slots of the commonest words are
 * skipped once enough postings have been read, which changes scores only in the tail.
 * A second FlexSearch index over the vocabulary, its slots ordered by how many passages use
 * a word, expands a word still being typed into the library's commonest words first.
 */
import { Encoder, Index } from 'flexsearch'
import type { Article, SearchHit } from '../../../shared/types'
import { termsOf, tokenize } from './analyzer'
import { parseQuery, type ParsedQuery } from './parseQuery'
import { ScoreBoard, type Ranked } from './scoreBoard'
import { makeSnippet } from './snippet'

/** How terms are weighed; the defaults were chosen on the Cranfield collection (`npm run bench`). */
export interface Tuning {
  /** BM25 saturation: how fast repeating a word stops adding to a passage's score. */
  k1: number
  /** Length normalisation of the body and of the title (0 = none, 1 = full). */
  bodyB: number
  titleB: number
  /** A title word counts as this many body words (the BM25F field weight). */
  titleWeight: number
  /**
   * Pseudo-relevance feedback for questions of at least `feedbackMinTerms` words: the
   * `feedbackTerms` words that best characterise the `feedbackPassages` best passages
   * join the query at up to `feedbackWeight` of a query word's weight.
   */
  feedbackMinTerms: number
  feedbackPassages: number
  feedbackTerms: number
  feedbackWeight: number
}

export const DEFAULT_TUNING: Tuning = {
  k1: 2.5,
  bodyB: 0.75,
  titleB: 1,
  titleWeight: 3,
  feedbackMinTerms: 4,
  feedbackPassages: 5,
  feedbackTerms: 12,
  feedbackWeight: 0.5,
}

/** Impact levels, i.e. FlexSearch resolution slots: slot 0 holds the strongest postings. */
const LEVELS = 32
/** How many vocabulary words a typed prefix may stand for. */
const MAX_EXPANSIONS = 32
/** Vocabulary slots: slot 0 for the commonest words, by half-steps of log2(document frequency). */
const VOCABULARY_LEVELS = 32
/** Terms whose postings are kept at hand between queries. */
const MAX_LOOKUPS = 50_000
/** Postings a query reads at least before skipping weak slots (see `rank`). */
const MIN_BUDGET = 120_000
/** The same while a word is still being typed: an answer per keystroke must come at once. */
const TYPEAHEAD_BUDGET = 8_000

/** Anything searchable: an article's paragraph, or a bookmark or note of the reader's. */
export interface SearchDocument {
  kind: SearchHit['kind']
  annotationId?: string
  articleId: string
  title: string
  paragraph: number
  text: string
}

/** A passage's words, kept only until it is filed in FlexSearch. */
interface Pending {
  id: number
  body: Map<string, number>
  bodyLength: number
  title: Map<string, number>
  titleLength: number
}

/** A term's postings as read from FlexSearch: the non-empty impact slots, strongest first. */
interface Level {
  weight: number
  ids: number[]
}
interface Postings {
  levels: Level[]
  count: number
  idf: number
}

/** A passage's terms (ids into `termNames`) with their impact slots, for feedback. */
interface TermVector {
  terms: Int32Array
  slots: Uint8Array
}

/** A term to look up, with its weight; a prefix's expansions are alternatives to each other. */
interface Asked {
  term: string
  weight: number
  alternative: boolean
}

export interface RankedPassage extends Ranked {
  passage: SearchDocument
}

/** Our terms are already analysed: FlexSearch only has to split on spaces. */
const passthrough = () =>
  new Encoder({
    normalize: false,
    split: ' ',
    dedupe: false,
    numeric: false,
    minlength: 1,
    cache: false,
  })

const frequencies = (terms: string[]): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1)
  return counts
}

/**
 * An article index as plain JSON, to load instead of re-analysing a large library. The
 * passages' text is not in it: the library has it already.
 */
export interface SearchSnapshot {
  version: typeof SNAPSHOT_VERSION
  tuning: Tuning
  /** [articleId, paragraph, index into `titles`] per passage. */
  passages: [string, number, number][]
  titles: string[]
  docFreq: [string, number][]
  bodyTotal: number
  titleTotal: number
  termNames: string[]
  /** Per passage: its term ids, then their slots. */
  vectors: [number[], number[]][]
  /** Folded vocabulary words, in vocabulary-id order, with their terms. */
  vocabulary: [string, string][]
  /** FlexSearch's own exports: [key, data] chunks. */
  flexPostings: [string, string][]
  flexVocabulary: [string, string][]
}

/** Bumped whenever analysis or weighting changes, so an old snapshot is rebuilt, not misread. */
export const SNAPSHOT_VERSION = 1

export class SearchIndex {
  private readonly tuning: Tuning
  constructor(tuning: Partial<Tuning> = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning }
  }

  /** Term weights range over (0, k1 + 1); slot 0 holds the top of that range. */
  private weightOfSlot(slot: number): number {
    return ((LEVELS - slot) / LEVELS) * (this.tuning.k1 + 1)
  }

  /** Slots of the passage being filed, read by FlexSearch's `score` hook. */
  private readonly filing = new Map<string, number>()
  private readonly postings = new Index({
    tokenize: 'strict',
    encoder: passthrough(),
    resolution: LEVELS,
    score: (_content, term) => this.filing.get(term) ?? LEVELS - 1,
  })
  /** Slot of the word being filed in the vocabulary, read by its `score` hook. */
  private wordSlot = 0
  private readonly vocabulary = new Index({
    tokenize: 'forward',
    encoder: passthrough(),
    resolution: VOCABULARY_LEVELS,
    score: () => this.wordSlot,
  })
  /** Words met since the last filing, for the vocabulary. */
  private readonly newWords: string[] = []
  private readonly passages: SearchDocument[] = []
  private readonly pending: Pending[] = []
  private readonly docFreq = new Map<string, number>()
  /** Vocabulary id → index term of the folded word. */
  private readonly vocabularyTerms: string[] = []
  private readonly vocabularyIds = new Map<string, number>()
  private readonly board = new ScoreBoard()
  private readonly vectors: TermVector[] = []
  private readonly termIds = new Map<string, number>()
  private readonly termNames: string[] = []
  /** Scratch weights for feedback, and idf by term id (0 = not yet known; reset on filing). */
  private suggested = new Float64Array(0)
  private termIdf = new Float64Array(0)
  private readonly lookups = new Map<string, Postings>()
  private bodyTotal = 0
  private titleTotal = 0

  get size(): number {
    return this.passages.length
  }

  /** Files everything added so far, as the first query would (for timing a build). */
  commit(): void {
    if (this.pending.length || this.newWords.length) this.flush()
  }

  /** Indexes each paragraph of an article as a passage; the title is a field of each. */
  addArticle(article: Pick<Article, 'id' | 'title' | 'paragraphs'>): void {
    const title = this.analyse(article.title)
    article.paragraphs.forEach((text, paragraph) => {
      this.addPassage(
        { kind: 'passage', articleId: article.id, title: article.title, paragraph, text },
        title,
      )
    })
  }

  /** Indexes one passage with no title field (the reader's bookmarks and notes). */
  addDocument(doc: SearchDocument): number {
    return this.addPassage(doc, [])
  }

  private addPassage(doc: SearchDocument, titleTerms: string[]): number {
    const body = this.analyse(doc.text)
    const pending: Pending = {
      id: this.passages.length,
      body: frequencies(body),
      bodyLength: body.length,
      title: frequencies(titleTerms),
      titleLength: titleTerms.length,
    }
    for (const t of new Set([...pending.body.keys(), ...pending.title.keys()])) {
      this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1)
    }
    this.passages.push(doc)
    this.pending.push(pending)
    this.bodyTotal += body.length
    this.titleTotal += titleTerms.length
    return pending.id
  }

  /**
   * Files waiting passages in FlexSearch. Deferred to the first query so that a whole
   * library is weighed against its final average lengths; passages added later are
   * weighed against the averages of their time, a drift too small to reorder results.
   */
  private flush(): void {
    const n = Math.max(1, this.passages.length)
    const bodyAverage = Math.max(1, this.bodyTotal / n)
    const titleAverage = Math.max(1, this.titleTotal / n)
    const { k1, bodyB, titleB, titleWeight } = this.tuning
    this.lookups.clear()
    this.termIdf.fill(0)
    for (const word of this.newWords.splice(0)) {
      const id = this.vocabularyIds.get(word) as number
      const df = this.docFreq.get(this.vocabularyTerms[id] as string) ?? 1
      this.wordSlot = Math.max(0, VOCABULARY_LEVELS - 1 - Math.floor(2 * Math.log2(df)))
      this.vocabulary.add(id, word)
    }
    for (const p of this.pending.splice(0)) {
      const bodyNorm = 1 - bodyB + (bodyB * p.bodyLength) / bodyAverage
      const titleNorm = 1 - titleB + (titleB * p.titleLength) / titleAverage
      this.filing.clear()
      const file = (term: string, inBody: number, inTitle: number): void => {
        // A passage without a title has no title part (and a zero title norm).
        const tf = inBody / bodyNorm + (inTitle && (titleWeight * inTitle) / titleNorm)
        const weight = (tf * (k1 + 1)) / (tf + k1)
        const slot = LEVELS - Math.ceil((weight / (k1 + 1)) * LEVELS)
        this.filing.set(term, Math.min(LEVELS - 1, Math.max(0, slot)))
      }
      for (const [t, inBody] of p.body) file(t, inBody, p.title.get(t) ?? 0)
      for (const [t, inTitle] of p.title) if (!p.body.has(t)) file(t, 0, inTitle)
      this.postings.add(p.id, [...this.filing.keys()].join(' '))
      const vector: TermVector = {
        terms: new Int32Array(this.filing.size),
        slots: new Uint8Array(this.filing.size),
      }
      let i = 0
      for (const [term, slot] of this.filing) {
        vector.terms[i] = this.termId(term)
        vector.slots[i++] = slot
      }
      this.vectors[p.id] = vector
    }
  }

  /** The whole index as JSON-ready data; only for indexes of article passages. */
  toSnapshot(): SearchSnapshot {
    if (this.pending.length || this.newWords.length) this.flush()
    const titles = [...new Set(this.passages.map((p) => p.title))]
    const titleIds = new Map(titles.map((t, i) => [t, i]))
    const chunks = (index: Index): [string, string][] => {
      const out: [string, string][] = []
      void index.export((key: string, data: string) => {
        out.push([key, data])
      })
      return out
    }
    return {
      version: SNAPSHOT_VERSION,
      tuning: this.tuning,
      passages: this.passages.map((p) => [p.articleId, p.paragraph, titleIds.get(p.title) ?? 0]),
      titles,
      docFreq: [...this.docFreq],
      bodyTotal: this.bodyTotal,
      titleTotal: this.titleTotal,
      termNames: this.termNames,
      vectors: this.vectors.map((v) => [[...v.terms], [...v.slots]]),
      vocabulary: [...this.vocabularyIds].map(([word, id]) => [
        word,
        this.vocabularyTerms[id] as string,
      ]),
      flexPostings: chunks(this.postings),
      flexVocabulary: chunks(this.vocabulary),
    }
  }

  /**
   * An index from its snapshot; `textOf` gives each passage's text back. Throws on a
   * snapshot of another version or one that does not match the library.
   */
  static fromSnapshot(
    snapshot: SearchSnapshot,
    textOf: (articleId: string, paragraph: number) => string | undefined,
  ): SearchIndex {
    if (snapshot.version !== SNAPSHOT_VERSION) throw new Error('search snapshot of another version')
    const index = new SearchIndex(snapshot.tuning)
    for (const [articleId, paragraph, title] of snapshot.passages) {
      const text = textOf(articleId, paragraph)
      if (text === undefined)
        throw new Error(`search snapshot names a missing passage ${articleId}`)
      const passageTitle = snapshot.titles[title] ?? ''
      index.passages.push({ kind: 'passage', articleId, title: passageTitle, paragraph, text })
    }
    for (const [term, df] of snapshot.docFreq) index.docFreq.set(term, df)
    index.bodyTotal = snapshot.bodyTotal
    index.titleTotal = snapshot.titleTotal
    snapshot.termNames.forEach((term, id) => {
      index.termNames.push(term)
      index.termIds.set(term, id)
    })
    for (const [terms, slots] of snapshot.vectors) {
      index.vectors.push({ terms: Int32Array.from(terms), slots: Uint8Array.from(slots) })
    }
    snapshot.vocabulary.forEach(([word, term], id) => {
      index.vocabularyIds.set(word, id)
      index.vocabularyTerms.push(term)
    })
    for (const [key, data] of snapshot.flexPostings) index.postings.import(key, data)
    for (const [key, data] of snapshot.flexVocabulary) index.vocabulary.import(key, data)
    return index
  }

  /** The best passages for a query, best first, with their scores. */
  rank(query: string, limit = 50): RankedPassage[] {
    return this.run(parseQuery(query), limit).ranked
  }

  search(query: string, limit = 50): SearchHit[] {
    const parsed = parseQuery(query)
    const { ranked, matched } = this.run(parsed, limit)
    return ranked.map(({ passage, score }) => {
      const { snippet, marks } = makeSnippet(passage.text, matched, parsed)
      return {
        kind: passage.kind,
        ...(passage.annotationId ? { annotationId: passage.annotationId } : {}),
        articleId: passage.articleId,
        title: passage.title,
        paragraph: passage.paragraph,
        snippet,
        marks,
        score: Math.round(score * 1000) / 1000,
      }
    })
  }

  private run(
    parsed: ParsedQuery,
    limit: number,
  ): { ranked: RankedPassage[]; matched: Set<string> } {
    if (this.pending.length || this.newWords.length) this.flush()
    const n = this.passages.length
    this.board.ensure(n)
    const { words, expansions } = this.lookupTerms(parsed)
    const asked: Asked[] = words.map((term) => ({ term, weight: 1, alternative: false }))
    for (const term of expansions) asked.push({ term, weight: 1, alternative: true })
    this.accumulate(asked)

    // A question (several whole words, no phrase) is widened by the words
    // of its best answers so far: their postings are added on top of the scores already there.
    const feedback = new Map<string, number>()
    const { feedbackMinTerms, feedbackPassages } = this.tuning
    if (words.length >= feedbackMinTerms && !parsed.phrases.length) {
      for (const [term, weight] of this.suggestions(this.board.peek(feedbackPassages), words)) {
        feedback.set(term, weight)
      }
      this.accumulate([...feedback].map(([term, weight]) => ({ term, weight, alternative: false })))
    }

    const phrases = parsed.phrases
    if (words.length + expansions.length === 0 && phrases.length > 0) {
      for (let id = 0; id < n; id++) this.board.touch(id)
    }
    const ranked: RankedPassage[] = []
    for (const r of this.board.take(phrases.length ? n : limit)) {
      const passage = this.passages[r.id] as SearchDocument
      if (phrases.length && !hasPhrases(passage.text, phrases)) continue
      ranked.push({ id: r.id, score: r.score, passage })
      if (ranked.length >= limit) break
    }
    return { ranked, matched: new Set([...words, ...expansions, ...feedback.keys()]) }
  }

  /** The terms that best characterise the given passages, weighted for joining the query. */
  private suggestions(best: Ranked[], asked: string[]): [string, number][] {
    // Typed arrays over term ids rather than maps: this runs on every question.
    if (this.suggested.length < this.termNames.length) {
      this.suggested = new Float64Array(this.termNames.length * 2)
      this.termIdf = new Float64Array(this.termNames.length * 2)
    }
    const weights = this.suggested
    const seen: number[] = []
    for (const { id } of best) {
      const vector = this.vectors[id] as TermVector
      for (let i = 0; i < vector.terms.length; i++) {
        const term = vector.terms[i] as number
        if (weights[term] === 0) seen.push(term)
        weights[term] = (weights[term] as number) + this.weightOfSlot(vector.slots[i] as number)
      }
    }
    for (const t of asked) {
      const id = this.termIds.get(t)
      if (id !== undefined) weights[id] = 0
    }
    // The few best by weight × idf, kept in order as they are found.
    const count = this.tuning.feedbackTerms
    const top: [number, number][] = []
    for (const id of seen) {
      const weight = weights[id] as number
      weights[id] = 0
      if (weight === 0) continue
      let idf = this.termIdf[id] as number
      if (idf === 0) idf = this.termIdf[id] = this.idf(this.termNames[id] as string)
      const score = weight * idf
      if (top.length === count && score <= (top[count - 1] as [number, number])[1]) continue
      let at = top.length
      while (at > 0 && (top[at - 1] as [number, number])[1] < score) at--
      top.splice(at, 0, [id, score])
      if (top.length > count) top.pop()
    }
    const scale = this.tuning.feedbackWeight / (top[0]?.[1] ?? 1)
    return top.map(([id, score]) => [this.termNames[id] as string, score * scale])
  }

  /** Adds the terms' postings to the score board, reading strongest first past the budget. */
  private accumulate(asked: Asked[]): void {
    let total = 0
    for (const a of asked) total += this.postingsOf(a.term).count
    const typing = asked.some((a) => a.alternative)
    const budget = typing ? TYPEAHEAD_BUDGET : Math.max(MIN_BUDGET, this.passages.length)
    if (total <= budget) {
      // Small enough to read everything, in any order: no sorting, no bookkeeping.
      for (const a of asked) {
        const { idf, levels } = this.postingsOf(a.term)
        for (const { weight, ids } of levels) {
          if (a.alternative) this.board.addBest(ids, idf * a.weight * weight)
          else this.board.add(ids, idf * a.weight * weight)
        }
      }
    } else {
      // Strongest slots first across all terms (each term's slots are already in order, so a
      // merge, with nothing allocated per slot); past the budget, the weak tail of common
      // words is left unread, which only reorders the long tail.
      const terms = asked.map((a) => this.postingsOf(a.term))
      const factors = asked.map((a, i) => (terms[i] as Postings).idf * a.weight)
      const next = new Int32Array(asked.length)
      let read = 0
      for (;;) {
        let pick = -1
        let best = -1
        for (let i = 0; i < terms.length; i++) {
          const level = (terms[i] as Postings).levels[next[i] as number]
          if (level && level.weight * (factors[i] as number) > best) {
            best = level.weight * (factors[i] as number)
            pick = i
          }
        }
        if (pick < 0) break
        const { ids } = (terms[pick] as Postings).levels[next[pick] as number] as Level
        next[pick] = (next[pick] as number) + 1
        if (read > budget && ids.length > 64) continue
        read += (asked[pick] as Asked).alternative
          ? this.board.addBest(ids, best)
          : this.board.add(ids, best)
      }
    }
    this.board.closeGroup()
  }

  /**
   * The query's whole words, and the words a prefix still being typed may stand for: the
   * commonest first, since a reader typing "aero" most likely means a word the library uses.
   */
  private lookupTerms(parsed: ParsedQuery): { words: string[]; expansions: string[] } {
    const prefixTerm = parsed.prefix ? termsOf(parsed.prefix)[0] : undefined
    const words = parsed.terms.filter((t) => t !== prefixTerm)
    if (!parsed.prefix) return { words, expansions: [] }
    const expansions = new Set<string>(prefixTerm ? [prefixTerm] : [])
    const ids = this.vocabulary.search(parsed.prefix, { limit: 2 * MAX_EXPANSIONS }) as number[]
    for (const id of ids) {
      const term = this.vocabularyTerms[id] as string
      if (expansions.size >= MAX_EXPANSIONS) break
      expansions.add(term)
    }
    return { words, expansions: [...expansions] }
  }

  /**
   * A term's postings by impact slot, strongest first: FlexSearch's own arrays, read only.
   * Kept until the next filing changes them or the term's idf.
   */
  private postingsOf(term: string): Postings {
    let postings = this.lookups.get(term)
    if (!postings) {
      const slots = this.postings.search(term, { resolve: false }).result as (
        number[] | undefined
      )[]
      postings = { levels: [], count: 0, idf: this.idf(term) }
      for (let slot = 0; slot < slots.length; slot++) {
        const ids = slots[slot]
        if (!ids?.length) continue
        postings.levels.push({ weight: this.weightOfSlot(slot), ids })
        postings.count += ids.length
      }
      // Bounded: a stream of distinct queries must not grow it without end.
      if (this.lookups.size >= MAX_LOOKUPS) this.lookups.clear()
      this.lookups.set(term, postings)
    }
    return postings
  }

  private termId(term: string): number {
    let id = this.termIds.get(term)
    if (id === undefined) {
      id = this.termNames.length
      this.termNames.push(term)
      this.termIds.set(term, id)
    }
    return id
  }

  private idf(term: string): number {
    const n = this.passages.length
    const df = this.docFreq.get(term) ?? 0
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /** A text's index terms in order; its new words join the vocabulary for prefix search. */
  private analyse(text: string): string[] {
    const terms: string[] = []
    for (const t of tokenize(text)) {
      if (!t.term) continue
      terms.push(t.term)
      if (this.vocabularyIds.has(t.surface)) continue
      this.vocabularyIds.set(t.surface, this.vocabularyTerms.length)
      this.vocabularyTerms.push(t.term)
      this.newWords.push(t.surface)
    }
    return terms
  }
}

function hasPhrases(text: string, phrases: string[][]): boolean {
  const words = ` ${tokenize(text)
    .map((t) => t.surface)
    .join(' ')} `
  return phrases.every((p) => words.includes(` ${p.join(' ')} `))
}
